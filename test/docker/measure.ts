/**
 * What a container really gets: one Engine API create body is created in the test daemon, started,
 * and measured from inside (a busybox script prints /proc/self/status, its namespaces, its mounts,
 * its cgroup limits, /dev and the sysctls asked for), together with `docker inspect` and the OCI
 * spec the daemon handed to runc (test/docker/record-oci-spec.sh). Then the container and its
 * volumes are removed.
 *
 * A container this sandbox cannot start (root here lacks CAP_SYS_RESOURCE, so runc cannot apply a
 * capability set that holds it: privileged, every capability, SYS_RESOURCE) is measured from its
 * inspect and its OCI spec alone: `sandbox` says so. A container the daemon refuses to create, or
 * that fails to start for a reason of its own (a user the image does not have, a device the host
 * does not have), has no state: `refused` holds the daemon's message.
 */
import { EngineApiError, type DockerDaemon } from "../helpers/docker-daemon";
import { SANDBOX_BOUNDING } from "./capability-numbers";

/** The Engine API's container-create body (the fields the mappings write). */
export interface CreateBody {
  Image: string;
  User?: string;
  Cmd?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  Volumes?: Record<string, object>;
  HostConfig: Record<string, unknown>;
}

/** A named volume to create before the container (Compose creates the project's volumes first). */
export interface VolumeToCreate {
  Name: string;
  Driver?: string;
  DriverOpts?: Record<string, string>;
}

export interface Request {
  body: CreateBody;
  volumes?: VolumeToCreate[];
  /** Paths inside the container whose writability is measured (tmpfs mounts). */
  writablePaths?: string[];
  /** Sysctl names whose value is read back. */
  sysctls?: string[];
}

export interface Mount {
  mountPoint: string;
  options: string[];
  fsType: string;
  /** The path within its file system (a bind's source directory when on the host's root file system). */
  root: string;
}

/** Measured inside the running container. */
export interface ProcessState {
  uid: number[];
  gid: number[];
  groups: number[];
  capEff: bigint;
  capPrm: bigint;
  capBnd: bigint;
  noNewPrivs: number;
  seccomp: number;
  namespaces: Record<string, string>;
  /** The "/" mount's options include ro. */
  rootReadOnly: boolean;
  /** What `touch /` printed when it failed. */
  rootWriteError: string | undefined;
  /** Each writable path asked for, and whether a file could be created in it. */
  writable: Record<string, boolean>;
  mounts: Mount[];
  cgroup: Record<string, string>;
  /** /sys/fs/cgroup/devices/devices.list: the device cgroup's allow list. */
  devicesAllowed: string[];
  /** Names under /dev. */
  devices: string[];
  sysctls: Record<string, string>;
}

export interface Inspect {
  Id: string;
  Config: { User: string };
  HostConfig: Record<string, unknown> & { SecurityOpt?: string[] | null; Privileged?: boolean; CgroupnsMode?: string; UsernsMode?: string };
  AppArmorProfile: string;
  ProcessLabel: string;
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; RW: boolean; Driver?: string }>;
}

/** The parts of the OCI runtime spec that are read. */
export interface OciSpec {
  process: { user: { uid: number; gid: number; additionalGids?: number[] }; noNewPrivileges?: boolean; capabilities?: { bounding?: string[]; effective?: string[] }; apparmorProfile?: string };
  mounts: Array<{ destination: string; type: string; source: string; options?: string[] }>;
  linux: {
    namespaces: Array<{ type: string; path?: string }>;
    seccomp?: { defaultAction: string; syscalls?: unknown[] };
    maskedPaths?: string[];
    readonlyPaths?: string[];
    devices?: Array<{ path: string }>;
    resources?: { devices?: Array<{ allow: boolean; type?: string; major?: number; minor?: number; access?: string }>; memory?: { limit?: number }; cpu?: { quota?: number; cpus?: string }; pids?: { limit?: number } };
    sysctl?: Record<string, string>;
  };
  root: { readonly?: boolean };
}

