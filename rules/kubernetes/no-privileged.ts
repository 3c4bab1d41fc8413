/**
 * no-privileged — no container runs privileged.
 *
 * Reads (init, regular and ephemeral containers; there is no pod-level field):
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.privileged
 * Allowed: unset or false.
 * Exempt: nothing (PSA has no Windows or user-namespace exemption for this check).
 * PSS: baseline, control "Privileged Containers" (check privileged).
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { isObject } from "../values";
import { containerPlace, fieldAt, judge } from "./context-places";
import type { KubernetesRule } from "./rule";
import type { ContainerSubject, PodSubject } from "./workloads";

function checkContainer(pod: PodSubject, container: ContainerSubject): Finding[] {
  const place = containerPlace(container);
  const privileged = fieldAt(pod, place, "privileged", "boolean");
  const judged = judge(privileged, container.name, "false or unset");
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  if (!judged.value) return [];
  return [
    violation(
      privileged.path,
      container.name,
      `${place.label} is privileged: it gets every capability and every host device, without seccomp or AppArmor confinement, so root in it is root on the node. Remove securityContext.privileged (or set it to false) and add only the capabilities it needs under securityContext.capabilities.add.`,
    ),
  ];
}

export const noPrivileged: KubernetesRule = {
  meta: {
    id: "no-privileged",
    title: "No privileged containers",
    description:
      "A privileged container runs with all capabilities, access to all host devices and no seccomp or AppArmor confinement: a compromise of the container is a compromise of the node.",
    severity: "critical",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "Privileged Containers (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { source: "CIS Docker Benchmark", control: "5.4 Ensure that privileged containers are not used" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "In every container (init and ephemeral too) leave privileged unset, or write:\n  securityContext:\n    privileged: false\n    capabilities:\n      drop: [\"ALL\"]\n      add: [\"NET_ADMIN\"]   # only the specific capability it needs, if any",
    options: [],
  },
  check(pod) {
    return pod.containers.flatMap((container) => checkContainer(pod, container));
  },
  fix(pod) {
    for (const container of pod.containers) {
      const context = container.raw.securityContext;
      if (isObject(context) && context.privileged === true) context.privileged = false;
    }
  },
};
