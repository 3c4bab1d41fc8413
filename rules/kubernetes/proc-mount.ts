/**
 * proc-mount — containers keep the default /proc masking.
 *
 * Reads (init, regular and ephemeral containers; there is no pod-level field):
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount
 *   spec.hostUsers (level baseline only)
 * Allowed: unset or exactly "Default" ("Unmasked", "", "default" are refused).
 *   level baseline:   any value when the pod sets hostUsers: false (check procMount, relaxed since 1.35);
 *   level restricted: never relaxed (check procMount_restricted, since 1.35, replaces the baseline one).
 * Exempt: Windows pods are not exempt (nor in PSA).
 * PSS: baseline and restricted, control "/proc Mount Type".
 */
import type { Finding, RuleOptions } from "../types";
import { violation } from "../findings";
import { isObject } from "../values";
import { containerPlace, fieldAt, judge } from "./context-places";
import { unlessExempt, userNamespacePod } from "./pod-conditions";
import type { KubernetesRule } from "./rule";
import type { ContainerSubject, PodSubject } from "./workloads";

function checkContainer(pod: PodSubject, container: ContainerSubject, options: RuleOptions): Finding[] {
  const place = containerPlace(container);
  const procMount = fieldAt(pod, place, "procMount", "string");
  const judged = judge(procMount, container.name, '"Default" or unset');
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  if (judged.value === "Default") return [];
  const spelling = judged.value.toLowerCase() === "default" ? ' The value is case-sensitive: write "Default".' : "";
  const relax = options.level === "baseline" ? " (Pod Security baseline allows it only in a pod with hostUsers: false)" : "";
  return [
    violation(
      procMount.path,
      container.name,
      `${place.label} sets procMount: ${JSON.stringify(judged.value)}, which exposes /proc paths the runtime masks (/proc/kcore, /proc/sysrq-trigger, ...)${relax}.${spelling} Remove securityContext.procMount or set it to "Default".`,
    ),
  ];
}

export const procMount: KubernetesRule = {
  meta: {
    id: "proc-mount",
    title: "Keep /proc masked",
    description:
      "The runtime masks and makes read-only the parts of /proc that leak host information or control the host kernel. procMount: Unmasked turns that off; it is meant only for nested containers in a user namespace.",
    severity: "high",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "/proc Mount Type (baseline and restricted)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: 'Leave procMount unset in every container, or write:\n  securityContext:\n    procMount: Default',
    options: ["level"],
  },
  check(pod, options) {
    const findings = () => pod.containers.flatMap((container) => checkContainer(pod, container, options));
    return options.level === "baseline" ? unlessExempt(userNamespacePod(pod), findings) : findings();
  },
  fix(pod) {
    for (const container of pod.containers) {
      const context = container.raw.securityContext;
      if (isObject(context) && context.procMount !== undefined && context.procMount !== "Default") context.procMount = "Default";
    }
  },
};
