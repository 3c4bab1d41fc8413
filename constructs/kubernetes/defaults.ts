/**
 * The hardened defaults, and the one place where props are resolved against them: every value a
 * construct writes is decided here, every loosening is checked for its reason here, and a prop that
 * would produce an object the catalogue refuses is an error here (at construction, naming the prop)
 * rather than a finding later. pod-spec.ts only serialises what this returns.
 */
import { canonicalCapability, PSS_RESTRICTED_CAPABILITIES } from "../../rules/capabilities";
import { noPrivilegeEscalation } from "../../rules/kubernetes/no-privilege-escalation";
import { noServiceAccountTokenAutomount } from "../../rules/kubernetes/no-service-account-token-automount";
import { nonRootUidGid } from "../../rules/kubernetes/non-root-uid-gid";
import { readOnlyRootFilesystem } from "../../rules/kubernetes/read-only-root-filesystem";
import { restrictAddedCapabilities } from "../../rules/kubernetes/restrict-added-capabilities";
import { DEFAULT_OPTIONS } from "../../rules/options";
import type { ResourceList, ResourceRequirements, SeccompProfile } from "./k8s";
import type { Loosening, SecureContainerProps, SecurePodSpecProps, WritableEmptyDir } from "./props";

export const SECURE_DEFAULTS = Object.freeze({
  /** UID, GID and fsGroup: `nonroot` in distroless and Chainguard images, far above host users. */
  id: 65532,
  seccompProfile: Object.freeze({ type: "RuntimeDefault" }) as Readonly<SeccompProfile>,
  writablePaths: Object.freeze(["/tmp"]),
  writablePathSizeLimit: "256Mi",
  requests: Object.freeze({ cpu: "100m", memory: "128Mi" }) as Readonly<ResourceList>,
  limits: Object.freeze({ cpu: "500m", memory: "256Mi" }) as Readonly<ResourceList>,
  replicas: 1,
  jobRestartPolicy: "Never",
  podRestartPolicy: "Always",
  concurrencyPolicy: "Forbid",
  accessModes: Object.freeze(["ReadWriteOnce"]),
});

/** A hardened default loosened on purpose: the rule it lets go, and why (for the annotation). */
export interface ResolvedLoosening {
  rule: string;
  reason: string;
  /** The container it concerns, when it is one container's setting (not the pod's). */
  container?: string;
}

export interface ResolvedWritablePath {
  path: string;
  sizeLimit: string;
  medium?: "Memory";
}

export interface ResolvedContainer {
  props: SecureContainerProps;
  resources: ResourceRequirements;
  writablePaths: ResolvedWritablePath[];
  addCapabilities: string[];
  readOnlyRootFilesystem: boolean;
  allowPrivilegeEscalation: boolean;
}

export interface ResolvedPod {
  initContainers: ResolvedContainer[];
  containers: ResolvedContainer[];
  /** Undefined when the image's USER is used (`imageUser`). */
  user?: number;
  group?: number;
  fsGroup: number;
  seccompProfile: SeccompProfile;
  automountServiceAccountToken: boolean;
  loosenings: ResolvedLoosening[];
}

/** The reason of a loosening that is used, refused when empty (an exemption must say why). */
function reasonOf(loosening: Loosening, prop: string): string {
  const reason = typeof loosening.reason === "string" ? loosening.reason.trim() : "";
  if (reason === "") throw new Error(`${prop}: give a reason ({ reason: "why" }); it is written on the object as the exemption's reason.`);
  return reason;
}

/** Each resource: the value given, else (for a limit) the request given, else the default. */
function resolveResources(given: ResourceRequirements | undefined): ResourceRequirements {
  const requests: ResourceList = { ...SECURE_DEFAULTS.requests, ...given?.requests };
  const limits: ResourceList = { ...SECURE_DEFAULTS.limits };
  for (const key of Object.keys(given?.requests ?? {}) as Array<keyof ResourceList>) limits[key] = given?.requests?.[key];
  return { requests, limits: { ...limits, ...given?.limits } };
}

function resolveWritablePaths(where: string, given: Array<string | WritableEmptyDir> | undefined): ResolvedWritablePath[] {
  const paths = (given ?? SECURE_DEFAULTS.writablePaths).map((entry) => (typeof entry === "string" ? { path: entry } : entry));
  const seen = new Set<string>();
  return paths.map(({ path, sizeLimit, inMemory }) => {
    if (!path.startsWith("/")) throw new Error(`${where}: writablePaths entry "${path}" must be an absolute path.`);
    if (path.replace(/\/+$/, "") === "") throw new Error(`${where}: writablePaths cannot make "/" writable; use writableRootFilesystem: { reason } if the whole root must be writable.`);
    if (seen.has(path)) throw new Error(`${where}: writablePaths lists "${path}" twice.`);
    seen.add(path);
    return { path, sizeLimit: sizeLimit ?? SECURE_DEFAULTS.writablePathSizeLimit, ...(inMemory ? { medium: "Memory" as const } : {}) };
  });
}

