/**
 * Linux capabilities by number (include/uapi/linux/capability.h), to read the CapEff/CapBnd masks of
 * /proc/<pid>/status; and this process's own bounding set, since root in this sandbox lacks some
 * (SYS_RESOURCE), so no container it starts can hold them.
 */
import { readFileSync } from "node:fs";

export const CAPABILITY_NUMBERS: readonly string[] = [
  "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE",
  "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT",
  "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE",
  "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ",
  "PERFMON", "BPF", "CHECKPOINT_RESTORE",
];

/** The names of the capabilities set in a /proc status mask. */
export function capabilityNames(mask: bigint): Set<string> {
  return new Set(CAPABILITY_NUMBERS.filter((_, bit) => (mask >> BigInt(bit)) & 1n));
}

/** The capabilities this process (and so anything it starts) can hold. */
export const SANDBOX_BOUNDING: ReadonlySet<string> = capabilityNames(BigInt(`0x${/^CapBnd:\s*([0-9a-f]+)$/m.exec(readFileSync("/proc/self/status", "utf8"))![1]!}`));
