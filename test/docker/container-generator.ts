/**
 * Docker container configurations as users write them, for the effective-state oracle: docker.Container
 * inputs (@pulumi/docker 5.2.0's shape) and Compose services (Compose's keys), over the settings the
 * Docker rules judge and the spellings the daemon accepts for them: users and groups, capabilities in
 * every case and with or without CAP_ (ALL on both sides), security options (no-new-privileges bare,
 * `=`, `:`, true and false; seccomp unconfined, a profile, an allow-all profile; apparmor; label;
 * systempaths), read-only roots with and without tmpfs, privileged, every namespace mode, binds,
 * named volumes (also local volumes that bind a host directory), devices, sysctls and limits.
 *
 * Host paths are ones this machine has (a bind of a missing path would create it on the host), plus
 * placeholders the runner resolves: `@data` (a directory of the run) and `@socket` (the test daemon's
 * own socket, a live docker.sock). `container:@peer` names a running peer container.
 */
import fc from "fast-check";
import { isObject, type JsonObject } from "../../rules/values";
import { IMAGES } from "../helpers/docker-daemon";
import { SECCOMP_ALLOW_ALL, SECCOMP_DENY_BY_DEFAULT } from "./seccomp-profiles";

export const DATA = "@data";
export const SOCKET = "@socket";
export const PEER = "container:@peer";

export type Configuration =
  | { kind: "Container"; inputs: JsonObject }
  | { kind: "Compose"; service: JsonObject; volumes?: JsonObject };

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
/** A value, or the key left out (undefined is dropped from the record). */
const maybe = <T>(arbitrary: fc.Arbitrary<T>, freq = 1) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary, weight: freq });

const USERS = ["", "0", "root", "0:0", "root:root", "00", "app", "app:app", "low", "10001", "10001:10001", "65532:65532", "65532", "20000", "20000:0", ":10001", "1000:1000", "10001:root", "nobody", "10001:wheel", "0:10001", "65534:65534"];
const GROUPS = ["0", "root", "10", "wheel", "10001", "20000", "nogroup"];

