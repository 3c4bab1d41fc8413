/** The shape of a Kubernetes rule: a declarative header and a pure check over one pod. */
import type { Finding, RuleMeta, RuleOptions } from "../types";
import type { PodSubject } from "./workloads";

export interface KubernetesRule {
  meta: RuleMeta;
  /** Every finding for this pod; an empty list means the pod complies. */
  check(pod: PodSubject, options: RuleOptions): Finding[];
  /**
   * Hardens the pod spec in place so that `check` passes (used by the `remediate` enforcement
   * level). Absent when a safe automatic fix does not exist (e.g. removing a hostPath volume).
   */
  fix?(pod: PodSubject, options: RuleOptions): void;
}
