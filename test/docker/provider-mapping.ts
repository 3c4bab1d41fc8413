/**
 * A docker.Container's inputs (the @pulumi/docker 5.2.0 input shape the rules read) as the Engine
 * API's container-create body, the way the Pulumi Docker provider builds it. The provider is the
 * Terraform provider kreuzwerker/terraform-provider-docker bridged by pulumi-docker, which pins it
 * as its `upstream` submodule (pulumi-docker v5.1.0 pins upstream v4.5.0, commit 5074970c). Read
 * there: internal/provider/resource_docker_container_funcs.go, resourceDockerContainerCreate (and
 * parseSystemPaths), and resource_docker_container_structures.go, volumeSetToDockerVolumes and
 * deviceSetToDockerDevices. What follows from it:
 *
 * - `command`, `envs` (a set) and `labels` (a set of { label, value }) become Cmd, Env and Labels.
 * - `user`, `memory`, `cpus`, `cpuSet`, ... are sent only when set and not empty or zero (d.GetOk);
 *   `memory` is MB (times 1024*1024); `cpus` becomes NanoCPUs and then cpuPeriod/cpuQuota are
 *   ignored; `privileged` and `readOnly` are always sent (false by default); `init` is always sent.
 * - `capabilities.adds`/`drops`, `securityOpts`, `groupAdds` and `devices` are Terraform sets:
 *   passed verbatim, duplicates removed, in the set's hash order (not the program's).
 * - `securityOpts` entry exactly `systempaths=unconfined` is taken out and becomes empty
 *   MaskedPaths and ReadonlyPaths (as the docker CLI does); every other entry goes to the daemon.
 * - `volumes[*]`: `hostPath` replaces `volumeName`; either becomes a Binds entry
 *   `<source>:<containerPath>:rw|ro`; a `fromContainer` becomes VolumesFrom.
 * - `mounts[*]` become Mounts (`volumeOptions.driverName`/`driverOptions` the volume's DriverConfig).
 * - `devices[*]`: `containerPath` defaults to `hostPath`, `permissions` to "rwm" (the schema default).
 * - `networkMode` defaults to "bridge" (the schema default).
 *
 * `deviceCgroupRules` is new in @pulumi/docker 5.2.0, whose upstream commit is not among the stored
 * sources (v4.5.0 has no such input); it is sent as HostConfig.DeviceCgroupRules, the Engine API
 * field of that meaning.
 *
 * Sandbox substitution: the test daemon runs without the default bridge network (no iptables here),
 * so where the provider would send "bridge", the container joins a running peer container's network
 * namespace instead (`networkFallback`): a network namespace that is not the host's, as bridge gives.
 */
import { isObject, type JsonObject } from "../../rules/values";
import type { CreateBody } from "./measure";

/** Terraform set semantics for a list of strings: duplicates removed. */
function set(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = [...new Set(value.filter((entry): entry is string => typeof entry === "string"))];
  return out.length > 0 ? out : undefined;
}

/** Set, and not empty, false or zero (Terraform's GetOk). */
function given<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null && value !== "" && value !== 0 && value !== false;
}

/** docker/cli opts.ParseCPUs: a decimal number of CPUs as nano CPUs. */
function nanoCpus(cpus: string): number {
  const value = Number(cpus);
  if (!Number.isFinite(value) || value < 0) throw new Error(`invalid cpus ${JSON.stringify(cpus)}`);
  return Math.round(value * 1e9);
}

function mounts(list: unknown): JsonObject[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((raw) => {
    const mount: JsonObject = { Type: raw.type, Target: raw.target, Source: raw.source ?? "" };
    if (raw.readOnly !== undefined) mount.ReadOnly = raw.readOnly;
    const options = raw.volumeOptions;
    if (raw.type === "volume" && isObject(options)) {
      const volumeOptions: JsonObject = {};
      if (options.noCopy !== undefined) volumeOptions.NoCopy = options.noCopy;
      if (options.driverName !== undefined || options.driverOptions !== undefined) {
        volumeOptions.DriverConfig = { Name: options.driverName ?? "", Options: options.driverOptions ?? {} };
      }
      mount.VolumeOptions = volumeOptions;
    }
    return mount;
  });
}

function volumes(list: unknown): { binds: string[]; volumes: Record<string, object>; volumesFrom: string[] } {
  const out = { binds: [] as string[], volumes: {} as Record<string, object>, volumesFrom: [] as string[] };
  if (!Array.isArray(list)) return out;
  for (const raw of list.filter(isObject)) {
    const source = typeof raw.hostPath === "string" && raw.hostPath !== "" ? raw.hostPath : raw.volumeName;
    if (typeof raw.fromContainer === "string" && raw.fromContainer !== "") out.volumesFrom.push(raw.fromContainer);
    else if (typeof source === "string" && source !== "") {
      out.volumes[String(raw.containerPath)] = {};
      out.binds.push(`${source}:${String(raw.containerPath)}:${raw.readOnly === true ? "ro" : "rw"}`);
    } else out.volumes[String(raw.containerPath)] = {};
  }
  return out;
}

