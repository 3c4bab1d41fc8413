/**
 * Reading pod spec and container fields outside securityContext (host namespaces, volumes, ports,
 * probes), with the same located, classified reads the securityContext rules use, so that a value
 * unknown at preview or of the wrong type is reported at its own path instead of passing.
 */
import type { Finding } from "../types";
import { unknownValue, unreadable } from "../findings";
import { classify, read, type JsonObject } from "../values";
import type { Located } from "./security-context";
import type { ContainerSubject, PodSubject } from "./workloads";

type Kind = "string" | "boolean" | "integer" | "object" | "array";
type KindType = { string: string; boolean: boolean; integer: number; object: JsonObject; array: unknown[] };

/** A field of the pod spec itself, e.g. `spec.hostNetwork`. */
export function specField<K extends Kind>(pod: PodSubject, key: string, kind: K): Located<KindType[K]> {
  return { read: read(pod.spec, key, kind), path: `${pod.specPath}.${key}`, from: "pod" } as Located<KindType[K]>;
}

/** A field of the container itself, e.g. `containers[0].ports`. */
export function containerValue<K extends Kind>(container: ContainerSubject, key: string, kind: K): Located<KindType[K]> {
  return { read: read(container.raw, key, kind), path: `${container.path}.${key}`, from: "container" } as Located<KindType[K]>;
}

export interface ListItem {
  value: JsonObject;
  path: string;
}

/**
 * The object elements of a list field. The list or an element that is unknown at preview or not an
 * object becomes a finding (what it must be is `needed`); an absent list has no elements.
 */
export function objectItems(list: Located<unknown[]>, container: string | undefined, needed: string): { items: ListItem[]; findings: Finding[] } {
  const out: { items: ListItem[]; findings: Finding[] } = { items: [], findings: [] };
  if (list.read.state === "unknown") out.findings.push(unknownValue(list.path, container, needed));
  if (list.read.state === "invalid") out.findings.push(unreadable(list.path, container, list.read.value, "a list"));
  if (list.read.state !== "present") return out;
  list.read.value.forEach((element, index) => {
    const path = `${list.path}[${index}]`;
    const item = classify(element, "object");
    if (item.state === "present") out.items.push({ value: item.value, path });
    else if (item.state === "unknown") out.findings.push(unknownValue(path, container, needed));
    else out.findings.push(unreadable(path, container, element, "an object"));
  });
  return out;
}

/** `item[key]` located below the item's path. */
export function itemField<K extends Kind>(item: ListItem, key: string, kind: K): Located<KindType[K]> {
  return { read: read(item.value, key, kind), path: `${item.path}.${key}`, from: "pod" } as Located<KindType[K]>;
}
