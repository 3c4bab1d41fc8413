/**
 * non-root-uid-gid — every container runs with a known, high, non-root UID and GID.
 *
 * Reads:
 *   spec.securityContext.{runAsUser,runAsGroup,fsGroup,supplementalGroups}
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.{runAsUser,runAsGroup}
 * Allowed:
 *   runAsUser, runAsGroup: required for every container (its own, or inherited from the pod), and
 *     >= options.minimumId (default 10000). Unset means the image's USER (or its primary group),
 *     which cannot be verified from the manifest and is root when the image sets none. Every place
 *     that writes a value is judged, so a pod-level 0 fails even when containers override it.
 *   fsGroup: optional (without it volumes keep their ownership); when set, >= options.minimumId.
 *   supplementalGroups: must not contain 0 (root's group owns files a container should not write).
 *     Lower groups are allowed: they are listed on purpose to share a volume or device group.
 * Exempt: Windows pods (spec.os.name: windows): these fields are Linux-only and the API server
 *   refuses them there; a Windows container's identity is windowsOptions.runAsUserName.
 *   Pods with hostUsers: false are not exempt: IDs still matter inside the user namespace.
 * No automatic fix: a UID the image was not built for breaks it (file ownership, home directory).
 * Beyond the Pod Security Standards (restricted forbids only runAsUser: 0; see run-as-non-root).
 */
import type { Finding, RuleOptions } from "../types";
import { unknownValue, unreadable, violation } from "../findings";
import { classify } from "../values";
import { containerPlace, fieldAt, judge, podPlace, type Place } from "./context-places";
import { unlessExempt, windowsPod } from "./pod-conditions";
import type { KubernetesRule } from "./rule";
import { containerLabel, effectiveField } from "./security-context";
import type { PodSubject } from "./workloads";

type IdField = "runAsUser" | "runAsGroup" | "fsGroup";
const WHAT: Record<IdField, string> = { runAsUser: "UID", runAsGroup: "GID", fsGroup: "GID" };

function example(options: RuleOptions): number {
  return Math.max(options.minimumId, 10001);
}

/** The finding for a value written at this place, if it is not an acceptable ID. */
function judgeId(pod: PodSubject, place: Place, field: IdField, options: RuleOptions): Finding[] {
  const located = fieldAt(pod, place, field, "integer");
  const judged = judge(located, place.name, `a ${WHAT[field]} >= ${options.minimumId}`);
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  if (judged.value >= options.minimumId) return [];
  const why = judged.value === 0 ? `0, which is root${field === "runAsUser" ? "" : "'s group"}` : `${judged.value}, below ${options.minimumId}, where IDs may belong to users and groups of the node`;
  return [violation(located.path, place.name, `${place.label} sets ${field}: ${why}. Set ${field} to a ${WHAT[field]} of at least ${options.minimumId} (e.g. ${example(options)}) that the image supports.`)];
}

/** A container with no value anywhere runs as the image decides: not verifiable, so not accepted. */
function requireSet(pod: PodSubject, field: "runAsUser" | "runAsGroup", options: RuleOptions): Finding[] {
  if (pod.patch) return [];
  return pod.containers.flatMap((container) => {
    if (effectiveField(pod, container, field, "integer").read.state !== "absent") return [];
    const image = field === "runAsUser" ? "the image's USER, which" : "the primary group of the image's USER (often 0, root's group), which";
    return [
      violation(
        `${container.path}.securityContext.${field}`,
        container.name,
        `${containerLabel(container)} has no ${field} here or on the pod, so it runs as ${image} cannot be verified from the manifest (and is root when the image sets none). Set a numeric ${field} of at least ${options.minimumId} (e.g. ${example(options)}) at ${pod.specPath}.securityContext or in this container.`,
      ),
    ];
  });
}

function supplementalGroups(pod: PodSubject): Finding[] {
  const located = fieldAt(pod, podPlace(), "supplementalGroups", "array");
  const judged = judge(located, undefined, "a list of GIDs without 0");
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  return judged.value.flatMap((item, i): Finding[] => {
    const path = `${located.path}[${i}]`;
    const gid = classify(item, "integer");
    if (gid.state === "unknown") return [unknownValue(path, undefined, "a GID other than 0")];
    if (gid.state !== "present") return [unreadable(path, undefined, item, "a whole number (a GID)")];
    if (gid.value !== 0) return [];
    return [violation(path, undefined, "The pod adds group 0 (root's group) to every container's supplementary groups, giving access to files owned by group root. Remove 0 from supplementalGroups.")];
  });
}

function findings(pod: PodSubject, options: RuleOptions): Finding[] {
  const places = [podPlace(), ...pod.containers.map(containerPlace)];
  return [
    ...places.flatMap((place) => judgeId(pod, place, "runAsUser", options)),
    ...requireSet(pod, "runAsUser", options),
    ...places.flatMap((place) => judgeId(pod, place, "runAsGroup", options)),
    ...requireSet(pod, "runAsGroup", options),
    ...judgeId(pod, podPlace(), "fsGroup", options),
    ...supplementalGroups(pod),
  ];
}

export const nonRootUidGid: KubernetesRule = {
  meta: {
    id: "non-root-uid-gid",
    title: "Run with a high, explicit UID and GID",
    description:
      "runAsNonRoot only refuses UID 0. An explicit UID and GID above the range used by the node's own users and groups means a process that escapes the container owns nothing on the host, and the identity no longer depends on what the image happens to declare.",
    severity: "medium",
    pss: [],
    references: [
      { source: "CIS Docker Benchmark", control: "4.1 Ensure that a user for the container has been created" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "Set the identity for the whole pod (containers may override with other high IDs):\n  spec:\n    securityContext:\n      runAsNonRoot: true\n      runAsUser: 10001\n      runAsGroup: 10001\n      fsGroup: 10001   # optional, for writable volumes",
    options: ["minimumId"],
  },
  check(pod, options) {
    return unlessExempt(windowsPod(pod), () => findings(pod, options));
  },
};
