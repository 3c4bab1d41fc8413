/**
 * The checker and the pack agree with a live API server's Pod Security Admission on generated Pods
 * written as YAML text (live-differential.ts) with YAML 1.1 spellings, merge keys and duplicate keys
 * (yaml-text.ts), at baseline and restricted, on a fixed seed.
 * `npm run fuzz` runs a larger sample with a fresh seed (test/fuzz/run.ts).
 *
 * The first run on a machine builds etcd, kube-apiserver and kubectl from the Go module proxy
 * (scripts/build-kube.sh; cached outside the repository afterwards).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { RunningPack } from "../../testing/index";
import { sharedCluster } from "../helpers/cluster";
import { LEVELS, type Level } from "./differential";
import { createLevelNamespaces, runLiveDifferential, startLevelPacks, summary, type LiveResult } from "./live-differential";
import { BASELINE_PSA_REASONS, RESTRICTED_ONLY_PSA_REASONS } from "./psa-reasons";

const SEED = 20261203;
/** Enough that over 5,000 Pods per level get a Pod Security verdict, whatever validation still refuses. */
const PODS = 6_000;
const COMPARED_AT_LEAST = 5_000;

let packs: Record<Level, RunningPack> | undefined;
let result: LiveResult;

before(async () => {
  const cluster = await sharedCluster();
  await createLevelNamespaces(cluster);
  packs = await startLevelPacks();
  result = await runLiveDifferential(cluster, packs, { seed: SEED, runs: PODS, quirks: true });
});
after(async () => {
  for (const level of LEVELS) await packs?.[level].stop();
});

test(`the server, the checker and the pack agree on ${PODS} generated Pods as quirky YAML (seed ${SEED})`, (t) => {
  for (const line of summary(result)) t.diagnostic(line);
  const reports = result.disagreements.map((group) => group.report).join("\n\n");
  assert.equal(result.disagreements.length, 0, `${result.disagreements.length} kinds of disagreement:\n\n${reports}`);
});

test("every generated Pod is accounted for: judged by Pod Security or refused before it, and counted", () => {
  for (const level of LEVELS) {
    const { allowed, forbidden, refused } = result.levels[level];
    assert.equal(allowed + forbidden + refused, result.generated, level);
    assert.ok(allowed + forbidden >= COMPARED_AT_LEAST, `${level}: only ${allowed + forbidden} Pods got a Pod Security verdict (${refused} refused before it)`);
  }
});

// A sample that never reaches a check, or where one side never says yes or no, would agree
// without testing anything.
test("the sample reaches every Pod Security check, and both verdicts agreed at each level", () => {
  // procMount Unmasked passes baseline when the Pod has its own user namespace (hostUsers: false),
  // and validation refuses it without one: at the server only restricted can forbid it.
  const expected: Record<Level, string[]> = {
    baseline: BASELINE_PSA_REASONS.filter((reason) => reason !== "procMount"),
    restricted: [...RESTRICTED_ONLY_PSA_REASONS, "procMount"],
  };
  for (const level of LEVELS) {
    const stats = result.levels[level];
    const missing = expected[level].filter((reason) => !stats.reasons.has(reason));
    assert.deepEqual(missing, [], `${level}: no Pod was forbidden by the server for these checks`);
    assert.ok(stats.agreedAllowed >= COMPARED_AT_LEAST / 10, `${level}: only ${stats.agreedAllowed} Pods admitted by both`);
    assert.ok(stats.agreedForbidden >= COMPARED_AT_LEAST / 10, `${level}: only ${stats.agreedForbidden} Pods forbidden by both`);
  }
});
