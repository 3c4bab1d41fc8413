/**
 * Pod template extraction for every workload kind.
 *
 * Every Kubernetes rule judges a `PodSubject`: one pod spec, where it sits in the resource, and its
 * containers of every list (init, regular, ephemeral). This file is the only place that knows where
 * each kind keeps its pod template, mirroring pod-security-admission's DefaultPodSpecExtractor, and
 * it finds pod templates generically in custom resources (Argo Rollout, Knative Service, ...).
 */
import type { ExemptionTarget } from "../exemptions";
import type { Finding } from "../types";
import { unknownValue, unreadable, violation } from "../findings";
import { classify, isObject, isUnknown, read, type JsonObject } from "../values";
import { NO_FACTS, serviceAccountOf, type InputFacts, type ServiceAccountFact } from "./input-facts";

export type ContainerList = "initContainers" | "containers" | "ephemeralContainers";
export const CONTAINER_LISTS: readonly ContainerList[] = ["initContainers", "containers", "ephemeralContainers"];

/** A Kubernetes object's identity: what findings name and exemptions match on. */
export interface ResourceRef extends ExemptionTarget {
  apiVersion: string;
}

export interface ContainerSubject {
  list: ContainerList;
  index: number;
  /** The container's name, or `<list>[i]` when it has none. */
  name: string;
  /** Field path of the container, e.g. `spec.template.spec.containers[1]`. */
  path: string;
  raw: JsonObject;
}

export interface PodSubject {
  resource: ResourceRef;
  /** Path of the pod spec, e.g. `spec.template.spec` ("spec" for a Pod). */
  specPath: string;
  spec: JsonObject;
  /** Path of the pod metadata (annotations such as AppArmor's live there). */
  metadataPath: string;
  metadata: JsonObject;
  containers: ContainerSubject[];
  /** A server-side apply patch: forbidden values are judged, absent required values are not. */
  patch: boolean;
  /** The ServiceAccount it runs as, when the same input defines it (rules/kubernetes/input-facts.ts). */
  serviceAccount?: ServiceAccountFact;
}

export interface Extraction {
  pods: PodSubject[];
  /** Problems that keep a pod template from being read at all; each rule reports them. */
  problems: Finding[];
}

/** Where the built-in kinds keep their pod template (apiVersion groups: core, apps, extensions, batch). */
const TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  PodTemplate: ["template"],
  ReplicationController: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

const BUILT_IN_GROUPS = new Set(["", "apps", "extensions", "batch"]);

/** How deep the generic search looks into custom resources; real pod templates sit at depth 2-4. */
const GENERIC_SEARCH_DEPTH = 6;

