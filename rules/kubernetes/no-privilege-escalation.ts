/**
 * no-privilege-escalation — every container sets allowPrivilegeEscalation: false.
 *
 * Reads (init, regular and ephemeral containers; there is no pod-level field):
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation
 *   ...securityContext.privileged and ...securityContext.capabilities.add (only to explain and to
 *   keep the fix from writing what the API server refuses)
 * Allowed: false, explicitly (unset means escalation is allowed: setuid binaries and file
 *   capabilities work, since the kubelet sets no_new_privs only for an explicit false).
 * Exempt: Windows pods (spec.os.name: windows), as PSA exempts them since 1.25.
 * PSS: restricted, control "Privilege Escalation" (check allowPrivilegeEscalation).
 */
import type { Finding } from "../types";
import { canonicalCapability } from "../capabilities";
import { violation } from "../findings";
import { isObject } from "../values";
import { containerPlace, fieldAt, judge, writableContext } from "./context-places";
import { unlessExempt, windowsPod } from "./pod-conditions";
import type { KubernetesRule } from "./rule";
import type { ContainerSubject, PodSubject } from "./workloads";

/** Why this container cannot simply be given allowPrivilegeEscalation: false, if it cannot. */
function blocker(container: ContainerSubject): string | undefined {
  const context = container.raw.securityContext;
  if (!isObject(context)) return undefined;
  if (context.privileged === true) return "it is privileged";
  const add = isObject(context.capabilities) ? context.capabilities.add : undefined;
  if (Array.isArray(add) && add.some((c) => typeof c === "string" && canonicalCapability(c) === "SYS_ADMIN")) return "it adds SYS_ADMIN";
  return undefined;
}

function checkContainer(pod: PodSubject, container: ContainerSubject): Finding[] {
  const place = containerPlace(container);
  const allow = fieldAt(pod, place, "allowPrivilegeEscalation", "boolean");
  const judged = judge(allow, container.name, "false");
  if (judged && "finding" in judged) return [judged.finding];
  if (judged?.value === false) return [];
  if (!judged && pod.patch) return [];
  const state = judged ? "sets allowPrivilegeEscalation: true" : "leaves allowPrivilegeEscalation unset, which allows it";
  const cause = blocker(container);
  const note = cause
    ? ` Privilege escalation is always possible here because ${cause}, and Kubernetes refuses allowPrivilegeEscalation: false on a privileged container or one adding CAP_SYS_ADMIN: remove that first.`
    : "";
  return [
    violation(
      allow.path,
      container.name,
      `${place.label} ${state}: a process in it can gain more privileges than its parent (setuid binaries, file capabilities). Set securityContext.allowPrivilegeEscalation: false.${note}`,
    ),
  ];
}

export const noPrivilegeEscalation: KubernetesRule = {
  meta: {
    id: "no-privilege-escalation",
    title: "Disallow privilege escalation",
    description:
      "Unless the container runs with no_new_privs (Kubernetes: allowPrivilegeEscalation explicitly false; Docker: the no-new-privileges security option), a setuid-root binary or a file capability in the image can turn a compromised non-root process into root.",
    severity: "high",
    pss: ["restricted"],
    references: [
      { source: "Pod Security Standards", control: "Privilege Escalation (restricted)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted" },
      { source: "CIS Docker Benchmark", control: "5.25 Ensure that the container is restricted from acquiring additional privileges" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "In every container (init and ephemeral too) write:\n  securityContext:\n    allowPrivilegeEscalation: false",
    options: [],
  },
  check(pod) {
    return unlessExempt(windowsPod(pod), () => pod.containers.flatMap((container) => checkContainer(pod, container)));
  },
  fix(pod) {
    for (const container of pod.containers) {
      // The API server would refuse the whole object; leave the violation visible instead.
      if (blocker(container)) continue;
      const context = writableContext(container.raw);
      if (context && context.allowPrivilegeEscalation !== false) context.allowPrivilegeEscalation = false;
    }
  },
};
