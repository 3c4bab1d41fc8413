/** Test helpers for the constructs: synthesize a chart in memory and review what it wrote. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Chart, Testing } from "cdk8s";
import type { Construct } from "constructs";
import {
  SecureCronJob,
  SecureDaemonSet,
  SecureDeployment,
  SecureJob,
  SecurePod,
  SecureStatefulSet,
  type SecurePodSpecProps,
  type SecureWorkload,
} from "../../constructs/index";
import type { Review } from "../../rules/review";
import { reviewObject } from "../helpers/kubernetes";
import { PROFILES, type Profile } from "../../rules/profiles";
import type { JsonObject } from "../../rules/values";

/** The repository root (tests run from dist/test/constructs). */
export const ROOT = join(__dirname, "..", "..", "..");

/** Every secure workload kind, built from the shared pod props (kind-specific required props filled). */
export const KINDS: ReadonlyArray<{ kind: string; make(scope: Construct, id: string, props: SecurePodSpecProps): SecureWorkload }> = [
  { kind: "Deployment", make: (scope, id, props) => new SecureDeployment(scope, id, props) },
  { kind: "StatefulSet", make: (scope, id, props) => new SecureStatefulSet(scope, id, { ...props, serviceName: "db" }) },
  { kind: "DaemonSet", make: (scope, id, props) => new SecureDaemonSet(scope, id, props) },
  { kind: "Job", make: (scope, id, props) => new SecureJob(scope, id, props) },
  { kind: "CronJob", make: (scope, id, props) => new SecureCronJob(scope, id, { ...props, schedule: "*/15 * * * *" }) },
  { kind: "Pod", make: (scope, id, props) => new SecurePod(scope, id, props) },
];

/** The objects a chart holding what `build` adds synthesizes to. */
export function synth(build: (chart: Chart) => void): JsonObject[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart) as JsonObject[];
}

/** The one object a single workload synthesizes to. */
export function synthWorkload(make: (scope: Construct, id: string) => SecureWorkload): JsonObject {
  const [object, ...rest] = synth((chart) => make(chart, "app"));
  assert.equal(rest.length, 0);
  return object!;
}

export function review(object: JsonObject, profile: Profile): Review {
  return reviewObject(object, { profile });
}

/** Asserts every profile finds nothing and exempts nothing: the object passes on its own merits. */
export function assertClean(object: JsonObject): void {
  for (const profile of PROFILES) {
    const { findings, exemptions } = review(object, profile);
    assert.deepEqual(findings.map((f) => `${f.rule} ${f.path}: ${f.message}`), [], `${profile} findings`);
    assert.deepEqual(exemptions, [], `${profile} exemptions`);
  }
}

/** The pod spec inside any workload kind. */
export function podSpecOf(object: JsonObject): any {
  const spec = object.spec as any;
  switch (object.kind) {
    case "Pod":
      return spec;
    case "CronJob":
      return spec.jobTemplate.spec.template.spec;
    default:
      return spec.template.spec;
  }
}