export type Measured =
  | { state: "refused"; stage: "create" | "start"; message: string }
  | { state: "ran"; inspect: Inspect; spec: OciSpec; process: ProcessState; volumes: Record<string, Record<string, string>> }
  | { state: "sandbox"; message: string; inspect: Inspect; spec: OciSpec; volumes: Record<string, Record<string, string>> };

/** runc's error when the capability set holds one that root in this sandbox lacks. */
const SANDBOX_LIMIT = /unable to apply caps: operation not permitted/;

/**
 * Whether a failed start is this sandbox's doing: runc says it could not apply the capabilities, or
 * the spec asks for one the sandbox cannot grant (runc then fails earlier on some, e.g. looking up
 * additional groups, with another message).
 */
function sandboxLimited(message: string, spec: OciSpec | undefined): boolean {
  if (SANDBOX_LIMIT.test(message)) return true;
  return (spec?.process.capabilities?.bounding ?? []).some((name) => !SANDBOX_BOUNDING.has(name.replace(/^CAP_/, "")));
}

const PROBE = `
cat /proc/self/status
echo "@ns"; for n in net pid ipc uts cgroup user; do echo "$n $(readlink /proc/self/ns/$n)"; done
echo "@root"; touch /.container-hardening-probe 2>&1 && echo writable
echo "@writable"; for p in "$@"; do if touch "$p/.container-hardening-probe" 2>/dev/null; then echo "$p yes"; else echo "$p no"; fi; done
echo "@mountinfo"; cat /proc/self/mountinfo
echo "@cgroup"; for f in memory/memory.limit_in_bytes cpu/cpu.cfs_quota_us cpu/cpu.cfs_period_us cpuset/cpuset.cpus pids/pids.max; do echo "$f $(cat /sys/fs/cgroup/$f 2>/dev/null)"; done
echo "@devices.list"; cat /sys/fs/cgroup/devices/devices.list 2>/dev/null
echo "@dev"; ls -1 /dev
echo "@sysctl"; for s in $CONTAINER_HARDENING_SYSCTLS; do echo "$s $(cat /proc/sys/$(echo $s | tr . /) 2>&1)"; done
echo "@end"
`;

/** The probe as the container's command: `sh -c <probe> probe <writable paths...>`. */
export function probeCommand(writablePaths: string[] = []): string[] {
  return ["sh", "-c", PROBE, "probe", ...writablePaths];
}

/** Splits Docker's multiplexed log stream (8-byte frame headers) into text. */
function demultiplex(stream: Buffer): string {
  let text = "";
  for (let at = 0; at + 8 <= stream.length; ) {
    const size = stream.readUInt32BE(at + 4);
    text += stream.subarray(at + 8, at + 8 + size).toString("utf8");
    at += 8 + size;
  }
  return text;
}

function sections(output: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = "status";
  out.set(current, []);
  for (const line of output.split("\n")) {
    if (line.startsWith("@")) {
      current = line.slice(1).trim();
      out.set(current, []);
    } else if (line !== "") out.get(current)!.push(line);
  }
  return out;
}

function parseProcess(output: string): ProcessState {
  const parts = sections(output);
  if (!parts.has("end")) throw new Error(`the probe did not finish:\n${output}`);
  const status = new Map(parts.get("status")!.map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]));
  const numbers = (key: string) => (status.get(key) ?? "").split(/\s+/).filter(Boolean).map(Number);
  const hex = (key: string) => BigInt(`0x${status.get(key) ?? "0"}`);
  const pairs = (name: string) => new Map((parts.get(name) ?? []).map((line) => [line.slice(0, line.indexOf(" ")), line.slice(line.indexOf(" ") + 1)]));
  const mounts = (parts.get("mountinfo") ?? []).map((line): Mount => {
    const fields = line.split(" ");
    const separator = fields.indexOf("-");
    return { root: fields[3]!, mountPoint: fields[4]!, options: fields[5]!.split(","), fsType: fields[separator + 1]! };
  });
  const rootMount = mounts.filter((m) => m.mountPoint === "/").at(-1);
  const rootLines = parts.get("root") ?? [];
  return {
    uid: numbers("Uid"),
    gid: numbers("Gid"),
    groups: numbers("Groups"),
    capEff: hex("CapEff"),
    capPrm: hex("CapPrm"),
    capBnd: hex("CapBnd"),
    noNewPrivs: Number(status.get("NoNewPrivs")),
    seccomp: Number(status.get("Seccomp")),
    namespaces: Object.fromEntries(pairs("ns")),
    rootReadOnly: rootMount?.options.includes("ro") ?? false,
    rootWriteError: rootLines.includes("writable") ? undefined : rootLines.join(" "),
    writable: Object.fromEntries([...pairs("writable")].map(([path, answer]) => [path, answer === "yes"])),
    mounts,
    cgroup: Object.fromEntries(pairs("cgroup")),
    devicesAllowed: parts.get("devices.list") ?? [],
    devices: parts.get("dev") ?? [],
    sysctls: Object.fromEntries(pairs("sysctl")),
  };
}

