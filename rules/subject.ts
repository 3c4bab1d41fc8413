/**
 * What the catalogue reviews, whatever surface it came from: a Kubernetes object (its pod templates
 * extracted once), a Docker container's settings (a docker.Container or docker.Service of a Pulumi
 * stack, a Compose service), or an image build (a docker.Image, a Dockerfile). Each adapter makes
 * subjects from its own input at its edge; `review` (rules/review.ts) runs the rules over them.
 */
import type { ExemptionTarget } from "./exemptions";
import type { DockerContainerSubject } from "./docker/subject";
import type { ImageBuild } from "./docker/image-build";
import { extractPods, resourceRef, type Extraction, type ExtractionOptions, type ResourceRef } from "./kubernetes/workloads";
import type { JsonObject } from "./values";

interface SubjectBase {
  /** What exemptions match on, and what the output names. */
  target: ExemptionTarget;
  /** Notes for the output that are not findings (e.g. what a patch leaves unjudged). */
  notes: string[];
}

export interface KubernetesSubject extends SubjectBase {
  family: "kubernetes";
  target: ResourceRef;
  extraction: Extraction;
}

export interface DockerSubject extends SubjectBase {
  family: "docker";
  container: DockerContainerSubject;
}

export interface ImageSubject extends SubjectBase {
  family: "image";
  build: ImageBuild;
}

export type Subject = KubernetesSubject | DockerSubject | ImageSubject;

/** `Deployment shop/web`, `Container web`, `Compose service web`. */
export function describeTarget(target: ExemptionTarget): string {
  return `${target.kind || "object"} ${target.namespace ? `${target.namespace}/` : ""}${target.name}`;
}

const PATCH_NOTE =
  "is a server-side apply patch: values it sets are judged, required values it leaves out are not (they belong to the object it patches, judged where that is defined).";

/**
 * The subject of a Kubernetes object, or undefined when it holds no pod template (a ConfigMap, a
 * Service): no rule has anything to say about it.
 * `options.patch`: a server-side apply patch (Pulumi's `*Patch` resources), absent required values
 * are not judged; `options.facts`: what the other objects of the same input settle for it
 * (`inputFacts` over everything the adapter read together).
 */
export function kubernetesSubject(object: JsonObject, options: ExtractionOptions = {}): KubernetesSubject | undefined {
  const extraction = extractPods(object, options);
  if (extraction.pods.length === 0 && extraction.problems.length === 0) return undefined;
  const target = resourceRef(object, options.fallbackName);
  return { family: "kubernetes", target, extraction, notes: options.patch ? [`${describeTarget(target)} ${PATCH_NOTE}`] : [] };
}

/** The subject of a Docker container's settings; Docker labels are its exemption annotations. */
export function dockerContainerSubject(container: DockerContainerSubject, kind: string, labels: Record<string, string>): DockerSubject {
  return { family: "docker", container, target: { kind, name: container.name, labels, annotations: labels }, notes: [] };
}

/** The subject of an image build. */
export function imageSubject(build: ImageBuild, target: ExemptionTarget): ImageSubject {
  return { family: "image", build, target, notes: [] };
}