function resolveContainer(props: SecureContainerProps, where: string, loosenings: ResolvedLoosening[]): ResolvedContainer {
  const loosen = (rule: string, loosening: Loosening, prop: string) =>
    loosenings.push({ rule, container: props.name, reason: `container ${props.name}: ${reasonOf(loosening, `${where}.${prop}`)}` });

  const addCapabilities = [...new Set((props.addCapabilities ?? []).map(canonicalCapability))];
  const beyond = addCapabilities.filter((name) => !PSS_RESTRICTED_CAPABILITIES.includes(name));
  if (beyond.length > 0) {
    if (!props.unrestrictedCapabilities) {
      throw new Error(`${where}: addCapabilities ${beyond.join(", ")} goes beyond what Pod Security restricted allows (${PSS_RESTRICTED_CAPABILITIES.join(", ")}); give unrestrictedCapabilities: { reason } to add it anyway.`);
    }
    loosen(restrictAddedCapabilities.meta.id, props.unrestrictedCapabilities, "unrestrictedCapabilities");
  }
  if (props.writableRootFilesystem) loosen(readOnlyRootFilesystem.meta.id, props.writableRootFilesystem, "writableRootFilesystem");
  if (props.privilegeEscalation) loosen(noPrivilegeEscalation.meta.id, props.privilegeEscalation, "privilegeEscalation");

  return {
    props,
    resources: resolveResources(props.resources),
    writablePaths: resolveWritablePaths(where, props.writablePaths),
    addCapabilities,
    readOnlyRootFilesystem: !props.writableRootFilesystem,
    allowPrivilegeEscalation: props.privilegeEscalation !== undefined,
  };
}

/** An ID to run as: a whole number, never root, at least the catalogue's minimum unless `lowIds` says why. */
function resolveId(prop: string, given: number | undefined, lowIds: Loosening | undefined, loosenings: ResolvedLoosening[]): number {
  const id = given ?? SECURE_DEFAULTS.id;
  if (!Number.isInteger(id) || id < 1) throw new Error(`${prop} must be a whole number of at least 1 (0 is root, which Pod Security restricted refuses), got ${id}.`);
  if (id < DEFAULT_OPTIONS.minimumId) {
    if (!lowIds) throw new Error(`${prop} ${id} is below ${DEFAULT_OPTIONS.minimumId}, where IDs can collide with users of the host (non-root-uid-gid); use a higher ID or give lowIds: { reason }.`);
    loosenings.push({ rule: nonRootUidGid.meta.id, reason: `${prop} ${id}: ${reasonOf(lowIds, "lowIds")}` });
  }
  return id;
}

/** Resolves a pod's props against the hardened defaults; throws, naming the prop, on a contradiction. */
export function resolvePod(props: SecurePodSpecProps): ResolvedPod {
  if (props.containers.length === 0) throw new Error("containers: give at least one container.");
  const names = [...(props.initContainers ?? []), ...props.containers].map((c) => c.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new Error(`containers: the name "${duplicate}" is used twice; container names are unique within a pod (init containers included).`);

  const loosenings: ResolvedLoosening[] = [];
  const initContainers = (props.initContainers ?? []).map((c, i) => resolveContainer(c, `initContainers[${i}] "${c.name}"`, loosenings));
  const containers = props.containers.map((c, i) => resolveContainer(c, `containers[${i}] "${c.name}"`, loosenings));

  let user: number | undefined;
  let group: number | undefined;
  if (props.imageUser) {
    if (props.user !== undefined || props.group !== undefined) throw new Error("imageUser runs as the image's USER, so it cannot be combined with user or group.");
    loosenings.push({ rule: nonRootUidGid.meta.id, reason: `the image's USER: ${reasonOf(props.imageUser, "imageUser")}` });
  } else {
    user = resolveId("user", props.user, props.lowIds, loosenings);
    group = resolveId("group", props.group, props.lowIds, loosenings);
  }
  const fsGroup = resolveId("fsGroup", props.fsGroup, props.lowIds, loosenings);

  if (props.serviceAccountToken) {
    loosenings.push({ rule: noServiceAccountTokenAutomount.meta.id, reason: reasonOf(props.serviceAccountToken, "serviceAccountToken") });
  }
  return {
    initContainers,
    containers,
    user,
    group,
    fsGroup,
    seccompProfile: props.seccompProfile ?? { ...SECURE_DEFAULTS.seccompProfile },
    automountServiceAccountToken: props.serviceAccountToken !== undefined,
    loosenings,
  };
}
