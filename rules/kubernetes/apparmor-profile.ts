/**
 * apparmor-profile — no container opts out of AppArmor or picks a profile outside the allowed kinds.
 *
 * Reads:
 *   spec.securityContext.appArmorProfile.type
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.appArmorProfile.type
 *   metadata.annotations["container.apparmor.security.beta.kubernetes.io/<anything>"] of the pod
 *     (template), every key with that prefix, whether or not a container has that name
 * Allowed, exact and case-sensitive:
 *   field: unset, or type "RuntimeDefault" or "Localhost" (an appArmorProfile without a type,
 *     "Unconfined" or anything else is refused wherever it is written);
 *   annotation: "", "runtime/default", or a value starting with "localhost/" ("unconfined" refused);
 *     a null value counts as "", which is what the API server stores for it.
 * localhostProfile is not read (PSA does not; the API server requires it for Localhost).
 * Exempt: nothing (PSA has no Windows or user-namespace exemption for this check).
 * PSS: baseline, control "AppArmor" (check appArmorProfile).
 */
import type { Finding } from "../types";
import { unknownValue, unreadable, violation } from "../findings";
import { classify, isObject, read } from "../values";
import { everyPlace, fieldAt, judge, nested, ownerAt, type Place } from "./context-places";
import type { KubernetesRule } from "./rule";
import type { PodSubject } from "./workloads";

const ALLOWED_TYPES = ["RuntimeDefault", "Localhost"];
const ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

function allowedAnnotationValue(value: string): boolean {
  return value === "" || value === "runtime/default" || value.startsWith("localhost/");
}

function checkPlace(pod: PodSubject, place: Place): Finding[] {
  const profile = fieldAt(pod, place, "appArmorProfile", "object");
  const type = nested(profile, "type", "string");
  const judged = judge(type, place.name, 'an appArmorProfile with type "RuntimeDefault" or "Localhost"');
  if (judged && "finding" in judged) return [judged.finding];
  if (!judged && profile.read.state === "absent") return [];
  if (judged && ALLOWED_TYPES.includes(judged.value)) return [];
  const what = judged ? `sets appArmorProfile.type: ${JSON.stringify(judged.value)}` : "sets an appArmorProfile without a type";
  const nearMiss = judged && ALLOWED_TYPES.find((name) => name.toLowerCase() === judged.value.toLowerCase());
  const advice = nearMiss ? `Write exactly "${nearMiss}" (the value is case-sensitive).` : "Set appArmorProfile.type: RuntimeDefault (or Localhost with a localhostProfile), or remove appArmorProfile.";
  const override = place.container ? "" : " (refused at pod level even when every container sets its own)";
  return [violation(type.path, place.name, `${place.label} ${what}, which is not an allowed AppArmor profile${override}. ${advice}`)];
}

function checkAnnotations(pod: PodSubject): Finding[] {
  const path = `${pod.metadataPath}.annotations`;
  const annotations = read(pod.metadata, "annotations", "object");
  if (annotations.state === "unknown") return [unknownValue(path, undefined, `annotations without forbidden ${ANNOTATION_PREFIX}* values`)];
  if (annotations.state === "invalid") return [unreadable(path, undefined, annotations.value, annotations.expected)];
  if (annotations.state === "absent") return [];
  return Object.entries(annotations.value).flatMap(([key, raw]): Finding[] => {
    if (!key.startsWith(ANNOTATION_PREFIX)) return [];
    const keyPath = `${path}["${key}"]`;
    const name = key.slice(ANNOTATION_PREFIX.length);
    const value = classify(raw, "string");
    if (value.state === "unknown") return [unknownValue(keyPath, name, '"runtime/default" or "localhost/<profile>"')];
    // A null value (YAML `key:` with nothing after it) is stored by the API server as "", which PSA allows.
    if (value.state === "absent") return [];
    if (value.state !== "present") return [unreadable(keyPath, name, raw, "a string")];
    if (allowedAnnotationValue(value.value)) return [];
    return [
      violation(
        keyPath,
        name,
        `The annotation ${key}: ${JSON.stringify(value.value)} gives container "${name}" a forbidden AppArmor profile${value.value === "unconfined" ? " (no AppArmor confinement at all)" : ""}. Remove the annotation (the runtime default applies) or set it to "runtime/default" or "localhost/<profile>"; better, use securityContext.appArmorProfile.type: RuntimeDefault.`,
      ),
    ];
  });
}

export const apparmorProfile: KubernetesRule = {
  meta: {
    id: "apparmor-profile",
    title: "Keep AppArmor confinement",
    description:
      "On hosts with AppArmor, the runtime confines every container with its default profile, which denies writes to /proc and /sys files and mounts that escapes rely on. Unconfined (by field or by the older annotation) removes that.",
    severity: "medium",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "AppArmor (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { source: "CIS Docker Benchmark", control: "5.1 Ensure that, if applicable, an AppArmor Profile is enabled" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "Leave AppArmor at the runtime default, or name it explicitly:\n  spec:\n    securityContext:\n      appArmorProfile:\n        type: RuntimeDefault   # or Localhost with localhostProfile: my-profile\n  and remove container.apparmor.security.beta.kubernetes.io/* annotations set to unconfined.",
    options: [],
  },
  check(pod) {
    return [...everyPlace(pod).flatMap((place) => checkPlace(pod, place)), ...checkAnnotations(pod)];
  },
  fix(pod) {
    for (const place of everyPlace(pod)) {
      const context = ownerAt(pod, place).securityContext;
      if (!isObject(context) || !isObject(context.appArmorProfile)) continue;
      if (!ALLOWED_TYPES.includes(context.appArmorProfile.type as string)) context.appArmorProfile = { type: "RuntimeDefault" };
    }
    const annotations = pod.metadata.annotations;
    if (!isObject(annotations)) return;
    for (const [key, value] of Object.entries(annotations)) {
      if (key.startsWith(ANNOTATION_PREFIX) && typeof value === "string" && !allowedAnnotationValue(value)) annotations[key] = "runtime/default";
    }
  },
};
