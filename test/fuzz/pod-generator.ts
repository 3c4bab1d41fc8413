/**
 * fast-check arbitraries for Kubernetes workloads, biased toward what Pod Security Admission judges.
 *
 * Every field a PSA check reads is generated at pod and container level (init, regular and
 * ephemeral containers), with the values that sit on either side of each check's boundary: the
 * allowed spellings, near-misses in case and prefix (`all`, `CAP_SYS_ADMIN`, `sys_admin`,
 * `runtime/Default`), and unset written both as a missing key and as an explicit `null`. A pod draws
 * one `risk` and every field deviates from the hardened value with that probability, so the sample
 * spans near-compliant pods (where one field decides the verdict) as well as wild ones.
 *
 * The objects are well typed (the oracle decodes them as the API server would); the pod is wrapped
 * in every workload kind PSA extracts pod templates from.
 *
 * Deliberately never generated, because the catalogue judges them differently from PSA on purpose:
 * - a volume with no source or with two sources (see restricted-volume-types' header): the API
 *   server defaults the first to emptyDir and rejects the second before PSA sees either;
 * - a resource missing its pod template or pod spec, and null entries in the container, volume and
 *   port lists: the rules refuse them as malformed (rules/kubernetes/workloads.ts, "a full resource
 *   without one is malformed", and the `unreadable` findings of rules/findings.ts), never a silent
 *   pass; PSA evaluates Go zero values there and admits them, and the API server rejects them.
 */
import fc from "fast-check";
import type { JsonObject } from "../../rules/values";

/** Marks a key to leave out of the generated object. */
const ABSENT = Symbol("absent");
type Maybe<T> = T | typeof ABSENT;

/** An object from a record of arbitraries, without the keys that came out ABSENT. */
function object(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<JsonObject> {
  return fc.record(fields).map((drawn) => {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(drawn)) if (value !== ABSENT) out[key] = value;
    return out;
  });
}

const unset = fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(ABSENT), weight: 3 }, { arbitrary: fc.constant(null), weight: 1 });

/**
 * A field that is unset (a missing key, or an explicit null), hardened, or risky, weighted by the
 * pod's risk. `unsetIsHardened` says whether leaving the field out passes restricted (privileged
 * does; allowPrivilegeEscalation does not). Unset comes first and cross-shrinking is on, so that
 * shrinking removes every field the disagreement does not need.
 */
function field<T>(risk: number, hardened: fc.Arbitrary<T>, risky: fc.Arbitrary<T>, unsetIsHardened = true): fc.Arbitrary<Maybe<T | null>> {
  const riskWeight = Math.max(1, Math.round(risk * 100));
  const safeWeight = Math.max(1, 100 - riskWeight);
  const half = (weight: number) => Math.ceil(weight / 2);
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: unset, weight: unsetIsHardened ? half(safeWeight) : half(riskWeight) },
    { arbitrary: hardened, weight: unsetIsHardened ? half(safeWeight) : safeWeight },
    { arbitrary: risky, weight: unsetIsHardened ? riskWeight : half(riskWeight) },
  );
}

/** A field that must be set to pass restricted. */
function required<T>(risk: number, hardened: fc.Arbitrary<T>, risky: fc.Arbitrary<T>): fc.Arbitrary<Maybe<T | null>> {
  return field(risk, hardened, risky, false);
}

/** A field that is usually absent and otherwise anything from the list. */
function sometimes<T>(risk: number, values: fc.Arbitrary<T>): fc.Arbitrary<Maybe<T | null>> {
  return field(risk, fc.constant<Maybe<T | null>>(ABSENT), values);
}

/** Ways a rule could wrongly normalise a name: case, whitespace, a `CAP_` prefix, `/` for `.`, a letter more or less. */
const RESPELLINGS: ((value: string) => string)[] = [
  (v) => v.toUpperCase(),
  (v) => v.toLowerCase(),
  (v) => ` ${v}`,
  (v) => `${v}\n`,
  (v) => `CAP_${v}`,
  (v) => v.replace(/^CAP_/i, ""),
  (v) => v.replace(/\./g, "/"),
  (v) => `${v}x`,
  (v) => v.slice(0, -1),
];

