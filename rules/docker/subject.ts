/**
 * The container a Docker resource describes, read into one shape for every Docker rule. Which Pulumi
 * types carry one is the pack's business (policypack/docker-resources.ts); the catalogue knows kinds.
 *
 * - `docker:index/container:Container`: the container's own inputs (`user`, `capabilities.adds`,
 *   `securityOpts`, `mounts`, ...).
 * - `docker:index/service:Service`: a swarm service's task template, `taskSpec.containerSpec`
 *   (`user`, `capAdds`, `capDrops`, `readOnly`, `privileges.seLinuxContext`, `mounts`, `sysctl`),
 *   and `taskSpec.resources.limits`. @pulumi/docker 5.2.0 gives a Service no input for privileged
 *   mode, security options, host namespaces, volumes or devices, so a Service has no such fields:
 *   the daemon's defaults apply to them.
 * - A Compose service (`services.<name>` of a Compose file), read by the checker: the service in
 *   Compose's own keys (`cap_drop`, `security_opt`, `volumes`, `deploy.resources.limits.memory`),
 *   after checker/compose-service.ts has normalised the shapes where Compose differs: volumes and
 *   devices in long form with resolved host paths, sysctls as a map, memory in MB (`mem_limit`) or
 *   bytes (`deploy.resources.limits.memory`), deploy CPUs in nano CPUs.
 *
 * Every field carries its path in the resource's own property names, so that a finding says what to
 * write where (`capabilities.drops` for a Container, `taskSpec.containerSpec.capDrops` for a Service).
 */
import type { Finding } from "../types";
import { unjudgeable, unknownValue, unreadable } from "../findings";
import { classify, isObject, read, type JsonObject, type Read } from "../values";
import type { ImageBuild } from "./image-build";

export type DockerKind = "Container" | "Service" | "Compose";

type Kind = "string" | "boolean" | "number" | "array" | "object";
type KindType = { string: string; boolean: boolean; number: number; array: unknown[]; object: JsonObject };

/** The fields the rules read, by meaning, with the type each holds. */
const FIELD_KINDS = {
  user: "string",
  groups: "array",
  capAdds: "array",
  capDrops: "array",
  readOnly: "boolean",
  privileged: "boolean",
  securityOpts: "array",
  networkMode: "string",
  pidMode: "string",
  ipcMode: "string",
  usernsMode: "string",
  cgroupnsMode: "string",
  utsMode: "string",
  mounts: "array",
  volumes: "array",
  devices: "array",
  deviceCgroupRules: "array",
  seLinuxContext: "object",
  sysctls: "object",
  /** Container and Compose `mem_limit`: MB. */
  memory: "number",
  /** Service and Compose `deploy.resources.limits.memory`: bytes. */
  memoryBytes: "number",
  cpus: "string",
  cpuQuota: "number",
  cpuSet: "string",
  nanoCpus: "number",
} as const satisfies Record<string, Kind>;

export type FieldName = keyof typeof FIELD_KINDS;
export type FieldType<N extends FieldName> = KindType[(typeof FIELD_KINDS)[N]];

const CONTAINER_KEYS: Partial<Record<FieldName, string[]>> = {
  user: ["user"],
  groups: ["groupAdds"],
  capAdds: ["capabilities", "adds"],
  capDrops: ["capabilities", "drops"],
  readOnly: ["readOnly"],
  privileged: ["privileged"],
  securityOpts: ["securityOpts"],
  networkMode: ["networkMode"],
  pidMode: ["pidMode"],
  ipcMode: ["ipcMode"],
  usernsMode: ["usernsMode"],
  cgroupnsMode: ["cgroupnsMode"],
  mounts: ["mounts"],
  volumes: ["volumes"],
  devices: ["devices"],
  deviceCgroupRules: ["deviceCgroupRules"],
  sysctls: ["sysctls"],
  memory: ["memory"],
  cpus: ["cpus"],
  cpuQuota: ["cpuQuota"],
  cpuSet: ["cpuSet"],
};

const SPEC = ["taskSpec", "containerSpec"];
const SERVICE_KEYS: Partial<Record<FieldName, string[]>> = {
  user: [...SPEC, "user"],
  groups: [...SPEC, "groups"],
  capAdds: [...SPEC, "capAdds"],
  capDrops: [...SPEC, "capDrops"],
  readOnly: [...SPEC, "readOnly"],
  mounts: [...SPEC, "mounts"],
  seLinuxContext: [...SPEC, "privileges", "seLinuxContext"],
  sysctls: [...SPEC, "sysctl"],
  memoryBytes: ["taskSpec", "resources", "limits", "memoryBytes"],
  nanoCpus: ["taskSpec", "resources", "limits", "nanoCpus"],
};

const LIMITS = ["deploy", "resources", "limits"];
const COMPOSE_KEYS: Partial<Record<FieldName, string[]>> = {
  user: ["user"],
  groups: ["group_add"],
  capAdds: ["cap_add"],
  capDrops: ["cap_drop"],
  readOnly: ["read_only"],
  privileged: ["privileged"],
  securityOpts: ["security_opt"],
  networkMode: ["network_mode"],
  pidMode: ["pid"],
  ipcMode: ["ipc"],
  usernsMode: ["userns_mode"],
  cgroupnsMode: ["cgroup"],
  utsMode: ["uts"],
  mounts: ["volumes"],
  devices: ["devices"],
  deviceCgroupRules: ["device_cgroup_rules"],
  sysctls: ["sysctls"],
  memory: ["mem_limit"],
  memoryBytes: [...LIMITS, "memory"],
  cpus: ["cpus"],
  nanoCpus: [...LIMITS, "cpus"],
  cpuQuota: ["cpu_quota"],
  cpuSet: ["cpuset"],
};

