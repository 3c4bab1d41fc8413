/**
 * The generated admission policies refuse, on a live API server, exactly what the pack's review
 * refuses, and warn about exactly what it advises (admission-differential.ts), per profile, for
 * generated workloads of every kind, exempted ones included.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { PROFILES, type Profile } from "../../rules/profiles";
import { sharedCluster } from "../helpers/cluster";
import { install, runProfile, type ProfileResult } from "./admission-differential";
import { NEVER_DENIED } from "./workloads";

const SEED = 20261202;
/** Per profile; limited by the time two dry-run requests per workload take here (see the report in the test's diagnostics). */
const WORKLOADS = Number(process.env.ADMISSION_WORKLOADS ?? 10_000);

const results = new Map<Profile, ProfileResult>();

before(async () => {
  const cluster = await sharedCluster();
  for (const profile of PROFILES) {
    await install(cluster, profile);
    results.set(profile, await runProfile(cluster, profile, { seed: SEED, runs: WORKLOADS }));
  }
});

for (const profile of PROFILES) {
  describe(`admission policies of ${profile}`, () => {
    test(`deny and warn exactly as the pack on ${WORKLOADS} generated workloads (seed ${SEED})`, (t) => {
      const result = results.get(profile)!;
      t.diagnostic(`${result.submitted} submitted in ${result.seconds.toFixed(1)} s: admitted ${result.admitted}, denied ${result.denied}, refused by validation ${[...result.refused.values()].reduce((a, b) => a + b, 0)}`);
      for (const [cause, count] of result.refused) t.diagnostic(`refused ${count}: ${cause}`);
      t.diagnostic(`exemptions applied by the pack, objects per source: ${[...result.exempted].map(([source, n]) => `${source} ${n}`).join(", ")}`);
      t.diagnostic(`the API server's defaulting changed the pack's verdict, objects per rule: ${[...result.defaulting].map(([rule, n]) => `${rule} ${n}`).join(", ") || "none"}`);
      const reports = result.disagreements.map((d) => d.report).join("\n\n");
      assert.equal(result.disagreements.length, 0, `${result.disagreements.length} kinds of disagreement:\n\n${reports}`);
      assert.deepEqual([...result.exempted.keys()].sort(), ["annotation", "configuration"], "exemptions of both sources were applied");
      assert.ok(result.admitted + result.denied >= WORKLOADS * 0.9, `only ${result.admitted + result.denied} of ${WORKLOADS} reached admission`);
    });

    test("every rule's policy both failed and passed, in agreement with the pack", (t) => {
      const result = results.get(profile)!;
      t.diagnostic(`failed per rule: ${[...result.failed].map(([rule, n]) => `${rule} ${n}`).join(", ")}`);
      const rules = [...new Set([...result.failed.keys(), ...result.passed.keys()])];
      const neverFailed = rules.filter((rule) => !result.failed.has(rule) && !NEVER_DENIED[profile]?.includes(rule));
      const neverPassed = rules.filter((rule) => !result.passed.has(rule));
      assert.deepEqual(neverFailed, [], "never failed");
      assert.deepEqual(neverPassed, [], "never passed");
      for (const rule of NEVER_DENIED[profile] ?? []) assert.equal(result.failed.has(rule), false, `${rule} failed, so it need not be listed as never denied`);
    });
  });
}
