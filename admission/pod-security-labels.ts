/**
 * The labels with which a namespace asks Pod Security Admission to enforce, warn and audit a
 * Pod Security Standards level, pinned to a version of the standards
 * (https://kubernetes.io/docs/concepts/security/pod-security-admission/): enforcement refuses
 * Pods only; warnings and audit annotations also cover workload templates.
 */
export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

export interface PodSecurityModes {
  /** The level enforced on Pods. */
  readonly enforce: PodSecurityLevel;
  /** The level warned about (Pods and workloads). @default - the enforced level */
  readonly warn?: PodSecurityLevel;
  /** The level recorded in audit annotations. @default - the enforced level */
  readonly audit?: PodSecurityLevel;
  /** The version of the standards, `latest` or `v1.<minor>`. @default "latest" */
  readonly version?: string;
}

const VERSION = /^(latest|v1\.\d+)$/;

export function podSecurityLabels(modes: PodSecurityModes): Record<string, string> {
  const version = modes.version ?? "latest";
  if (!VERSION.test(version)) throw new Error(`Pod Security version must be "latest" or "v1.<minor>", got ${JSON.stringify(version)}`);
  const labels: Record<string, string> = {};
  for (const mode of ["enforce", "warn", "audit"] as const) {
    labels[`pod-security.kubernetes.io/${mode}`] = modes[mode] ?? modes.enforce;
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}