let counter = 0;

/** Creates, runs, measures and removes one container (and the named volumes it mounted). */
export async function measure(daemon: DockerDaemon, request: Request): Promise<Measured> {
  const name = `ch-${process.pid}-${++counter}`;
  const body = {
    ...request.body,
    Cmd: request.body.Cmd ?? probeCommand(request.writablePaths),
    Env: [...(request.body.Env ?? []), `CONTAINER_HARDENING_SYSCTLS=${(request.sysctls ?? []).join(" ")}`],
    Labels: { ...request.body.Labels, "container-hardening.test": "docker-effective-state" },
  };
  const createdVolumes = new Set<string>();
  let id: string | undefined;
  try {
    try {
      for (const volume of request.volumes ?? []) {
        await daemon.json("POST", "/volumes/create", volume);
        createdVolumes.add(volume.Name);
      }
      id = (await daemon.json<{ Id: string }>("POST", `/containers/create?name=${name}`, body)).Id;
    } catch (error) {
      if (error instanceof EngineApiError) return { state: "refused", stage: "create", message: error.daemonMessage };
      throw error;
    }
    let startError: string | undefined;
    try {
      await daemon.json("POST", `/containers/${id}/start`);
    } catch (error) {
      if (!(error instanceof EngineApiError)) throw error;
      startError = error.daemonMessage;
    }
    const volumes = await volumeOptions(daemon, id);
    for (const volume of Object.keys(volumes)) createdVolumes.add(volume);
    if (startError !== undefined) {
      const spec = daemon.ociSpec(id) as OciSpec | undefined;
      if (!spec || !sandboxLimited(startError, spec)) return { state: "refused", stage: "start", message: startError };
      const inspect = await daemon.json<Inspect>("GET", `/containers/${id}/json`);
      return { state: "sandbox", message: startError, inspect, spec, volumes };
    }
    await daemon.json("POST", `/containers/${id}/wait`);
    const logs = await daemon.request("GET", `/containers/${id}/logs?stdout=1&stderr=1`);
    const inspect = await daemon.json<Inspect>("GET", `/containers/${id}/json`);
    return { state: "ran", inspect, spec: daemon.ociSpec(id) as OciSpec, process: parseProcess(demultiplex(logs.body)), volumes };
  } finally {
    if (id !== undefined) {
      daemon.ociSpec(id);
      await daemon.request("DELETE", `/containers/${id}?force=1&v=1`);
    }
    for (const volume of createdVolumes) await daemon.request("DELETE", `/volumes/${volume}?force=1`);
  }
}

/** The driver options of each named volume the container mounts (a local volume may bind a host path). */
async function volumeOptions(daemon: DockerDaemon, id: string): Promise<Record<string, Record<string, string>>> {
  const inspect = await daemon.json<Inspect>("GET", `/containers/${id}/json`);
  const out: Record<string, Record<string, string>> = {};
  for (const mount of inspect.Mounts) {
    if (mount.Type !== "volume" || !mount.Name) continue;
    const volume = await daemon.json<{ Options: Record<string, string> | null }>("GET", `/volumes/${mount.Name}`);
    out[mount.Name] = volume.Options ?? {};
  }
  return out;
}