/**
 * One of the given strings, sometimes respelt (see RESPELLINGS), sometimes any short string, and
 * sometimes null: the API server decodes a null string (in a list, a map or a field) as "".
 */
function spelling(...values: string[]): fc.Arbitrary<string | null> {
  const respelt = fc.tuple(fc.constantFrom(...values), fc.nat(RESPELLINGS.length - 1)).map(([value, i]) => RESPELLINGS[i](value));
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constantFrom(...values), weight: 12 },
    { arbitrary: respelt, weight: 4 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 2 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

const ids = fc.constantFrom(0, 1, 999, 1000, 10001, 65534, 2147483647, -1);
const nonZeroIds = fc.constantFrom(1, 1000, 10001, 65534);

const SECCOMP_TYPES = spelling("Unconfined", "", "RuntimeDefault", "Localhost", "runtime/default");
/** `podLevel`: restricted needs a profile at pod level unless every container sets one. */
function seccompProfile(risk: number, podLevel = false): fc.Arbitrary<Maybe<JsonObject | null>> {
  const hardened = object({
    type: fc.constantFrom("RuntimeDefault", "Localhost"),
    localhostProfile: fc.constantFrom<Maybe<string>>(ABSENT, "profiles/audit.json"),
  });
  const risky = object({
    type: fc.oneof(fc.constant<Maybe<string>>(ABSENT), SECCOMP_TYPES),
    localhostProfile: fc.constantFrom<Maybe<string>>(ABSENT, "profiles/audit.json"),
  });
  return field(risk, hardened, risky, !podLevel);
}

function appArmorProfile(risk: number): fc.Arbitrary<Maybe<JsonObject | null>> {
  const hardened = object({
    type: fc.constantFrom("RuntimeDefault", "Localhost"),
    localhostProfile: fc.constantFrom<Maybe<string>>(ABSENT, "k8s-apparmor-example"),
  });
  const risky = object({
    type: fc.oneof(fc.constant<Maybe<string>>(ABSENT), spelling("Unconfined", "", "RuntimeDefault", "Localhost", "runtime/default")),
  });
  return field(risk, hardened, risky);
}

const SELINUX_TYPES = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t", ""];
function seLinuxOptions(risk: number): fc.Arbitrary<Maybe<JsonObject | null>> {
  const hardened = object({
    type: fc.constantFrom<Maybe<string>>(ABSENT, ...SELINUX_TYPES),
    level: fc.constantFrom<Maybe<string>>(ABSENT, "s0:c123,c456", ""),
  });
  const risky = object({
    type: fc.oneof(fc.constant<Maybe<string>>(ABSENT), spelling(...SELINUX_TYPES, "spc_t", "unconfined_t")),
    user: fc.oneof(fc.constant<Maybe<string>>(ABSENT), spelling("", "system_u", "unconfined_u")),
    role: fc.oneof(fc.constant<Maybe<string>>(ABSENT), spelling("", "system_r", "object_r")),
    level: fc.constantFrom<Maybe<string>>(ABSENT, "s0:c123,c456"),
  });
  return field(risk, hardened, risky);
}

function windowsOptions(risk: number): fc.Arbitrary<Maybe<JsonObject | null>> {
  const hardened = object({
    hostProcess: fc.constantFrom<Maybe<boolean | null>>(ABSENT, false, null),
    runAsUserName: fc.constantFrom<Maybe<string>>(ABSENT, "ContainerUser"),
  });
  const risky = object({
    hostProcess: fc.constantFrom<Maybe<boolean>>(true, false, ABSENT),
    runAsUserName: fc.constantFrom<Maybe<string>>(ABSENT, "NT AUTHORITY\\SYSTEM"),
  });
  return sometimes(risk, fc.oneof(hardened, risky));
}

const ALLOWED_SYSCTLS = [
  "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
  "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat",
];
const OTHER_SYSCTLS = [
  "kernel.shm_rmid_forced ", "kernel/shm_rmid_forced", "net/ipv4/tcp_syncookies", "Net.ipv4.tcp_syncookies",
  "kernel.msgmax", "net.core.somaxconn", "net.ipv4.ip_forward", "vm.swappiness", "kernel.sem", "",
];
function sysctls(risk: number): fc.Arbitrary<Maybe<JsonObject[] | null>> {
  const entry = (names: fc.Arbitrary<string | null>) => fc.record({ name: names, value: fc.constantFrom("1", "0", "1024 65535") });
  return field(risk, fc.array(entry(fc.constantFrom(...ALLOWED_SYSCTLS)), { maxLength: 2 }), fc.array(entry(spelling(...ALLOWED_SYSCTLS, ...OTHER_SYSCTLS)), { minLength: 1, maxLength: 3 }));
}

const BASELINE_CAPABILITIES = [
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
  "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
];
const ODD_CAPABILITIES = [
  "ALL", "all", "CAP_ALL", "SYS_ADMIN", "CAP_SYS_ADMIN", "sys_admin", "cap_sys_admin", "NET_RAW", "net_bind_service",
  "CAP_NET_BIND_SERVICE", "Net_Bind_Service", "NET_BIND_SERVICE ", "SYS_PTRACE", "NET_ADMIN", "BPF", "chown", "CAP_CHOWN", "",
];
function capabilities(risk: number): fc.Arbitrary<Maybe<JsonObject | null>> {
  const hardened = object({
    drop: fc.constant(["ALL"]),
    add: fc.constantFrom<Maybe<string[]>>(ABSENT, [], ["NET_BIND_SERVICE"]),
  });
  const risky = object({
    drop: fc.oneof(
      fc.constant<Maybe<string[] | null>>(ABSENT),
      fc.constant(null),
      fc.array(spelling("ALL", "all", "CAP_ALL", "NET_RAW", "SYS_ADMIN"), { maxLength: 2 }),
    ),
    add: fc.oneof(
      fc.constant<Maybe<string[] | null>>(ABSENT),
      fc.constant(null),
      fc.array(spelling(...BASELINE_CAPABILITIES, ...ODD_CAPABILITIES), { maxLength: 3 }),
    ),
  });
  return required(risk, hardened, risky);
}

const bool = fc.boolean();

function containerSecurityContext(risk: number): fc.Arbitrary<Maybe<JsonObject | null>> {
  const context = object({
    privileged: field(risk, fc.constant(false), bool),
    allowPrivilegeEscalation: required(risk, fc.constant(false), bool),
    capabilities: capabilities(risk),
    runAsNonRoot: field(risk, fc.constant(true), bool),
    runAsUser: field(risk, nonZeroIds, ids),
    runAsGroup: sometimes(risk, ids),
    readOnlyRootFilesystem: sometimes(risk, bool),
    procMount: field(risk, fc.constant("Default"), spelling("Unmasked", "", "Default")),
    seccompProfile: seccompProfile(risk),
    seLinuxOptions: seLinuxOptions(risk),
    appArmorProfile: appArmorProfile(risk),
    windowsOptions: windowsOptions(risk),
    // Pod-only fields in the wrong place: dropped by the API server, never seen by PSA.
    sysctls: sometimes(risk, fc.constant([{ name: "kernel.msgmax", value: "1" }])),
    fsGroup: sometimes(risk, fc.constant(0)),
  });
  return required(risk, context, context);
}

const HOSTS = ["", " ", "localhost", "127.0.0.1", "10.0.0.1", "example.com"];
type HandlerKind = "httpGet" | "tcpSocket" | "exec" | "grpc" | "sleep" | "httpGet+tcpSocket";
/** A probe or lifecycle handler; "httpGet+tcpSocket" is refused by the API server, but PSA reads both. */
function handler(risk: number, kinds: HandlerKind[]): fc.Arbitrary<JsonObject> {
  const host = field(risk, fc.constant(""), spelling(...HOSTS));
  const port = fc.constantFrom<number | string>(8080, "http");
  return fc.constantFrom(...kinds).chain((kind): fc.Arbitrary<JsonObject> => {
    switch (kind) {
      case "httpGet":
        return object({ path: fc.constant("/healthz"), port, host }).map((h) => ({ httpGet: h }));
      case "tcpSocket":
        return object({ port, host }).map((h) => ({ tcpSocket: h }));
      case "exec":
        return fc.constant({ exec: { command: ["true"] } });
      case "grpc":
        return fc.constant({ grpc: { port: 9090 } });
      case "sleep":
        return fc.constant({ sleep: { seconds: 1 } });
      case "httpGet+tcpSocket":
        return fc.record({ httpGet: object({ port, host }), tcpSocket: object({ port, host }) });
    }
  });
}

function probe(risk: number): fc.Arbitrary<Maybe<JsonObject | null>> {
  return sometimes(risk, handler(risk, ["httpGet", "tcpSocket", "exec", "grpc", "httpGet+tcpSocket"]));
}

function lifecycle(risk: number): fc.Arbitrary<Maybe<JsonObject | null>> {
  const hook = sometimes(risk, handler(risk, ["httpGet", "tcpSocket", "exec", "sleep", "httpGet+tcpSocket"]));
  return sometimes(risk, object({ postStart: hook, preStop: hook }));
}

function ports(risk: number): fc.Arbitrary<Maybe<JsonObject[] | null>> {
  const port = object({
    containerPort: fc.constantFrom(80, 8080),
    hostPort: field(risk, fc.constant(0), fc.constantFrom(0, 80, 8080, 65535, -1)),
    protocol: fc.constantFrom<Maybe<string>>(ABSENT, "TCP", "UDP"),
  });
  return sometimes(risk, fc.array(port, { minLength: 1, maxLength: 2 }));
}

/** A container without its name; names are given per pod so that they are unique. */
function container(risk: number): fc.Arbitrary<JsonObject> {
  return object({
    image: fc.constant("registry.example/app:1.0"),
    securityContext: containerSecurityContext(risk),
    ports: ports(risk),
    livenessProbe: probe(risk),
    readinessProbe: probe(risk),
    startupProbe: probe(risk),
    lifecycle: lifecycle(risk),
    // A securityContext field outside securityContext: dropped, as above.
    privileged: sometimes(risk, fc.constant(true)),
  });
}

function podSecurityContext(risk: number): fc.Arbitrary<Maybe<JsonObject | null>> {
  const context = object({
    runAsNonRoot: required(risk, fc.constant(true), bool),
    runAsUser: field(risk, nonZeroIds, ids),
    runAsGroup: sometimes(risk, ids),
    fsGroup: sometimes(risk, ids),
    supplementalGroups: sometimes(risk, fc.array(ids, { maxLength: 2 })),
    seccompProfile: seccompProfile(risk, true),
    seLinuxOptions: seLinuxOptions(risk),
    appArmorProfile: appArmorProfile(risk),
    windowsOptions: windowsOptions(risk),
    sysctls: sysctls(risk),
    // Container-only fields in the wrong place: dropped by the API server, never seen by PSA, so
    // they must neither pass nor fail a pod.
    allowPrivilegeEscalation: sometimes(risk, bool),
    capabilities: sometimes(risk, fc.constantFrom({ drop: ["ALL"] }, { add: ["SYS_ADMIN"] })),
    privileged: sometimes(risk, fc.constant(true)),
    procMount: sometimes(risk, fc.constant("Unmasked")),
  });
  return required(risk, context, context);
}

/** Every volume source PSA knows, with a minimal well-typed body. */
export const VOLUME_SOURCES: Record<string, unknown> = {
  configMap: { name: "settings" },
  csi: { driver: "secrets-store.csi.k8s.io" },
  downwardAPI: { items: [] },
  emptyDir: {},
  ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"] } } },
  image: { reference: "registry.example/data:1" },
  persistentVolumeClaim: { claimName: "data" },
  projected: { sources: [] },
  secret: { secretName: "tls" },
  hostPath: { path: "/var/log" },
  gcePersistentDisk: { pdName: "disk" },
  awsElasticBlockStore: { volumeID: "vol-1" },
  gitRepo: { repository: "https://example.com/r.git" },
  nfs: { server: "nfs.example", path: "/export" },
  iscsi: { targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0 },
  glusterfs: { endpoints: "glusterfs", path: "vol" },
  rbd: { monitors: ["10.0.0.1:6789"], image: "img" },
  flexVolume: { driver: "example/lvm" },
  cinder: { volumeID: "vol-1" },
  cephfs: { monitors: ["10.0.0.1:6789"] },
  flocker: { datasetName: "set" },
  fc: { targetWWNs: ["500a0982991b8dc5"], lun: 2 },
  azureFile: { secretName: "azure", shareName: "share" },
  vsphereVolume: { volumePath: "[datastore1] volumes/myDisk" },
  quobyte: { registry: "registry:7861", volume: "vol" },
  azureDisk: { diskName: "disk", diskURI: "https://example/disk.vhd" },
  photonPersistentDisk: { pdID: "pd" },
  portworxVolume: { volumeID: "vol" },
  scaleIO: { gateway: "https://gw", system: "sys", secretRef: { name: "s" } },
  storageos: { volumeName: "vol" },
};
const RESTRICTED_SOURCES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"];

function volumes(risk: number): fc.Arbitrary<Maybe<JsonObject[] | null>> {
  // Exactly one source per volume: see the header for why none and two are not generated. An
  // explicit null for another source is generated, since it is still one source.
  const volume = (sources: string[]) =>
    fc.record({
      source: fc.constantFrom(...sources),
      nullSource: fc.constantFrom<Maybe<string>>(ABSENT, ABSENT, ABSENT, "hostPath", "nfs", "emptyDir"),
    }).map(({ source, nullSource }): JsonObject => {
      const out: JsonObject = { [source]: VOLUME_SOURCES[source] };
      if (nullSource !== ABSENT && nullSource !== source) out[nullSource] = null;
      return out;
    });
  return field(
    risk,
    fc.array(volume(RESTRICTED_SOURCES), { minLength: 1, maxLength: 2 }),
    fc.array(volume(Object.keys(VOLUME_SOURCES)), { minLength: 1, maxLength: 3 }),
  );
}

const APPARMOR_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
const APPARMOR_VALUES = ["runtime/default", "localhost/k8s-apparmor-example", "localhost/", "", "unconfined", "Unconfined", "localhost", "runtime/Default", "RuntimeDefault"];

function annotations(risk: number, containerNames: string[]): fc.Arbitrary<Maybe<Record<string, string | null> | null>> {
  const key = fc.oneof(
    fc.constantFrom(...containerNames, "absent-container", "").map((name) => APPARMOR_PREFIX + name),
    // Not the prefix PSA matches (case-sensitive, with the slash): inert.
    fc.constantFrom("Container.apparmor.security.beta.kubernetes.io/c0", "container.apparmor.security.beta.kubernetes.io", "apparmor.security.beta.kubernetes.io/pod"),
  );
  const entry = fc.oneof(
    fc.tuple(key, spelling(...APPARMOR_VALUES)),
    // PSA reads the seccomp annotations only for policy versions before 1.19; at latest they are inert.
    fc.tuple(fc.constantFrom("seccomp.security.alpha.kubernetes.io/pod", "container.seccomp.security.alpha.kubernetes.io/c0"), fc.constantFrom("unconfined", "runtime/default")),
    fc.tuple(fc.constant("example.com/team"), fc.constant("payments")),
  );
  return sometimes(risk, fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) => Object.fromEntries(entries)));
}

