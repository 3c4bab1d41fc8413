/** Linux capability names, as the runtimes and Pod Security Admission compare them. */
import type { RuleOptions } from "./types";

/** Docker's default capability set (moby `oci/caps/defaults.go`), also containerd's and CRI-O's. */
export const DOCKER_DEFAULT_CAPABILITIES: readonly string[] = [
  "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID",
  "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE",
];

/** Capabilities Pod Security `baseline` allows a container to add (exact, case-sensitive names). */
export const PSS_BASELINE_CAPABILITIES: readonly string[] = [
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
  "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
];

/** Capabilities Pod Security `restricted` allows a container to add. */
export const PSS_RESTRICTED_CAPABILITIES: readonly string[] = ["NET_BIND_SERVICE"];

/**
 * The canonical name a runtime uses: upper case, without the `CAP_` prefix. Docker and containerd
 * accept `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` alike, so a rule must compare this form.
 */
export function canonicalCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith("CAP_") ? upper.slice(4) : upper;
}

/**
 * The exact names a container may add at the configured level: baseline's list, or at restricted
 * the allowedCapabilities option narrowed to what restricted allows (the option can only take away).
 */
export function allowedAdditions(options: RuleOptions): string[] {
  if (options.level === "baseline") return [...PSS_BASELINE_CAPABILITIES];
  return options.allowedCapabilities.filter((name) => PSS_RESTRICTED_CAPABILITIES.includes(name));
}
