/**
 * A Compose service, as a user writes it, as the Engine API's container-create body, the way
 * `docker compose up` builds it: docker/compose pkg/compose/create.go getCreateConfigs (read at
 * github.com/docker/compose/v5 v5.5.0-71-gf7297942; the function is the same in Compose v2), with
 * parseSecurityOpts, getDeployResources/setLimits and buildContainerVolumes/buildMount, after the
 * compose-go v2 loader (format.ParseVolume for short volume syntax, relative bind sources resolved
 * against the project directory, project volumes named `<project>_<key>`). Only the shapes the
 * generator writes are read:
 *
 * - user (a number becomes its string), group_add, cap_add, cap_drop, privileged, read_only, pid,
 *   ipc, userns_mode, cgroup, uts, sysctls (map or `name=value` list), device_cgroup_rules,
 *   cpuset, cpu_quota, pids_limit are passed through; tmpfs entries `path[:options]` become a map;
 * - security_opt: exactly `systempaths=unconfined` is taken out and empties MaskedPaths and
 *   ReadonlyPaths; a `seccomp` entry other than `unconfined` and `builtin` names a profile file,
 *   read relative to the project directory and sent as compact JSON; an entry with neither `=` nor
 *   `:` other than `no-new-privileges` is refused by Compose itself;
 * - mem_limit and deploy.resources.limits.memory: bytes (units in powers of 1024), the deploy limit
 *   winning; cpus and deploy.resources.limits.cpus: NanoCPUs, likewise;
 * - volumes: short syntax `source:target[:ro]` (a bind when the source starts with `/` or `.`,
 *   otherwise a project volume) as a Binds entry, long syntax as a Mounts entry; project volumes
 *   are created first with their driver and driver_opts;
 * - devices `host:container[:permissions]` (permissions "rwm" when not given, as the CLI).
 *
 * Sandbox substitution: the project's default network (a bridge) does not exist on the test daemon,
 * so a service without network_mode joins a peer container's network namespace (`networkFallback`).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isObject, type JsonObject } from "../../rules/values";
import type { CreateBody, VolumeToCreate } from "./measure";

/** Compose refused the service before asking the daemon. */
export class ComposeRefusal extends Error {}

export interface ComposeProject {
  name: string;
  /** The Compose file's directory. */
  directory: string;
  /** The top-level `volumes` map. */
  volumes?: JsonObject;
}

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** docker/go-units RAMInBytes, for the forms the generator writes (`64m`, `1g`, a number of bytes). */
function ramInBytes(value: unknown): number {
  if (typeof value === "number") return value;
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg])?b?$/i.exec(String(value).trim());
  if (!match) throw new ComposeRefusal(`invalid size ${JSON.stringify(value)}`);
  return Math.round(Number(match[1]) * UNITS[(match[2] ?? "").toLowerCase()]!);
}

function securityOpts(list: unknown, project: ComposeProject): { opts?: string[]; unconfined: boolean } {
  if (!Array.isArray(list)) return { unconfined: false };
  let unconfined = false;
  const opts: string[] = [];
  for (const opt of list.map(String)) {
    if (opt === "systempaths=unconfined") {
      unconfined = true;
      continue;
    }
    let separator = opt.indexOf("=");
    if (separator < 0 && opt !== "no-new-privileges") {
      separator = opt.indexOf(":");
      if (separator < 0) throw new ComposeRefusal(`invalid security-opt: ${JSON.stringify(opt)}`);
    }
    const [key, value] = separator < 0 ? [opt, ""] : [opt.slice(0, separator), opt.slice(separator + 1)];
    if (key === "seccomp" && value !== "unconfined" && value !== "builtin") {
      const profile = readFileSync(resolve(project.directory, value), "utf8");
      opts.push(`seccomp=${JSON.stringify(JSON.parse(profile))}`);
    } else opts.push(opt);
  }
  return { opts, unconfined };
}

function projectVolume(name: string, project: ComposeProject, create: Map<string, VolumeToCreate>): string {
  const definition = project.volumes?.[name];
  const full = `${project.name}_${name}`;
  if (!create.has(full)) {
    const volume: VolumeToCreate = { Name: full };
    if (isObject(definition)) {
      if (typeof definition.driver === "string") volume.Driver = definition.driver;
      if (isObject(definition.driver_opts)) {
        const options = Object.fromEntries(Object.entries(definition.driver_opts).map(([k, v]) => [k, String(v)]));
        // compose-go paths/resolve.go: a bind volume's device is a host path, resolved like a bind's source.
        if (options.o === "bind" && options.device?.startsWith(".")) options.device = resolve(project.directory, options.device);
        volume.DriverOpts = options;
      }
    }
    create.set(full, volume);
  }
  return full;
}