function group(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

export function resourceRef(object: JsonObject, fallbackName = "<unnamed>"): ResourceRef {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === "string" ? metadata.name : fallbackName;
  return {
    apiVersion: typeof object.apiVersion === "string" ? object.apiVersion : "",
    kind: typeof object.kind === "string" ? object.kind : "",
    name,
    namespace: typeof metadata.namespace === "string" ? metadata.namespace : undefined,
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
  };
}

/** Whether this resource is a kind whose pod template we know where to find, or may embed one. */
export function isBuiltInWorkload(ref: ResourceRef): boolean {
  return ref.kind in TEMPLATE_PATHS && BUILT_IN_GROUPS.has(group(ref.apiVersion));
}

export interface ExtractionOptions {
  /** True for server-side apply patches (`*Patch` Pulumi resources). */
  patch?: boolean;
  /** The name to use when the object has none (the Pulumi resource name). */
  fallbackName?: string;
  /** What the other objects of the same input settle for its pods. @default - none known */
  facts?: InputFacts;
}

/** Finds every pod spec in a Kubernetes object. */
export function extractPods(object: JsonObject, options: ExtractionOptions = {}): Extraction {
  const resource = resourceRef(object, options.fallbackName);
  const patch = options.patch ?? false;
  const out: Extraction = { pods: [], problems: [] };
  if (isBuiltInWorkload(resource)) {
    const steps = TEMPLATE_PATHS[resource.kind]!;
    if (steps.length === 0) {
      addPod(out, resource, object, "", patch, true);
    } else {
      walkToTemplate(out, resource, object, steps, patch);
    }
  } else {
    findTemplates(out, resource, object, "", 0, patch);
  }
  for (const pod of out.pods) {
    const serviceAccount = serviceAccountOf(object, pod.spec, options.facts ?? NO_FACTS);
    if (serviceAccount) pod.serviceAccount = serviceAccount;
  }
  return out;
}

function join(base: string, key: string): string {
  return base === "" ? key : `${base}.${key}`;
}

function walkToTemplate(out: Extraction, resource: ResourceRef, object: JsonObject, steps: string[], patch: boolean): void {
  let node: unknown = object;
  let path = "";
  for (const step of steps) {
    const next = read(node, step, "object");
    path = join(path, step);
    if (next.state === "unknown") {
      out.problems.push(unknownValue(path, undefined, "a pod template whose containers are hardened"));
      return;
    }
    if (next.state === "invalid") {
      out.problems.push(unreadable(path, undefined, next.value, "an object"));
      return;
    }
    if (next.state === "absent") {
      // A patch may leave the template to the live object; a full resource without one is malformed.
      if (!patch) out.problems.push(violation(path, undefined, `${path} is missing, so the pod template cannot be checked; a ${resource.kind} must define it.`));
      return;
    }
    node = next.value;
  }
  addPod(out, resource, node as JsonObject, path, patch, false);
}

/** Depth-first search for `{ metadata?, spec: { containers: [...] } }` inside an unknown kind. */
function findTemplates(out: Extraction, resource: ResourceRef, node: unknown, path: string, depth: number, patch: boolean): void {
  if (depth > GENERIC_SEARCH_DEPTH) return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => findTemplates(out, resource, item, `${path}[${i}]`, depth + 1, patch));
    return;
  }
  if (!isObject(node)) return;
  if (path !== "" && isObject(node.spec) && "containers" in node.spec) {
    addPod(out, resource, node, path, patch, false);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "metadata" || key === "status") continue;
    findTemplates(out, resource, value, join(path, key), depth + 1, patch);
  }
}

/** Adds the pod whose metadata and spec are children of `holder` (the object itself for a Pod). */
function addPod(out: Extraction, resource: ResourceRef, holder: JsonObject, path: string, patch: boolean, isPod: boolean): void {
  const specPath = join(path, "spec");
  const metadataPath = join(path, "metadata");
  const spec = read(holder, "spec", "object");
  if (spec.state === "unknown") {
    out.problems.push(unknownValue(specPath, undefined, "a pod spec whose containers are hardened"));
    return;
  }
  if (spec.state === "invalid") {
    out.problems.push(unreadable(specPath, undefined, spec.value, "an object (the pod spec)"));
    return;
  }
  if (spec.state === "absent") {
    if (!patch) out.problems.push(violation(specPath, undefined, `${specPath} is missing, so the pod cannot be checked; a ${isPod ? "Pod" : "pod template"} must define it.`));
    return;
  }
  const metadata = read(holder, "metadata", "object");
  if (metadata.state === "unknown") out.problems.push(unknownValue(metadataPath, undefined, "pod metadata without unsafe annotations"));
  if (metadata.state === "invalid") out.problems.push(unreadable(metadataPath, undefined, metadata.value, "an object"));
  const pod: PodSubject = {
    resource,
    specPath,
    spec: spec.value,
    metadataPath,
    metadata: metadata.state === "present" ? metadata.value : {},
    containers: [],
    patch,
  };
  for (const list of CONTAINER_LISTS) {
    const listPath = `${specPath}.${list}`;
    const items = read(spec.value, list, "array");
    if (items.state === "unknown") {
      out.problems.push(unknownValue(listPath, undefined, "a list of hardened containers"));
      continue;
    }
    if (items.state === "invalid") {
      out.problems.push(unreadable(listPath, undefined, items.value, "a list of containers"));
      continue;
    }
    if (items.state === "absent") continue;
    items.value.forEach((item, index) => {
      const path = `${listPath}[${index}]`;
      const container = classify(item, "object");
      if (container.state === "unknown") {
        out.problems.push(unknownValue(path, undefined, "a hardened container"));
      } else if (container.state === "invalid" || container.state === "absent") {
        out.problems.push(unreadable(path, undefined, item, "an object (a container)"));
      } else {
        const name = container.value.name;
        pod.containers.push({
          list,
          index,
          name: typeof name === "string" && name !== "" && !isUnknown(name) ? name : `${list}[${index}]`,
          path,
          raw: container.value,
        });
      }
    });
  }
  out.pods.push(pod);
}
