/**
 * The catalogue agrees with the official Pod Security Admission evaluator (test/psa-oracle) on a
 * fixed-seed sample of generated workloads, at baseline and at restricted. `npm run fuzz` runs a
 * larger sample with a fresh seed (test/fuzz/run.ts).
 *
 * The first run on a machine builds the oracle from the Go module proxy (about a minute on a cold
 * Go cache; cached outside the repository afterwards).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { disagreements, LEVELS, runDifferential, type DifferentialResult } from "./differential";
import { WORKLOAD_KINDS } from "./pod-generator";
import { PsaOracle } from "./psa-oracle";
import { EVERY_PSA_REASON } from "./psa-reasons";

const SEED = 20261126;
const WORKLOADS = 10_000;

let oracle: PsaOracle;
let result: DifferentialResult;

before(async () => {
  oracle = new PsaOracle();
  result = await runDifferential(oracle, SEED, WORKLOADS);
});
after(() => oracle.close());

test(`pss-baseline and pss-restricted forbid exactly what PSA forbids, on ${WORKLOADS} workloads (seed ${SEED})`, () => {
  assert.equal(result.failure, undefined, result.failure);
  assert.equal(result.compared, WORKLOADS);
});

// A sample that never reaches a check, or never lets a pod through, would agree without testing.
test("the sample reaches both verdicts at each level and every PSA check", (t) => {
  for (const level of LEVELS) {
    const { allowed, forbidden } = result.levels[level];
    t.diagnostic(`${level}: PSA allowed ${allowed}, forbade ${forbidden}`);
    assert.ok(allowed >= WORKLOADS / 10, `${level}: only ${allowed} allowed`);
    assert.ok(forbidden >= WORKLOADS / 10, `${level}: only ${forbidden} forbidden`);
  }
  const reasons = [...result.levels.baseline.reasons.keys(), ...result.levels.restricted.reasons.keys()];
  for (const reason of EVERY_PSA_REASON) assert.ok(reasons.includes(reason), `no pod was forbidden for "${reason}"`);
  assert.deepEqual([...result.kinds.keys()].sort(), Object.keys(WORKLOAD_KINDS).sort());
});

/** A restricted-compliant Pod with the given volumes. */
function podWithVolumes(volumes: unknown[]) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "volumes" },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      containers: [{ name: "app", image: "app", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }],
      volumes,
    },
  };
}

// The generator leaves these out on purpose (restricted-volume-types documents why); this shows the
// comparison would catch them, and pins down how we differ.
test("deliberate differences, never generated: a volume with no source or two sources", async () => {
  const sourceless = podWithVolumes([{ name: "scratch" }]);
  const sourcelessFound = disagreements(sourceless, await oracle.judge(sourceless));
  assert.deepEqual(sourcelessFound.map((d) => [d.level, d.psa.allowed, d.ours.forbidden]), [["restricted", false, false]]);

  const twoSources = podWithVolumes([{ name: "both", configMap: { name: "settings" }, hostPath: { path: "/etc" } }]);
  const twoSourcesFound = disagreements(twoSources, await oracle.judge(twoSources));
  assert.deepEqual(twoSourcesFound.map((d) => [d.level, d.psa.allowed, d.ours.forbidden]), [["restricted", true, true]]);
});

test("deliberate differences, never generated: a resource without a pod template, a null container", async () => {
  const noTemplate = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "empty" }, spec: { selector: {} } };
  const noTemplateFound = disagreements(noTemplate, await oracle.judge(noTemplate));
  assert.deepEqual(noTemplateFound.map((d) => [d.level, d.psa.allowed, d.ours.forbidden]), [["baseline", true, true], ["restricted", true, true]]);

  const nullContainer = { apiVersion: "v1", kind: "Pod", metadata: { name: "null" }, spec: { containers: [null] } };
  const nullContainerFound = disagreements(nullContainer, await oracle.judge(nullContainer));
  assert.deepEqual(nullContainerFound.map((d) => [d.level, d.psa.allowed, d.ours.forbidden]), [["baseline", true, true]]);
});
