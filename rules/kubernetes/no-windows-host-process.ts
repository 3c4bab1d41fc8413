/**
 * no-windows-host-process — no Windows HostProcess containers.
 *
 * Reads (pod, then init, regular and ephemeral containers):
 *   spec.securityContext.windowsOptions.hostProcess
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.windowsOptions.hostProcess
 * Allowed: unset or false, at each place on its own (a pod-level true is refused even when every
 *   container sets false).
 * Exempt: nothing; the check applies whatever spec.os says (as in PSA).
 * No automatic fix: a HostProcess container is built to run on the host and fails without it.
 * PSS: baseline, control "HostProcess" (check windowsHostProcess).
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { everyPlace, fieldAt, judge, nested, type Place } from "./context-places";
import type { KubernetesRule } from "./rule";
import type { PodSubject } from "./workloads";

function checkPlace(pod: PodSubject, place: Place): Finding[] {
  const hostProcess = nested(fieldAt(pod, place, "windowsOptions", "object"), "hostProcess", "boolean");
  const judged = judge(hostProcess, place.name, "windowsOptions without hostProcess: true");
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  if (!judged.value) return [];
  const override = place.container ? "" : " (containers setting hostProcess: false do not undo it)";
  return [
    violation(
      hostProcess.path,
      place.name,
      `${place.label} sets windowsOptions.hostProcess: true${override}: a HostProcess container runs directly on the Windows node, with access to its network, file system and processes. Remove windowsOptions.hostProcess (or set it to false) and run the workload as an ordinary Windows container.`,
    ),
  ];
}

export const noWindowsHostProcess: KubernetesRule = {
  meta: {
    id: "no-windows-host-process",
    title: "No Windows HostProcess containers",
    description: "Windows HostProcess containers run as processes of the node itself, outside container isolation: the Windows equivalent of a privileged container with the host's namespaces.",
    severity: "critical",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "HostProcess (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "Leave hostProcess unset at pod and container level, or write:\n  securityContext:\n    windowsOptions:\n      hostProcess: false",
    options: [],
  },
  check(pod) {
    return everyPlace(pod).flatMap((place) => checkPlace(pod, place));
  },
};
