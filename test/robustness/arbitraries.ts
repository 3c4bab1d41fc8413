/** fast-check arbitraries for inputs no well-behaved program would send. */
import fc from "fast-check";
import { ENGINE_SENTINELS } from "../../policypack/engine-values";
import { UNKNOWN, type Unknown } from "../../rules/values";

/** Any JSON value, numbers that are not JSON (NaN, infinities, -0) and very long strings included. */
export function garbage(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2, -1, 2 ** 31, "", " ", "0", "root", "ALL", "all"),
    fc.string({ minLength: 10_000, maxLength: 10_000 }),
  );
}

/** One of the engine's sentinels for a value unknown at preview (what the pack receives). */
export function sentinel(): fc.Arbitrary<string> {
  return fc.constantFrom(...ENGINE_SENTINELS);
}

/** The catalogue's unknown value (what the rules receive in place of a sentinel). */
export function unknownValue(): fc.Arbitrary<Unknown> {
  return fc.constant(UNKNOWN);
}

/** apiVersion/kind/metadata of every built-in workload kind and of an unknown custom kind. */
export function workloadKinds(): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    apiVersion: fc.constantFrom("v1", "apps/v1", "batch/v1", "argoproj.io/v1alpha1"),
    kind: fc.constantFrom("Pod", "PodTemplate", "ReplicationController", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Rollout"),
    metadata: fc.oneof(fc.constant({ name: "web", namespace: "shop" }), garbage()),
  });
}
