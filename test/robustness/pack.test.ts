/**
 * Any input through the running pack, over the analyzer protocol as the engine speaks it: arbitrary
 * and malformed properties, unknown values and secrets anywhere, huge lists and deep nesting. The
 * pack answers every call, keeps running, and reports what it could not read as a finding that names
 * the resource and the field.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { secret, startPack, type Resource, type RunningPack } from "../../testing/index";
import { garbage, sentinel } from "./arbitraries";
import { deployment, READ_FIELDS, securePod, setAt } from "./workloads";

const root = join(__dirname, "..", "..", "..");
const SEED = 20261126;

const TYPES = [
  "kubernetes:apps/v1:Deployment",
  "kubernetes:core/v1:Pod",
  "kubernetes:batch/v1:CronJob",
  "kubernetes:apps/v1:DeploymentPatch",
  "kubernetes:argoproj.io/v1alpha1:Rollout",
  "docker:index/container:Container",
  "docker:index/service:Service",
  "docker:index/image:Image",
];

/** A value as the engine may put it anywhere: garbage, a sentinel, or either wrapped as a secret. */
function engineValue(): fc.Arbitrary<unknown> {
  return fc.oneof(garbage(), sentinel(), garbage().map(secret), sentinel().map(secret));
}

/** Resources no program should produce: a secure Deployment with one read field broken, or anything at all. */
function hostileResource(): fc.Arbitrary<Resource> {
  const broken = fc.tuple(fc.constantFrom(...READ_FIELDS), engineValue()).map(([path, value]) => setAt(deployment(securePod()), path, value));
  const anything = fc.dictionary(fc.constantFrom("metadata", "spec", "apiVersion", "kind", "user", "capabilities", "build", "taskSpec"), engineValue());
  return fc.record({ type: fc.constantFrom(...TYPES), name: fc.constant("hostile"), props: fc.oneof(broken, anything) });
}

describe("the running pack under hostile input", { timeout: 10 * 60_000 }, () => {
  let pack: RunningPack;
  before(async () => {
    pack = await startPack({ dir: root, dryRun: true });
    const { policies } = await pack.info();
    // remediate: every fix runs too, and a violation left over still counts as mandatory.
    await pack.configure(Object.fromEntries(policies.map((policy) => [policy.name, "remediate"])));
  });
  after(async () => pack?.stop());

  it("answers Remediate and Analyze for every hostile resource", async () => {
    for (const resource of fc.sample(hostileResource(), { seed: SEED, numRuns: 400 })) {
      await pack.remediate(resource);
      for (const diagnostic of await pack.analyze(resource)) {
        assert.ok(diagnostic.message.length > 0, `empty message from ${diagnostic.policyName}`);
        assert.doesNotMatch(diagnostic.message, /\n\s+at .+:\d+:\d+\)?/, `a stack trace from ${diagnostic.policyName}: ${diagnostic.message}`);
      }
    }
    assert.equal((await pack.info()).name, "container-hardening");
  });

  it("reports a field it cannot read with the resource and field, not as a pass", async () => {
    const resource = { type: "kubernetes:apps/v1:Deployment", name: "web", props: setAt(deployment(securePod()), "spec.template.spec.containers", "oops") };
    const diagnostics = await pack.analyze(resource);
    assert.ok(diagnostics.length > 0);
    for (const diagnostic of diagnostics) {
      assert.match(diagnostic.message, /Deployment shop\/web/);
      assert.match(diagnostic.message, /spec\.template\.spec\.containers/);
      assert.notEqual(diagnostic.enforcementLevel, "advisory");
    }
  });

  it("handles a Deployment with 2,000 containers and properties nested 1,000 deep", async () => {
    const many = securePod();
    many.containers = Array.from({ length: 2_000 }, (_, i) => ({ ...(securePod().containers as object[])[0], name: `c${i}` }));
    assert.deepEqual(await pack.analyze({ type: "kubernetes:apps/v1:Deployment", name: "many", props: deployment(many) }), []);

    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 1_000; i++) deep = { nested: deep };
    const nested = { type: "kubernetes:apps/v1:Deployment", name: "deep", props: deployment({ ...securePod(), affinity: deep }) };
    assert.deepEqual(await pack.remediate(nested), []);
    assert.deepEqual(await pack.analyze(nested), []);
  });

  it("wrote no stack trace to stderr", () => {
    assert.doesNotMatch(pack.stderr(), /\n\s+at .+:\d+:\d+\)?/);
  });
});
