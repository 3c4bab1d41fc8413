/**
 * A measured container in one shape for the hardening table (hardened.ts): what its process holds,
 * read from inside the running container, or — where this sandbox cannot start it — from the OCI
 * spec the daemon handed to runc and from `docker inspect`. `from` says which.
 *
 * `reference` holds what the same daemon gives a container that asks for nothing (measured once per
 * run), so that "beyond the defaults" is the daemon's default, not our reading of it.
 */
import { realpathSync, statSync } from "node:fs";
import { capabilityNames, SANDBOX_BOUNDING } from "./capability-numbers";
import type { Inspect, Measured, OciSpec, ProcessState } from "./measure";



const NAMESPACES = ["net", "pid", "ipc", "uts", "cgroup"] as const;
const SPEC_NAMESPACE: Record<(typeof NAMESPACES)[number], string> = { net: "network", pid: "pid", ipc: "ipc", uts: "uts", cgroup: "cgroup" };

/** What a container that asks for nothing gets from this daemon. */
export interface Reference {
  /**
   * Capabilities missing from this sandbox's own bounding set (SYS_RESOURCE here): no process it
   * starts can hold them, so for a container that ran they are taken from the spec, where the daemon
   * asked for them.
   */
  sandboxLacks: Set<string>;
  hostNamespaces: Record<string, string>;
  defaultCapabilities: Set<string>;
  /** The bounding set of a container with every capability (cap_add ALL), from its spec. */
  allCapabilities: Set<string>;
  devices: string[];
  devicesAllowed: string[];
  specDevices: string[];
  specDeviceRules: string[];
  sysctls: Record<string, string>;
  cpus: string;
}

export interface EffectiveState {
  from: "process" | "spec";
  uid: number;
  gid: number;
  groups: number[];
  bounding: Set<string>;
  noNewPrivs: boolean;
  seccomp: boolean;
  /** The default action of the seccomp filter the daemon installed (from the spec). */
  seccompDefaultAction: string | undefined;
  /** Namespaces shared with the host (net, pid, ipc, uts, cgroup). */
  hostNamespaces: string[];
  rootReadOnly: boolean;
  /** /proc paths masked and /proc/sys read-only, as Docker's default masking does. */
  procMasked: boolean;
  sysfsReadOnly: boolean;
  /** Device nodes and device-cgroup rules beyond what the reference container gets. */
  extraDevices: string[];
  extraDeviceRules: string[];
  memoryLimited: boolean;
  cpuLimited: boolean;
  /** Sysctls the daemon set (dotted names) beyond its own defaults. */
  sysctls: string[];
  /** Host paths mounted (binds and local volumes binding a directory), as the host resolves them. */
  hostPaths: string[];
  inspect: Inspect;
}