function volumes(list: unknown, project: ComposeProject, create: Map<string, VolumeToCreate>): { binds: string[]; mounts: JsonObject[] } {
  const out = { binds: [] as string[], mounts: [] as JsonObject[] };
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    if (typeof entry === "string") {
      const [source = "", target = "", mode] = entry.split(":");
      const access = mode === "ro" ? "ro" : "rw";
      const isPath = source.startsWith("/") || source.startsWith(".");
      const from = isPath ? resolve(project.directory, source) : projectVolume(source, project, create);
      out.binds.push(`${from}:${target}:${access}`);
    } else if (isObject(entry)) {
      const source = String(entry.source ?? "");
      const from = entry.type === "bind" ? resolve(project.directory, source) : entry.type === "volume" ? projectVolume(source, project, create) : source;
      out.mounts.push({ Type: entry.type, Source: from, Target: entry.target, ReadOnly: entry.read_only === true });
    }
  }
  return out;
}

function devices(list: unknown): JsonObject[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry) => {
    const [host = "", container = host, permissions = "rwm"] = String(entry).split(":");
    return { PathOnHost: host, PathInContainer: container, CgroupPermissions: permissions };
  });
}

function sysctls(value: unknown): Record<string, string> | undefined {
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  if (!Array.isArray(value)) return undefined;
  return Object.fromEntries(value.map((entry) => String(entry).split("=", 2) as [string, string]));
}

/** The create body Compose sends for the service, and the project volumes it creates first. */
export function composeCreateBody(service: JsonObject, project: ComposeProject, networkFallback: string): { body: CreateBody; volumes: VolumeToCreate[] } {
  const create = new Map<string, VolumeToCreate>();
  const { opts, unconfined } = securityOpts(service.security_opt, project);
  const tmpfs = Array.isArray(service.tmpfs) ? Object.fromEntries(service.tmpfs.map((t) => [String(t).split(":")[0], String(t).includes(":") ? String(t).slice(String(t).indexOf(":") + 1) : ""])) : undefined;
  const { binds, mounts } = volumes(service.volumes, project, create);
  const host: JsonObject = {
    Binds: binds.length > 0 ? binds : null,
    Mounts: mounts.length > 0 ? mounts : null,
    CapAdd: service.cap_add ?? null,
    CapDrop: service.cap_drop ?? null,
    NetworkMode: typeof service.network_mode === "string" ? service.network_mode : networkFallback,
    IpcMode: service.ipc ?? "",
    CgroupnsMode: service.cgroup ?? "",
    ReadonlyRootfs: service.read_only === true,
    Sysctls: sysctls(service.sysctls) ?? null,
    SecurityOpt: opts ?? null,
    UsernsMode: service.userns_mode ?? "",
    UTSMode: service.uts ?? "",
    Privileged: service.privileged === true,
    PidMode: service.pid ?? "",
    Tmpfs: tmpfs ?? {},
    GroupAdd: Array.isArray(service.group_add) ? service.group_add.map(String) : null,
    Devices: devices(service.devices),
    DeviceCgroupRules: service.device_cgroup_rules ?? null,
    CpusetCpus: service.cpuset ?? "",
    CpuQuota: service.cpu_quota ?? 0,
  };
  if (service.mem_limit !== undefined) host.Memory = ramInBytes(service.mem_limit);
  if (service.cpus !== undefined) host.NanoCpus = Math.round(Number(service.cpus) * 1e9);
  if (service.pids_limit !== undefined) host.PidsLimit = service.pids_limit;
  const limits = isObject(service.deploy) && isObject(service.deploy.resources) && isObject(service.deploy.resources.limits) ? service.deploy.resources.limits : undefined;
  if (limits?.memory !== undefined) host.Memory = ramInBytes(limits.memory);
  if (limits?.cpus !== undefined && Number(limits.cpus) !== 0) host.NanoCpus = Math.round(Number(limits.cpus) * 1e9);
  if (unconfined) {
    host.MaskedPaths = [];
    host.ReadonlyPaths = [];
  }
  const body: CreateBody = { Image: String(service.image), HostConfig: host };
  if (service.user !== undefined) body.User = String(service.user);
  return { body, volumes: [...create.values()] };
}