export interface GeneratedPod {
  metadata: JsonObject;
  spec: JsonObject;
}

/** A list of containers named by position, `<prefix><index>`, so that names are unique in the pod. */
function containerList(risk: number, prefix: string, maxLength: number): fc.Arbitrary<JsonObject[]> {
  return fc.array(container(risk), { minLength: 1, maxLength }).map((cs) => cs.map((c, i) => ({ name: `${prefix}${i}`, ...c })));
}
const CONTAINER_NAMES = ["init-0", "init-1", "c0", "c1", "debug-0"];

/** A pod's metadata and spec, every field at the risk drawn for this pod. */
export const podArbitrary: fc.Arbitrary<GeneratedPod> = fc
  .constantFrom(0.005, 0.02, 0.05, 0.15, 0.4)
  .chain((risk) =>
    fc.record({
      spec: object({
        // Windows and user-namespace pods relax several checks whatever the risk, so they are
        // drawn often and on their own: the relaxation matters most on otherwise hardened pods.
        os: fc.oneof({ withCrossShrink: true }, { arbitrary: unset, weight: 3 }, { arbitrary: object({ name: fc.oneof(fc.constant<Maybe<string>>(ABSENT), spelling("linux", "windows")) }), weight: 2 }),
        hostUsers: fc.oneof({ withCrossShrink: true }, { arbitrary: unset, weight: 3 }, { arbitrary: bool, weight: 1 }),
        hostNetwork: field(risk, fc.constant(false), bool),
        hostPID: field(risk, fc.constant(false), bool),
        hostIPC: field(risk, fc.constant(false), bool),
        securityContext: podSecurityContext(risk),
        volumes: volumes(risk),
        initContainers: fc.oneof({ withCrossShrink: true }, fc.constant(ABSENT), containerList(risk, "init-", 2)),
        containers: containerList(risk, "c", 2),
        ephemeralContainers: fc.oneof({ withCrossShrink: true }, fc.constant(ABSENT), containerList(risk, "debug-", 1)),
      }),
      annotations: annotations(risk, CONTAINER_NAMES),
    }),
  )
  .map(({ spec, annotations }) => {
    const metadata: JsonObject = { labels: { app: "fuzz" } };
    if (annotations !== ABSENT) metadata.annotations = annotations;
    return { metadata, spec };
  });

