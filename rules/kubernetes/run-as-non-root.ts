/**
 * run-as-non-root — containers must be required to run as a non-root user.
 *
 * Reads (pod, then init, regular and ephemeral containers):
 *   spec.securityContext.{runAsNonRoot,runAsUser}
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.{runAsNonRoot,runAsUser}
 *   spec.hostUsers
 * Allowed (two PSA checks in one rule):
 *   runAsNonRoot: true at pod level (containers may leave it unset), or true in every container;
 *     an explicit false anywhere fails, even the pod's when every container sets true (check runAsNonRoot).
 *   runAsUser: anything but 0 anywhere; 0 fails even with runAsNonRoot: true and even at pod level
 *     when every container overrides it (check runAsUser, a separate restricted check since 1.23).
 * Exempt: pods with `hostUsers: false` (their root is an unprivileged user of the node), as PSA
 *   relaxes both checks unconditionally since 1.35. Windows pods are not exempt (nor in PSA).
 * PSS: restricted, controls "Running as Non-root" and "Running as Non-root user".
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { isObject } from "../values";
import { everyPlace, fieldAt, judge, writableContext, type Place } from "./context-places";
import { unlessExempt, userNamespacePod } from "./pod-conditions";
import type { KubernetesRule } from "./rule";
import { effectiveField } from "./security-context";
import type { PodSubject } from "./workloads";

const SET_TRUE = "securityContext.runAsNonRoot: true";

function runAsUserFindings(pod: PodSubject, place: Place): Finding[] {
  const user = fieldAt(pod, place, "runAsUser", "integer");
  const judged = judge(user, place.name, "a non-zero UID");
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  if (judged.value !== 0) return [];
  const where = place.container ? "" : " (a container setting its own runAsUser does not make the pod-level 0 acceptable)";
  // Only where runAsNonRoot: true is in force is it worth saying that it does not help.
  const nonRoot = place.container ? effectiveField(pod, place.container, "runAsNonRoot", "boolean") : fieldAt(pod, place, "runAsNonRoot", "boolean");
  const despite = nonRoot.read.state === "present" && nonRoot.read.value === true ? "; runAsNonRoot: true does not change that, it only makes the kubelet refuse to start it" : "";
  return [violation(user.path, place.name, `${place.label} sets runAsUser: 0, so it runs as root${where}${despite}. Set runAsUser to a non-zero UID the image supports (e.g. 10001), or remove it and rely on the image's non-root USER.`)];
}

function runAsNonRootFindings(pod: PodSubject): Finding[] {
  const findings: Finding[] = [];
  const [podLevel, ...containers] = everyPlace(pod);
  const podValue = fieldAt(pod, podLevel!, "runAsNonRoot", "boolean");
  const podJudged = judge(podValue, undefined, "true");
  if (podJudged && "finding" in podJudged) findings.push(podJudged.finding);
  else if (podJudged?.value === false) {
    findings.push(violation(podValue.path, undefined, `The pod sets runAsNonRoot: false, which PSA refuses even when containers set true. Set ${podValue.path}: true.`));
  }
  for (const place of containers) {
    const own = fieldAt(pod, place, "runAsNonRoot", "boolean");
    const judged = judge(own, place.name, "true");
    if (judged && "finding" in judged) findings.push(judged.finding);
    else if (judged?.value === false) {
      findings.push(violation(own.path, place.name, `${place.label} sets runAsNonRoot: false, so it may run as root. Set ${SET_TRUE} (or remove it and set it on the pod).`));
    } else if (!judged && !podJudged && !pod.patch) {
      // Unset here and at pod level; a pod-level value that is false, unknown or unreadable is reported once above.
      findings.push(violation(own.path, place.name, `${place.label} is not required to run as non-root: runAsNonRoot is unset here and on the pod, so an image without a non-root USER runs as root. Set ${podValue.path}: true (for every container) or ${SET_TRUE} in this container.`));
    }
  }
  return findings;
}

export const runAsNonRoot: KubernetesRule = {
  meta: {
    id: "run-as-non-root",
    title: "Run as non-root",
    description:
      "A process running as UID 0 is root on the host as far as the kernel is concerned (outside a user namespace): any escape or writable host mount is then a root compromise. In Kubernetes, runAsNonRoot: true makes the kubelet refuse to start a container whose user is root and runAsUser: 0 asks for root explicitly; in Docker, the container's user (or else the image's USER) decides.",
    severity: "high",
    pss: ["restricted"],
    references: [
      { source: "Pod Security Standards", control: "Running as Non-root and Running as Non-root user (restricted)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted" },
      { source: "CIS Docker Benchmark", control: "4.1 Ensure that a user for the container has been created" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "Require non-root for the whole pod and never ask for UID 0:\n  spec:\n    securityContext:\n      runAsNonRoot: true\n      runAsUser: 10001   # optional; never 0\n  (or set hostUsers: false to run the pod in its own user namespace)",
    options: [],
  },
  check(pod) {
    return unlessExempt(userNamespacePod(pod), () => [
      ...runAsNonRootFindings(pod),
      ...everyPlace(pod).flatMap((place) => runAsUserFindings(pod, place)),
    ]);
  },
  fix(pod) {
    // Require non-root for the pod and undo explicit opt-outs; runAsUser: 0 needs a UID only the author knows.
    const podContext = writableContext(pod.spec);
    if (podContext && typeof podContext.runAsNonRoot !== "string") podContext.runAsNonRoot = true;
    for (const container of pod.containers) {
      const context = container.raw.securityContext;
      if (isObject(context) && context.runAsNonRoot === false) context.runAsNonRoot = true;
    }
  },
};
