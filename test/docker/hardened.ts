/**
 * "Hardened in the rule's sense", per Docker rule, from a container's measured state: the oracle the
 * rules are compared with (docker-effective-state.test.ts). Each row says what is measured, where
 * it comes from, and why that is the rule's meaning. A rule must pass a configuration exactly when
 * its row holds for the container the daemon made of it, except for the deliberate differences at
 * the end, each named with its reason.
 *
 * Evidence: `process` rows are read inside the running container (/proc/self/status, mountinfo,
 * namespaces, cgroup files, /dev) or, for a container this sandbox cannot start, from the OCI spec
 * the daemon handed to runc (EffectiveState.from = "spec"). `inspect` rows are judged from `docker
 * inspect`, because this sandbox cannot enforce them: it has no AppArmor and no SELinux, and its
 * daemon does not remap users.
 */
import { PSS_BASELINE_CAPABILITIES, PSS_RESTRICTED_CAPABILITIES } from "../../rules/capabilities";
import { exposedRuntimeSocket, exposedSensitivePath } from "../../rules/host-paths";
import { ALLOWED_SELINUX_TYPES } from "../../rules/selinux";
import { SAFE_SYSCTLS } from "../../rules/sysctls";
import type { EffectiveState, Reference } from "./effective-state";

export interface Measurement {
  state: EffectiveState;
  /** The bounding set of the same container with its added capabilities left out (measured too). */
  boundingWithoutAdds: Set<string>;
  reference: Reference;
}

export interface Row {
  /** The rule, and the level when it differs by level. */
  rule: string;
  level?: "baseline" | "restricted";
  evidence: "process" | "inspect";
  reason: string;
  hardened(m: Measurement): boolean;
}

const subset = (a: Iterable<string>, b: Set<string> | readonly string[]) => [...a].every((x) => (b instanceof Set ? b.has(x) : b.includes(x)));
const minus = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));
const MINIMUM_ID = 10000;

/** Each entry of HostConfig.SecurityOpt as the daemon splits it (moby daemon_unix.go parseSecurityOpt). */
function storedOptions(m: Measurement): Array<{ key: string; value: string }> {
  return (m.state.inspect.HostConfig.SecurityOpt ?? []).map((opt) => {
    if (opt === "disable") return { key: "label", value: "disable" };
    const separator = opt.includes("=") ? "=" : ":";
    const at = opt.indexOf(separator);
    return at < 0 ? { key: opt, value: "" } : { key: opt.slice(0, at), value: opt.slice(at + 1) };
  });
}

function addsOnlyAllowed(m: Measurement, allowed: readonly string[]): boolean {
  const granted = minus(m.state.bounding, m.boundingWithoutAdds);
  return subset(granted, allowed) && subset(m.state.bounding, new Set([...m.reference.defaultCapabilities, ...allowed]));
}