const SELECTOR = { matchLabels: { app: "fuzz" } };

/** Wraps a pod in each kind PSA extracts a pod template from. */
export const WORKLOAD_KINDS: Record<string, (pod: GeneratedPod) => JsonObject> = {
  Pod: (pod) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "fuzz", ...pod.metadata }, spec: pod.spec }),
  PodTemplate: (pod) => ({ apiVersion: "v1", kind: "PodTemplate", metadata: { name: "fuzz" }, template: pod }),
  ReplicationController: (pod) => ({ apiVersion: "v1", kind: "ReplicationController", metadata: { name: "fuzz" }, spec: { selector: { app: "fuzz" }, template: pod } }),
  ReplicaSet: (pod) => ({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "fuzz" }, spec: { selector: SELECTOR, template: pod } }),
  Deployment: (pod) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "fuzz" }, spec: { selector: SELECTOR, template: pod } }),
  StatefulSet: (pod) => ({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "fuzz" }, spec: { selector: SELECTOR, serviceName: "fuzz", template: pod } }),
  DaemonSet: (pod) => ({ apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "fuzz" }, spec: { selector: SELECTOR, template: pod } }),
  Job: (pod) => ({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "fuzz" }, spec: { template: pod } }),
  CronJob: (pod) => ({ apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "fuzz" }, spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: pod } } } }),
};

/**
 * An AppArmor annotation on the workload's own metadata, not its pod template's: PSA reads only the
 * template's, so this one must not count (for a Pod the two are the same and it is not added).
 */
const outerAnnotations = fc.constantFrom<Maybe<Record<string, string>>>(ABSENT, ABSENT, ABSENT, { [`${APPARMOR_PREFIX}c0`]: "unconfined" });

/** A workload of any kind around a generated pod (Pod first, so shrinking ends at a plain Pod). */
export const workloadArbitrary: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.constantFrom(...Object.keys(WORKLOAD_KINDS)), podArbitrary, outerAnnotations)
  .map(([kind, pod, outer]) => {
    const workload = WORKLOAD_KINDS[kind](pod);
    if (kind !== "Pod" && outer !== ABSENT) workload.metadata = { ...(workload.metadata as JsonObject), annotations: outer };
    return workload;
  });
