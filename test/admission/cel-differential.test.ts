/**
 * The generated policies' CEL, evaluated by cel-go with the API server's CEL options
 * (test/cel-oracle), names exactly the rules the pack's review names, per profile, on generated
 * workloads of every kind (workloads.ts: exemptions, options and advisory rules included), fast
 * and without a server. The objects are given as the API server hands them to
 * admission: decoded into its types, so a null field is absent (nulls are dropped here).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { stringify } from "yaml";
import { admissionObjects } from "../../admission/generate";
import { PROFILES } from "../../rules/profiles";
import { review } from "../../rules/review";
import { kubernetesSubject } from "../../rules/subject";
import type { JsonObject } from "../../rules/values";
import { smaller } from "../fuzz/live-differential";
import { askOracle } from "../helpers/go-oracle";
import { NEVER_DENIED, profileConfiguration, samples } from "./workloads";

const SEED = 20261202;
const WORKLOADS = 10_000;
const PREFIX = "p";

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

interface Answer {
  failing: string[];
  errors: string[];
}

for (const profile of PROFILES) {
  describe(`the CEL of ${profile}, evaluated by cel-go`, () => {
    const configuration = profileConfiguration(profile);
    const policies = admissionObjects(configuration, { namePrefix: PREFIX });
    const expected = (object: JsonObject) => {
      const subject = kubernetesSubject(object);
      return subject ? [...new Set(review(subject, configuration).findings.map((f) => f.rule))].sort() : [];
    };
    /** The oracle's answers for the objects, and for each what disagrees (undefined when nothing). */
    const judge = (objects: JsonObject[]) => {
      const answers = askOracle("cel-oracle", [{ policies }, ...objects.map((object) => ({ object, namespace: "default" }))]).slice(1) as Answer[];
      return answers.map((answer, i) => {
        const failing = answer.failing.map((name) => name.slice(PREFIX.length + 1));
        const pack = expected(objects[i]!);
        const key = `policies only [${failing.filter((r) => !pack.includes(r))}], pack only [${pack.filter((r) => !failing.includes(r))}]${answer.errors.length ? `, errors: ${answer.errors.join("; ")}` : ""}`;
        return { failing, disagreement: key === "policies only [], pack only []" ? undefined : key };
      });
    };
    const objects = samples(SEED, WORKLOADS).map((sample) => withoutNulls(sample.object) as JsonObject);
    const judged = judge(objects);

    test(`names the rules the pack names, on ${WORKLOADS} workloads (seed ${SEED})`, () => {
      const groups = new Map<string, JsonObject>();
      judged.forEach(({ disagreement }, i) => {
        if (disagreement && !groups.has(disagreement)) groups.set(disagreement, objects[i]!);
      });
      const reports = [...groups].slice(0, 5).map(([key, object]) => {
        // Shrink: one oracle run per round over every one-step-smaller candidate.
        let current = object;
        for (let progress = true; progress; ) {
          const candidates = [...(smaller(current) as Generator<JsonObject>)].filter((c) => c.kind === object.kind);
          const next = candidates.find((_, i) => judge([candidates[i]!])[0]!.disagreement === key);
          progress = next !== undefined;
          if (next) current = next;
        }
        return `${key}\n---\n${stringify(current)}`;
      });
      assert.equal(groups.size, 0, `${groups.size} kinds of disagreement; shrunk examples:\n\n${reports.join("\n\n")}`);
    });

    test("every rule's policy both fails and passes in the sample", (t) => {
      const enabled = configuration.rules.filter((rule) => rule.enforcement !== "disabled" && rule.entry.kubernetes).map((rule) => rule.entry.meta.id);
      const failed = new Map(enabled.map((rule) => [rule, judged.filter((j) => j.failing.includes(rule)).length]));
      t.diagnostic(`failed per rule: ${[...failed].map(([rule, n]) => `${rule} ${n}`).join(", ")}`);
      assert.deepEqual(enabled.filter((rule) => failed.get(rule) === 0 && !NEVER_DENIED[profile]?.includes(rule)), [], "never failed");
      for (const rule of NEVER_DENIED[profile] ?? []) assert.equal(failed.get(rule), 0, `${rule} failed, so it need not be listed as never failing`);
      assert.deepEqual(enabled.filter((rule) => failed.get(rule) === WORKLOADS), [], "never passed");
    });
  });
}
