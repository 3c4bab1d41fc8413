/**
 * Pod Security Admission's forbidden reasons at level latest, one or more per check
 * (k8s.io/pod-security-admission policy/check_*.go, v0.37.2): the words that start each reason in
 * the evaluator's results and in the API server's `violates PodSecurity` message, so that a
 * differential test can see that its sample reaches every check.
 */

/** Reasons of the checks that baseline runs (restricted runs them too). */
export const BASELINE_PSA_REASONS = [
  "forbidden AppArmor profile",
  "non-default capabilities",
  "host namespaces",
  "hostPath volumes",
  "hostPort",
  "probe or lifecycle host",
  "privileged",
  "procMount",
  "seLinuxOptions",
  "seccompProfile",
  "forbidden sysctls",
  "hostProcess",
];

/** Reasons of the checks that only restricted runs. */
export const RESTRICTED_ONLY_PSA_REASONS = [
  "allowPrivilegeEscalation != false",
  "unrestricted capabilities",
  "restricted volume types",
  "runAsNonRoot != true",
  "runAsUser=0",
];

export const EVERY_PSA_REASON = [...BASELINE_PSA_REASONS, ...RESTRICTED_ONLY_PSA_REASONS];
