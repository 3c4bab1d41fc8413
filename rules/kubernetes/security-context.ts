/**
 * Effective security settings of a container, resolved the way the kubelet resolves them: a field
 * set in the container's securityContext wins over the same field in the pod's securityContext.
 */
import { read, type JsonObject, type Read } from "../values";
import type { ContainerSubject, PodSubject } from "./workloads";

/** Fields that exist in both PodSecurityContext and SecurityContext (container overrides pod). */
export type InheritedField =
  | "runAsUser"
  | "runAsGroup"
  | "runAsNonRoot"
  | "seccompProfile"
  | "seLinuxOptions"
  | "appArmorProfile"
  | "windowsOptions";

type Kind = "string" | "boolean" | "integer" | "object" | "array";

/** A value together with the path it was read from (or, when absent, where it should be written). */
export interface Located<T> {
  read: Read<T>;
  path: string;
  /** Where the value came from; `pod` means the container inherits it. */
  from: "container" | "pod";
}

function securityContextField<K extends Kind>(owner: JsonObject, ownerPath: string, field: string, kind: K, from: Located<unknown>["from"]): Located<unknown> {
  const context = read(owner, "securityContext", "object");
  if (context.state === "unknown" || context.state === "invalid") return { read: context, path: `${ownerPath}.securityContext`, from };
  return { read: read(context.state === "present" ? context.value : undefined, field, kind), path: `${ownerPath}.securityContext.${field}`, from };
}

/** A field of the container's own securityContext. */
export function containerField<K extends Kind>(container: ContainerSubject, field: string, kind: K): Located<ReturnType<typeof read<K>> extends Read<infer T> ? T : never> {
  return securityContextField(container.raw, container.path, field, kind, "container") as never;
}

/** A field of the pod-level securityContext (spec.securityContext). */
export function podField<K extends Kind>(pod: PodSubject, field: string, kind: K): Located<ReturnType<typeof read<K>> extends Read<infer T> ? T : never> {
  return securityContextField(pod.spec, pod.specPath, field, kind, "pod") as never;
}

/** The value a container runs with: its own setting if it has one, else the pod's. */
export function effectiveField<K extends Kind>(pod: PodSubject, container: ContainerSubject, field: InheritedField, kind: K): Located<ReturnType<typeof read<K>> extends Read<infer T> ? T : never> {
  const own = containerField(container, field, kind);
  if (own.read.state !== "absent") return own;
  return podField(pod, field, kind);
}

/** How messages name a container: `init container "setup"`. */
export function containerLabel(container: ContainerSubject): string {
  const kind = container.list === "containers" ? "container" : container.list === "initContainers" ? "init container" : "ephemeral container";
  return `${kind} "${container.name}"`;
}