function namespaceInode(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

function realHostPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function hostPaths(inspect: Inspect, volumes: Record<string, Record<string, string>>): string[] {
  const out: string[] = [];
  for (const mount of inspect.Mounts) {
    if (mount.Type === "bind") out.push(realHostPath(mount.Source));
    const options = mount.Name ? volumes[mount.Name] : undefined;
    if (mount.Type === "volume" && options?.o?.split(",").includes("bind") && options.device) out.push(realHostPath(options.device));
  }
  return out;
}

const dotted = (name: string) => name.replaceAll("/", ".");
const userSysctls = (set: Record<string, string> | undefined, reference: Reference) =>
  Object.entries(set ?? {}).filter(([name, value]) => reference.sysctls[dotted(name)] !== value).map(([name]) => dotted(name));

function fromProcess(p: ProcessState, spec: OciSpec, inspect: Inspect, volumes: Record<string, Record<string, string>>, reference: Reference): EffectiveState {
  const mount = (point: string) => p.mounts.filter((m) => m.mountPoint === point).at(-1);
  const quota = Number(p.cgroup["cpu/cpu.cfs_quota_us"]);
  return {
    from: "process",
    uid: p.uid[0]!,
    gid: p.gid[0]!,
    groups: p.groups,
    bounding: new Set([...capabilityNames(p.capBnd), ...(spec.process.capabilities?.bounding ?? []).map((c) => c.replace(/^CAP_/, "")).filter((c) => reference.sandboxLacks.has(c))]),
    noNewPrivs: p.noNewPrivs === 1,
    seccomp: p.seccomp === 2,
    seccompDefaultAction: spec.linux.seccomp?.defaultAction,
    hostNamespaces: NAMESPACES.filter((ns) => p.namespaces[ns] === reference.hostNamespaces[ns]),
    rootReadOnly: p.rootReadOnly,
    procMasked: mount("/proc/sys")?.options.includes("ro") === true && ["/proc/keys", "/proc/timer_list"].every((path) => mount(path) !== undefined),
    sysfsReadOnly: mount("/sys")?.options.includes("ro") === true,
    extraDevices: p.devices.filter((d) => !reference.devices.includes(d)),
    extraDeviceRules: p.devicesAllowed.filter((d) => !reference.devicesAllowed.includes(d)),
    memoryLimited: Number(p.cgroup["memory/memory.limit_in_bytes"]) < 2 ** 62,
    cpuLimited: quota > 0 || p.cgroup["cpuset/cpuset.cpus"] !== reference.cpus,
    sysctls: userSysctls(spec.linux.sysctl, reference),
    hostPaths: hostPaths(inspect, volumes),
    inspect,
  };
}

function fromSpec(spec: OciSpec, inspect: Inspect, volumes: Record<string, Record<string, string>>, reference: Reference): EffectiveState {
  const sysfs = spec.mounts.find((m) => m.destination === "/sys");
  const namespaces = new Map(spec.linux.namespaces.map((ns) => [ns.type, ns.path]));
  const rules = (spec.linux.resources?.devices ?? []).filter((r) => r.allow).map((r) => `${r.type ?? "a"} ${r.major ?? "*"}:${r.minor ?? "*"} ${r.access ?? ""}`);
  return {
    from: "spec",
    uid: spec.process.user.uid,
    gid: spec.process.user.gid,
    groups: spec.process.user.additionalGids ?? [],
    bounding: new Set((spec.process.capabilities?.bounding ?? []).map((c) => c.replace(/^CAP_/, ""))),
    noNewPrivs: spec.process.noNewPrivileges === true,
    seccomp: spec.linux.seccomp !== undefined,
    seccompDefaultAction: spec.linux.seccomp?.defaultAction,
    // A namespace missing from the spec is the host's; one with a path joins that namespace, which
    // may be the host's (the daemon joins its own network namespace file for the host network).
    hostNamespaces: NAMESPACES.filter((ns) => {
      if (!namespaces.has(SPEC_NAMESPACE[ns])) return true;
      const path = namespaces.get(SPEC_NAMESPACE[ns]);
      return path !== undefined && `${ns}:[${namespaceInode(path)}]` === reference.hostNamespaces[ns];
    }),
    rootReadOnly: spec.root.readonly === true,
    procMasked: (spec.linux.maskedPaths ?? []).includes("/proc/keys") && (spec.linux.readonlyPaths ?? []).includes("/proc/sys"),
    sysfsReadOnly: sysfs?.options?.includes("ro") === true,
    extraDevices: (spec.linux.devices ?? []).map((d) => d.path).filter((d) => !reference.specDevices.includes(d)),
    extraDeviceRules: rules.filter((r) => !reference.specDeviceRules.includes(r)),
    memoryLimited: (spec.linux.resources?.memory?.limit ?? 0) > 0,
    cpuLimited: (spec.linux.resources?.cpu?.quota ?? 0) > 0 || (spec.linux.resources?.cpu?.cpus !== undefined && spec.linux.resources.cpu.cpus !== "" && spec.linux.resources.cpu.cpus !== reference.cpus),
    sysctls: userSysctls(spec.linux.sysctl, reference),
    hostPaths: hostPaths(inspect, volumes),
    inspect,
  };
}

/** The effective state of a container that ran, or that the sandbox created but could not start. */
export function effectiveState(measured: Exclude<Measured, { state: "refused" }>, reference: Reference): EffectiveState {
  return measured.state === "ran"
    ? fromProcess(measured.process, measured.spec, measured.inspect, measured.volumes, reference)
    : fromSpec(measured.spec, measured.inspect, measured.volumes, reference);
}

export function referenceFrom(plain: Extract<Measured, { state: "ran" }>, everything: Extract<Measured, { state: "sandbox" }>, hostNamespaces: Record<string, string>): Reference {
  const rules = (plain.spec.linux.resources?.devices ?? []).filter((r) => r.allow).map((r) => `${r.type ?? "a"} ${r.major ?? "*"}:${r.minor ?? "*"} ${r.access ?? ""}`);
  const allCapabilities = new Set((everything.spec.process.capabilities?.bounding ?? []).map((c) => c.replace(/^CAP_/, "")));
  return {
    sandboxLacks: new Set([...allCapabilities].filter((c) => !SANDBOX_BOUNDING.has(c))),
    hostNamespaces,
    defaultCapabilities: capabilityNames(plain.process.capBnd),
    allCapabilities,
    devices: plain.process.devices,
    devicesAllowed: plain.process.devicesAllowed,
    specDevices: (plain.spec.linux.devices ?? []).map((d) => d.path),
    specDeviceRules: rules,
    sysctls: Object.fromEntries(Object.entries(plain.spec.linux.sysctl ?? {}).map(([k, v]) => [dotted(k), v])),
    cpus: plain.process.cgroup["cpuset/cpuset.cpus"] ?? "",
  };
}