/** A capability in one of the spellings the daemon accepts (upper, lower, mixed case; with or without CAP_). */
function spelled(name: string): fc.Arbitrary<string> {
  if (name === "ALL") return pick("ALL", "all", "All");
  const mixed = name.toLowerCase().replace(/(^|_)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
  return pick(name, name.toLowerCase(), `CAP_${name}`, `cap_${name.toLowerCase()}`, mixed);
}
const capability = fc.oneof(
  { arbitrary: pick("NET_BIND_SERVICE", "CHOWN", "NET_RAW", "SETUID", "KILL", "SYS_ADMIN", "SYS_PTRACE", "SYS_TIME", "NET_ADMIN", "SYS_CHROOT"), weight: 12 },
  { arbitrary: fc.constant("ALL"), weight: 3 },
  { arbitrary: fc.constant("SYS_RESOURCE"), weight: 1 },
).chain(spelled);
const capabilityList = fc.array(capability, { maxLength: 3 });

const SECURITY_OPTS = [
  "no-new-privileges", "no-new-privileges=true", "no-new-privileges:true", "no-new-privileges=1", "no-new-privileges=TRUE",
  "no-new-privileges=false", "no-new-privileges:false", "no-new-privileges=0", "no-new-privileges=yes",
  "seccomp=unconfined", "seccomp:unconfined",
  "apparmor=unconfined", "apparmor:unconfined", "apparmor=docker-default",
  "label=disable", "label:disable", "disable", "label=type:spc_t", "label=type:container_t", "label:type:container_t",
  "label=level:s0:c100,c200", "label=user:system_u", "label=role:system_r",
  "systempaths=unconfined",
];
const containerSeccomp = pick(`seccomp=${SECCOMP_DENY_BY_DEFAULT}`, `seccomp=${SECCOMP_ALLOW_ALL}`, `seccomp:${SECCOMP_ALLOW_ALL}`);
const composeSeccomp = pick("seccomp=./deny.json", "seccomp=./allow.json", "seccomp:./allow.json");
const securityOpts = (seccomp: fc.Arbitrary<string>) => fc.array(fc.oneof({ arbitrary: pick(...SECURITY_OPTS), weight: 6 }, { arbitrary: seccomp, weight: 1 }), { maxLength: 3 });

const HOST_PATHS = ["/", "/etc", "/etc/passwd", "/proc", "/sys", "/dev", "/root", "/run", "/var/run", "//etc", "/etc/../etc", "/usr/share", "/var/lib", DATA, DATA, SOCKET];
const hostPath = pick(...HOST_PATHS);
const NAMESPACE = {
  networkMode: pick("none", "host", PEER),
  pidMode: pick("host", PEER),
  ipcMode: pick("private", "shareable", "none", "host", PEER),
  usernsMode: pick("host"),
  cgroupnsMode: pick("private", "host"),
};
const SYSCTLS = ["net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "kernel.shm_rmid_forced", "net.ipv4.ip_forward", "kernel.msgmax", "net/ipv4/ping_group_range", "net.ipv4.conf.all.route_localnet"];
const SYSCTL_VALUES: Record<string, string> = { "net.ipv4.ping_group_range": "0 2147483647", "net/ipv4/ping_group_range": "0 2147483647", "net.ipv4.ip_unprivileged_port_start": "1024", "kernel.shm_rmid_forced": "1", "net.ipv4.ip_forward": "1", "kernel.msgmax": "65536", "net.ipv4.conf.all.route_localnet": "1" };
const sysctls = fc.subarray(SYSCTLS, { minLength: 1, maxLength: 2 }).map((names) => Object.fromEntries(names.map((n) => [n, SYSCTL_VALUES[n]!])));
const image = fc.oneof({ arbitrary: fc.constant(IMAGES.root), weight: 3 }, { arbitrary: fc.constant(IMAGES.nonRoot), weight: 1 });

/** Drops the keys whose value is undefined. */
function defined(record: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as JsonObject;
}

const containerMount = fc.oneof(
  fc.record({ type: fc.constant("bind"), source: hostPath, target: pick("/mnt/host", "/data"), readOnly: fc.boolean() }),
  fc.record({ type: fc.constant("volume"), source: pick("cache", "store"), target: pick("/cache", "/store") }),
  fc.record({
    type: fc.constant("volume"),
    source: pick("bound"),
    target: fc.constant("/bound"),
    volumeOptions: hostPath.map((device) => ({ driverName: "local", driverOptions: { type: "none", o: "bind", device } })),
  }),
  fc.record({ type: fc.constant("tmpfs"), target: fc.constant("/scratch") }),
);
const containerVolume = fc.oneof(
  fc.record({ hostPath, containerPath: pick("/mnt/v", "/host") }),
  fc.record({ volumeName: pick("named"), containerPath: fc.constant("/named") }),
  fc.record({ hostPath, volumeName: fc.constant("shadowed"), containerPath: fc.constant("/both") }),
);

/** Drops duplicate targets, which the daemon refuses ("Duplicate mount point") and which say nothing of hardening. */
function distinctTargets<T extends JsonObject>(key: string): (list: T[]) => T[] {
  return (list) => list.filter((item, index) => list.findIndex((other) => other[key] === item[key]) === index);
}

export const containerInputs: fc.Arbitrary<JsonObject> = fc
  .record({
    image,
    user: maybe(pick(...USERS), 4),
    groupAdds: maybe(fc.subarray(GROUPS, { minLength: 1, maxLength: 2 })),
    capabilities: maybe(fc.record({ adds: maybe(capabilityList), drops: maybe(capabilityList, 3) }).map(defined), 4),
    securityOpts: maybe(securityOpts(containerSeccomp), 4),
    readOnly: maybe(fc.boolean(), 3),
    tmpfs: maybe(fc.constant({ "/tmp": "rw,noexec,nosuid,size=16m" })),
    privileged: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: fc.boolean(), weight: 1 }),
    networkMode: maybe(NAMESPACE.networkMode, 1),
    pidMode: maybe(NAMESPACE.pidMode, 1),
    ipcMode: maybe(NAMESPACE.ipcMode, 1),
    usernsMode: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: NAMESPACE.usernsMode, weight: 1 }),
    cgroupnsMode: maybe(NAMESPACE.cgroupnsMode, 1),
    mounts: maybe(fc.array(containerMount, { minLength: 1, maxLength: 2 }).map(distinctTargets("target"))),
    volumes: maybe(fc.array(containerVolume, { minLength: 1, maxLength: 2 }).map(distinctTargets("containerPath"))),
    devices: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.constant([{ hostPath: "/dev/null", containerPath: "/dev/host-null" }]), weight: 1 }),
    deviceCgroupRules: fc.oneof({ arbitrary: fc.constant(undefined), weight: 10 }, { arbitrary: pick(["c 1:11 rwm"], ["c *:* rwm"]), weight: 1 }),
    sysctls: maybe(sysctls),
    memory: maybe(pick(64, 256), 3),
    cpus: maybe(pick("0.5", "1")),
    cpuQuota: maybe(fc.constant(50000)),
    cpuSet: maybe(pick("0", "0-1")),
    cpuShares: maybe(fc.constant(512)),
  })
  .map(defined);