/** A value with the path it was read from (or, when absent, where it would be written). */
export interface Field<T> {
  /** Dotted path from the resource's root in its own property names. */
  path: string;
  read: Read<T>;
}

export interface DockerContainerSubject {
  kind: DockerKind;
  /** The Pulumi resource name, or the Compose service name. */
  name: string;
  /** The resource's inputs (a fix writes into them); for Compose, `{ services: { <name>: <normalised service> } }`. */
  props: JsonObject;
  /**
   * The build of the image the container runs, when the adapter can read it (a Compose service
   * with `build`): a container that sets no user runs as that image's USER.
   */
  image?: ImageBuild;
}

/** The subject of a docker.Container's or docker.Service's inputs. */
export function dockerSubject(kind: "Container" | "Service", name: string, props: JsonObject): DockerContainerSubject {
  return { kind, name, props };
}

/** The subject of a Compose service, normalised (checker/compose-service.ts), with the build of its image if it has one. */
export function composeSubject(name: string, service: JsonObject, image?: ImageBuild): DockerContainerSubject {
  return { kind: "Compose", name, props: { services: { [name]: service } }, ...(image ? { image } : {}) };
}

/** The property path of a field for this kind of resource, or undefined when it has no such input. */
export function keysOf(subject: DockerContainerSubject, name: FieldName): string[] | undefined {
  if (subject.kind === "Compose") {
    const keys = COMPOSE_KEYS[name];
    return keys && ["services", subject.name, ...keys];
  }
  return (subject.kind === "Container" ? CONTAINER_KEYS : SERVICE_KEYS)[name];
}

/** The dotted property path of a field (for messages), or undefined when the resource has no such input. */
export function pathOf(subject: DockerContainerSubject, name: FieldName): string | undefined {
  return keysOf(subject, name)?.join(".");
}

/**
 * A field by meaning, or undefined when this resource type has no such input. An enclosing object
 * that is unknown at preview or of the wrong type is reported at its own path (`taskSpec`).
 */
export function field<N extends FieldName>(subject: DockerContainerSubject, name: N): Field<FieldType<N>> | undefined {
  const keys = keysOf(subject, name);
  if (!keys) return undefined;
  let owner: unknown = subject.props;
  for (let i = 0; i < keys.length - 1; i++) {
    const step = read(owner, keys[i]!, "object");
    if (step.state === "unknown" || step.state === "invalid") return { path: keys.slice(0, i + 1).join("."), read: step as Read<never> };
    owner = step.state === "present" ? step.value : undefined;
  }
  return { path: keys.join("."), read: read(owner, keys[keys.length - 1]!, FIELD_KINDS[name]) as Read<FieldType<N>> };
}

/**
 * A present value for the rule to judge, or the finding for one that cannot be judged (unknown at
 * preview, wrong type), or undefined when the field is absent.
 */
export function judge<T>(located: Field<T>, needed: string): { value: T } | { finding: Finding } | undefined {
  const cannotTell = unjudgeable(located, undefined, needed);
  if (cannotTell) return { finding: cannotTell };
  return located.read.state === "present" ? { value: located.read.value } : undefined;
}

export interface Item<T> {
  value: T;
  path: string;
  index: number;
}

/**
 * The elements of a list field that hold `kind`. The list or an element that is unknown at preview
 * becomes an `unknown` finding (what it must be is `needed`), one of the wrong type an unreadable
 * violation; an absent list has no elements.
 */
export function items<K extends Kind>(list: Field<unknown[]> | undefined, kind: K, needed: string): { items: Array<Item<KindType[K]>>; findings: Finding[] } {
  const out: { items: Array<Item<KindType[K]>>; findings: Finding[] } = { items: [], findings: [] };
  if (!list) return out;
  const whole = judge(list, needed);
  if (!whole) return out;
  if ("finding" in whole) return { items: [], findings: [whole.finding] };
  whole.value.forEach((element, index) => {
    const path = `${list.path}[${index}]`;
    const item = classify(element, kind);
    if (item.state === "present") out.items.push({ value: item.value as KindType[K], path, index });
    else if (item.state === "unknown") out.findings.push(unknownValue(path, undefined, needed));
    else out.findings.push(unreadable(path, undefined, element, kind === "string" ? "a string" : "an object"));
  });
  return out;
}

/** `key` of a list element located below the element's path. */
export function itemField<K extends Kind>(item: Item<JsonObject>, key: string, kind: K): Field<KindType[K]> {
  return { path: `${item.path}.${key}`, read: read(item.value, key, kind) as Read<KindType[K]> };
}

/**
 * The object a fix writes a field into, creating absent enclosing objects; undefined when one holds
 * something else (a value unknown at preview, a wrong type), which a fix must not overwrite.
 */
export function writableOwner(subject: DockerContainerSubject, name: FieldName): { owner: JsonObject; key: string } | undefined {
  const keys = keysOf(subject, name);
  if (!keys) return undefined;
  let owner: JsonObject = subject.props;
  for (const key of keys.slice(0, -1)) {
    if (owner[key] === undefined || owner[key] === null) owner[key] = {};
    const next = owner[key];
    if (!isObject(next)) return undefined;
    owner = next;
  }
  return { owner, key: keys[keys.length - 1]! };
}
