/**
 * Reading a securityContext field at every place that can set it: the pod's own securityContext and
 * each container's. Pod Security Admission judges each place on its own (a pod-level `Unconfined` is
 * forbidden even when every container overrides it), so rules that mirror PSA need both the places
 * and the effective value (see security-context.ts).
 */
import type { Finding } from "../types";
import { read, isObject, type JsonObject, type Read } from "../values";
import { unjudgeable } from "../findings";
import { containerField, containerLabel, podField, type Located } from "./security-context";
import type { ContainerSubject, PodSubject } from "./workloads";

type Kind = "string" | "boolean" | "integer" | "object" | "array";
type KindType = { string: string; boolean: boolean; integer: number; object: JsonObject; array: unknown[] };

export interface Place {
  /** The container, or undefined for the pod's own securityContext. */
  container: ContainerSubject | undefined;
  /** The container name findings carry (undefined for the pod). */
  name: string | undefined;
  /** How messages name it: `the pod` or `init container "setup"`. */
  label: string;
}

export function podPlace(): Place {
  return { container: undefined, name: undefined, label: "the pod" };
}

export function containerPlace(container: ContainerSubject): Place {
  return { container, name: container.name, label: containerLabel(container) };
}

/** The pod (first) and every container, in the order PSA visits them. */
export function everyPlace(pod: PodSubject): Place[] {
  return [podPlace(), ...pod.containers.map(containerPlace)];
}

/** `field` as written in this place's own securityContext (no inheritance). */
export function fieldAt<K extends Kind>(pod: PodSubject, place: Place, field: string, kind: K): Located<KindType[K]> {
  return (place.container ? containerField(place.container, field, kind) : podField(pod, field, kind)) as Located<KindType[K]>;
}

/** `key` inside an object-valued field already located (e.g. `seccompProfile.type`). */
export function nested<K extends Kind>(parent: Located<JsonObject>, key: string, kind: K): Located<KindType[K]> {
  const path = `${parent.path}.${key}`;
  if (parent.read.state === "present") return { read: read(parent.read.value, key, kind), path, from: parent.from };
  if (parent.read.state === "absent") return { read: { state: "absent" }, path, from: parent.from };
  return { read: parent.read as Read<never>, path: parent.path, from: parent.from };
}

/**
 * A present value for the rule to judge, or the finding for one that cannot be judged, or
 * undefined when the field is absent.
 */
export function judge<T>(located: Located<T>, name: string | undefined, needed: string): { value: T } | { finding: Finding } | undefined {
  const cannotTell = unjudgeable(located, name, needed);
  if (cannotTell) return { finding: cannotTell };
  return located.read.state === "present" ? { value: located.read.value } : undefined;
}

/**
 * The securityContext object of a pod spec or container for a fix to write into, created when
 * absent; undefined when it holds something else (a value unknown at preview, a wrong type), which
 * a fix must not overwrite.
 */
export function writableContext(owner: JsonObject): JsonObject | undefined {
  if (owner.securityContext === undefined || owner.securityContext === null) owner.securityContext = {};
  return isObject(owner.securityContext) ? owner.securityContext : undefined;
}

/** The object a fix writes into for this place (the pod spec or the container). */
export function ownerAt(pod: PodSubject, place: Place): JsonObject {
  return place.container ? place.container.raw : pod.spec;
}