const composeVolume = fc.oneof(
  hostPath.map((path) => `${path === DATA ? "./data" : path}:/mnt/host`),
  hostPath.map((path) => `${path}:/mnt/ro:ro`),
  fc.constant("cache:/cache"),
  fc.constant("bound:/bound"),
  hostPath.map((source) => ({ type: "bind", source, target: "/long" })),
);

export const composeService: fc.Arbitrary<{ service: JsonObject; volumes: JsonObject }> = fc
  .record({
    service: fc
      .record({
        image,
        user: maybe(fc.oneof(pick(...USERS), pick(0, 10001, 65532)), 4),
        group_add: maybe(fc.subarray([...GROUPS, 10001, 0] as Array<string | number>, { minLength: 1, maxLength: 2 })),
        cap_add: maybe(capabilityList, 2),
        cap_drop: maybe(capabilityList, 3),
        security_opt: maybe(securityOpts(composeSeccomp), 4),
        read_only: maybe(fc.boolean(), 3),
        tmpfs: maybe(fc.constant(["/tmp:rw,noexec,nosuid,size=16m"])),
        privileged: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: fc.boolean(), weight: 1 }),
        network_mode: maybe(NAMESPACE.networkMode, 1),
        pid: maybe(NAMESPACE.pidMode, 1),
        ipc: maybe(NAMESPACE.ipcMode, 1),
        userns_mode: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: NAMESPACE.usernsMode, weight: 1 }),
        cgroup: maybe(NAMESPACE.cgroupnsMode, 1),
        uts: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.constant("host"), weight: 1 }),
        volumes: maybe(fc.array(composeVolume, { minLength: 1, maxLength: 2 }).map((list) => list.filter((v, i) => list.findIndex((o) => target(o) === target(v)) === i))),
        devices: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.constant(["/dev/null:/dev/host-null"]), weight: 1 }),
        device_cgroup_rules: fc.oneof({ arbitrary: fc.constant(undefined), weight: 10 }, { arbitrary: pick(["c 1:11 rwm"], ["c *:* rwm"]), weight: 1 }),
        sysctls: maybe(fc.oneof(sysctls, sysctls.map((map) => Object.entries(map).map(([k, v]) => `${k}=${v}`)))),
        mem_limit: maybe(pick<string | number>("64m", 67108864, "1g"), 2),
        cpus: maybe(pick<string | number>(0.5, "1")),
        cpuset: maybe(pick("0", "0-1")),
        pids_limit: maybe(fc.constant(64)),
        deploy: maybe(fc.record({ resources: fc.record({ limits: fc.record({ memory: maybe(pick("64M", "128m")), cpus: maybe(pick("0.5", "1.0")) }).map(defined) }) })),
      })
      .map(defined)
      // The daemon refuses NanoCPUs with a CPU quota ("Conflicting options"), and Compose sends both.
      .chain((service) => (service.cpus === undefined && !isObject(service.deploy) ? maybe(fc.constant(50000)).map((quota) => defined({ ...service, cpu_quota: quota })) : fc.constant(service))),
    volumes: fc.record({ cache: fc.constant({}), bound: hostPath.map((device) => ({ driver: "local", driver_opts: { type: "none", o: "bind", device: device === DATA ? "./data" : device } })) }),
  });

function target(volume: unknown): string {
  return typeof volume === "string" ? volume.split(":")[1]! : String((volume as JsonObject).target);
}

/** Both kinds, one Container in two. */
export const configuration: fc.Arbitrary<Configuration> = fc.oneof(
  containerInputs.map((inputs): Configuration => ({ kind: "Container", inputs })),
  composeService.map(({ service, volumes }): Configuration => ({ kind: "Compose", service, volumes })),
);