export const HARDENED: readonly Row[] = [
  {
    rule: "drop-all-capabilities",
    evidence: "process",
    reason: "With the capabilities it adds back set aside, the container's bounding set (CapBnd: every capability it or a setuid/file-capability binary can ever hold) is empty.",
    hardened: (m) => m.boundingWithoutAdds.size === 0,
  },
  {
    rule: "restrict-added-capabilities",
    level: "restricted",
    evidence: "process",
    reason: "What the adds grant (CapBnd minus CapBnd without them) is within Pod Security restricted's NET_BIND_SERVICE, and the container holds nothing beyond Docker's defaults and that (privileged holds everything).",
    hardened: (m) => addsOnlyAllowed(m, PSS_RESTRICTED_CAPABILITIES),
  },
  {
    rule: "restrict-added-capabilities",
    level: "baseline",
    evidence: "process",
    reason: "As at restricted, with Pod Security baseline's list.",
    hardened: (m) => addsOnlyAllowed(m, PSS_BASELINE_CAPABILITIES),
  },
  {
    rule: "no-privileged",
    evidence: "process",
    reason: "/sys is mounted read-only: the daemon mounts it read-write only for a privileged container (which also gets every capability and device, and no seccomp or masking).",
    hardened: (m) => m.state.sysfsReadOnly,
  },
  {
    rule: "no-host-namespaces",
    evidence: "process",
    reason: "The container's net, pid, ipc, uts and cgroup namespaces (/proc/self/ns) are not the host's (dockerd's); the user namespace is judged from inspect UsernsMode, since this daemon does not remap users and every container is in the host's.",
    hardened: (m) => m.state.hostNamespaces.length === 0 && m.state.inspect.HostConfig.UsernsMode !== "host",
  },
  {
    rule: "no-privilege-escalation",
    evidence: "process",
    reason: "NoNewPrivs is 1 in /proc/self/status.",
    hardened: (m) => m.state.noNewPrivs,
  },
  {
    rule: "run-as-non-root",
    evidence: "process",
    reason: "The process's UID (/proc/self/status Uid) is not 0.",
    hardened: (m) => m.state.uid !== 0,
  },
  {
    rule: "non-root-uid-gid",
    evidence: "process",
    reason: `UID and GID are at least ${MINIMUM_ID} and group 0 is not among its groups.`,
    hardened: (m) => m.state.uid >= MINIMUM_ID && m.state.gid >= MINIMUM_ID && !m.state.groups.includes(0),
  },
  {
    rule: "seccomp-profile",
    evidence: "process",
    reason: "Seccomp is 2 (a filter) in /proc/self/status, and the filter the daemon installed does not allow by default (SCMP_ACT_ALLOW or SCMP_ACT_LOG, from the OCI spec).",
    hardened: (m) => m.state.seccomp && !["SCMP_ACT_ALLOW", "SCMP_ACT_LOG"].includes(m.state.seccompDefaultAction ?? ""),
  },
  {
    rule: "apparmor-profile",
    evidence: "inspect",
    reason: "The AppArmor profile the daemon applies is not unconfined — the last apparmor entry of HostConfig.SecurityOpt as stored (moby parseSecurityOpt; this sandbox has no AppArmor, so the daemon records no AppArmorProfile in inspect) — and the container is not privileged (which the daemon runs unconfined).",
    hardened: (m) => storedOptions(m).filter((o) => o.key === "apparmor").at(-1)?.value !== "unconfined" && m.state.inspect.HostConfig.Privileged !== true,
  },
  {
    rule: "selinux-options",
    evidence: "inspect",
    reason: "The label options the daemon applies (inspect HostConfig.SecurityOpt as stored, with the label=disable the daemon adds itself) neither disable labelling nor set a type outside Pod Security's list, a user or a role; and the container is not privileged (moby GetProcessLabel gives a privileged container no label). This sandbox has no SELinux.",
    hardened: (m) => {
      const options = storedOptions(m).filter((o) => o.key === "label").map((o) => o.value);
      const refused = options.some((o) => o === "disable" || /^(user|role):./.test(o) || (o.startsWith("type:") && o !== "type:" && !ALLOWED_SELINUX_TYPES.includes(o.slice(5))));
      return !refused && m.state.inspect.HostConfig.Privileged !== true;
    },
  },
  {
    rule: "proc-mount",
    evidence: "process",
    reason: "/proc paths are masked (/proc/keys, /proc/timer_list have mounts over them) and /proc/sys is read-only.",
    hardened: (m) => m.state.procMasked,
  },
  {
    rule: "no-host-path-volumes",
    evidence: "process",
    reason: "No bind (or local volume binding a directory) mounts a host path that, as the host resolves it (realpath), is or lies above or below a sensitive path of rules/host-paths.ts (the policy's list).",
    hardened: (m) => m.state.hostPaths.every((path) => exposedSensitivePath(path) === undefined),
  },
  {
    rule: "no-docker-socket-mount",
    evidence: "process",
    reason: "No host path mounted is, or contains, a container runtime socket (as the host resolves it).",
    hardened: (m) => m.state.hostPaths.every((path) => exposedRuntimeSocket(path) === undefined),
  },
  {
    rule: "no-host-devices",
    evidence: "process",
    reason: "/dev has no node and the device cgroup (devices.list) no rule beyond what a container that asks for nothing gets.",
    hardened: (m) => m.state.extraDevices.length === 0 && m.state.extraDeviceRules.length === 0,
  },
  {
    rule: "read-only-root-filesystem",
    evidence: "process",
    reason: 'The "/" mount is read-only (mountinfo), so writing to it fails with EROFS.',
    hardened: (m) => m.state.rootReadOnly,
  },
  {
    rule: "safe-sysctls",
    evidence: "process",
    reason: "Every sysctl the daemon set beyond its own defaults is on Pod Security's safe list (the policy's list), named as the kernel names it.",
    hardened: (m) => m.state.sysctls.every((name) => SAFE_SYSCTLS.includes(name)),
  },
  {
    rule: "resource-limits",
    evidence: "process",
    reason: "The memory cgroup has a limit, and the CPU is limited: a CFS quota, or a cpuset smaller than the machine's.",
    hardened: (m) => m.state.memoryLimited && m.state.cpuLimited,
  },
];
