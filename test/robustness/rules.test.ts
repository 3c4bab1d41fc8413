/**
 * Any input through every rule: arbitrary and malformed objects never crash a rule or its fix, every
 * finding is well formed, and a field a rule reads that holds the wrong type or a value unknown at
 * preview never passes silently.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CATALOGUE } from "../../rules/catalogue";
import { fixObject, KUBERNETES_RULES } from "../../rules/kubernetes/index";
import type { RuleFinding } from "../../rules/review";
import { reviewObject } from "../helpers/kubernetes";
import { resolveOptions } from "../../rules/options";
import { PROFILES } from "../../rules/profiles";
import { UNKNOWN, type JsonObject } from "../../rules/values";
import { garbage, unknownValue, workloadKinds } from "./arbitraries";
import { deployment, kindOf, READ_FIELDS, securePod, setAt, valueAt } from "./workloads";

const SEED = 20261126;

function assertWellFormed(findings: RuleFinding[]): void {
  const ids = new Set(CATALOGUE.map((entry) => entry.meta.id));
  for (const finding of findings) {
    assert.ok(finding.outcome === "violation" || finding.outcome === "unknown", `outcome ${String(finding.outcome)}`);
    assert.ok(ids.has(finding.rule), `rule ${finding.rule}`);
    assert.equal(typeof finding.path, "string");
    assert.ok(typeof finding.message === "string" && finding.message.length > 10, `message ${finding.message}`);
  }
}

/** Every profile's review, and every fix, over one object: nothing may throw. */
function reviewEverything(object: JsonObject): RuleFinding[] {
  const findings = PROFILES.flatMap((profile) => reviewObject(object, { profile }).findings);
  assertWellFormed(findings);
  fixObject([...KUBERNETES_RULES], object, () => resolveOptions({}));
  return findings;
}

/** True when a finding is about `path`, a field inside it or the object holding it. */
function concerns(finding: RuleFinding, path: string): boolean {
  return finding.path === path || finding.path.startsWith(`${path}.`) || finding.path.startsWith(`${path}[`) || path.startsWith(`${finding.path}.`) || path.startsWith(`${finding.path}[`);
}

describe("arbitrary inputs through every rule", () => {
  it("the secure baseline of these tests passes every rule", () => {
    assert.deepEqual(reviewObject(deployment(securePod()), { profile: "hardened" }).findings, []);
  });

  it("never throws and reports only well-formed findings, for any object of any workload kind", () => {
    fc.assert(
      fc.property(workloadKinds(), fc.jsonValue({ maxDepth: 6 }), (shape, spec) => {
        reviewEverything({ ...shape, spec } as JsonObject);
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  it("never throws when any field of a secure workload holds anything, sentinels and secrets included", () => {
    const secure = deployment(securePod());
    fc.assert(
      fc.property(fc.constantFrom(...READ_FIELDS), fc.oneof(garbage(), unknownValue()), (path, value) => {
        reviewEverything(setAt(secure, path, value));
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });

  for (const path of READ_FIELDS) {
    it(`never passes silently when ${path} holds the wrong type or a value unknown at preview`, () => {
      const secure = deployment(securePod());
      const original = kindOf(valueAt(secure, path));
      const wrong: unknown[] = [42, 1.5, "yes", true, ["x"], { unexpected: 1 }, UNKNOWN].filter((value) => kindOf(value) !== original || value === UNKNOWN);
      for (const value of wrong) {
        const findings = reviewObject(setAt(secure, path, value), { profile: "hardened" }).findings;
        assert.ok(findings.some((finding) => concerns(finding, path)), `${path} = ${JSON.stringify(value)} passed every rule`);
      }
    });
  }

  it("survives huge lists and deep nesting", () => {
    const many = securePod();
    many.containers = Array.from({ length: 5_000 }, (_, i) => ({ ...(securePod().containers as JsonObject[])[0], name: `c${i}` }));
    assert.deepEqual(reviewObject(deployment(many), { profile: "hardened" }).findings, []);

    let deep: JsonObject = { leaf: true };
    for (let i = 0; i < 20_000; i++) deep = { nested: deep };
    reviewEverything({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "deep" }, spec: deep });
    reviewEverything(deployment({ ...securePod(), affinity: deep }));
  });
});