function devices(list: unknown): JsonObject[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((raw) => ({
    PathOnHost: raw.hostPath,
    PathInContainer: typeof raw.containerPath === "string" && raw.containerPath !== "" ? raw.containerPath : raw.hostPath,
    CgroupPermissions: raw.permissions ?? "rwm",
  }));
}

/** The create body the provider sends for these inputs; `networkFallback` stands for "bridge" (see the header). */
export function containerCreateBody(inputs: JsonObject, networkFallback: string): CreateBody {
  const host: JsonObject = {
    Privileged: inputs.privileged === true,
    ReadonlyRootfs: inputs.readOnly === true,
    Mounts: mounts(inputs.mounts),
    RestartPolicy: { Name: typeof inputs.restart === "string" ? inputs.restart : "no", MaximumRetryCount: inputs.maxRetryCount ?? 0 },
    Init: inputs.init === true,
  };
  if (isObject(inputs.tmpfs)) host.Tmpfs = inputs.tmpfs;
  const { binds, volumes: volumeMap, volumesFrom } = volumes(inputs.volumes);
  if (binds.length > 0) host.Binds = binds;
  if (volumesFrom.length > 0) host.VolumesFrom = volumesFrom;
  if (isObject(inputs.capabilities)) {
    host.CapAdd = set(inputs.capabilities.adds) ?? [];
    host.CapDrop = set(inputs.capabilities.drops) ?? [];
  }
  if (Array.isArray(inputs.devices) && inputs.devices.length > 0) host.Devices = devices(inputs.devices);
  const securityOpts = set(inputs.securityOpts);
  if (securityOpts) {
    // parseSystemPaths: handled by the provider, as by the docker CLI.
    host.SecurityOpt = securityOpts.filter((opt) => opt !== "systempaths=unconfined");
    if (securityOpts.includes("systempaths=unconfined")) {
      host.MaskedPaths = [];
      host.ReadonlyPaths = [];
    }
  }
  if (given(inputs.memory)) host.Memory = Number(inputs.memory) * 1024 * 1024;
  if (given(inputs.cpus)) host.NanoCpus = nanoCpus(String(inputs.cpus));
  else {
    if (given(inputs.cpuPeriod)) host.CpuPeriod = inputs.cpuPeriod;
    if (given(inputs.cpuQuota)) host.CpuQuota = inputs.cpuQuota;
  }
  if (given(inputs.cpuShares)) host.CpuShares = inputs.cpuShares;
  if (given(inputs.cpuSet)) host.CpusetCpus = inputs.cpuSet;
  const networkMode = given(inputs.networkMode) ? String(inputs.networkMode) : "bridge";
  host.NetworkMode = networkMode === "bridge" ? networkFallback : networkMode;
  if (given(inputs.usernsMode)) host.UsernsMode = inputs.usernsMode;
  if (given(inputs.pidMode)) host.PidMode = inputs.pidMode;
  if (isObject(inputs.sysctls) && Object.keys(inputs.sysctls).length > 0) host.Sysctls = inputs.sysctls;
  if (given(inputs.ipcMode)) host.IpcMode = inputs.ipcMode;
  const groups = set(inputs.groupAdds);
  if (groups) host.GroupAdd = groups;
  if (given(inputs.cgroupnsMode)) {
    if (!["private", "host"].includes(String(inputs.cgroupnsMode))) throw new Error("cgroupns_mode: invalid CGROUP mode, must be either 'private', 'host' or empty");
    host.CgroupnsMode = inputs.cgroupnsMode;
  }
  const rules = set(inputs.deviceCgroupRules);
  if (rules) host.DeviceCgroupRules = rules;
  const body: CreateBody = { Image: String(inputs.image), HostConfig: host };
  if (given(inputs.user)) body.User = String(inputs.user);
  if (Array.isArray(inputs.command) && inputs.command.length > 0) body.Cmd = inputs.command.map(String);
  if (Array.isArray(inputs.envs) && inputs.envs.length > 0) body.Env = [...new Set(inputs.envs.map(String))];
  // labels: a set of { label, value } (labelSetToMap).
  if (Array.isArray(inputs.labels) && inputs.labels.length > 0) body.Labels = Object.fromEntries(inputs.labels.filter(isObject).map((l) => [String(l.label), String(l.value)]));
  if (Object.keys(volumeMap).length > 0) body.Volumes = volumeMap;
  return body;
}
