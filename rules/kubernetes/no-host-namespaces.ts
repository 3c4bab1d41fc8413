/**
 * no-host-namespaces — the pod shares none of the node's namespaces.
 *
 * Reads: spec.hostNetwork, spec.hostPID, spec.hostIPC.
 * Allowed: each unset or false.
 * Exempt: nothing (PSA exempts neither Windows nor user-namespace pods from this check).
 * PSS: baseline, control "Host Namespaces" (check hostNamespaces).
 * No automatic fix: leaving the host network or PID namespace changes how the workload is reached
 * and what it can see, which only its owner can decide.
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { judge } from "./context-places";
import type { KubernetesRule } from "./rule";
import { specField } from "./pod-spec";
import type { PodSubject } from "./workloads";

const NAMESPACES: Array<{ field: string; gives: string }> = [
  { field: "hostNetwork", gives: "the node's network stack: it can listen on and sniff the node's interfaces and reach services bound to localhost" },
  { field: "hostPID", gives: "the node's process table: it can see every process on the node and their environment, and signal or ptrace them" },
  { field: "hostIPC", gives: "the node's IPC namespace: it can read and write the shared memory of every process on the node" },
];

function checkNamespace(pod: PodSubject, field: string, gives: string): Finding[] {
  const value = specField(pod, field, "boolean");
  const judged = judge(value, undefined, "false or unset");
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  if (!judged.value) return [];
  return [violation(value.path, undefined, `the pod sets ${field}: true, which gives every container ${gives}. Remove ${field} (or set it to false); expose the workload through a Service instead.`)];
}

export const noHostNamespaces: KubernetesRule = {
  meta: {
    id: "no-host-namespaces",
    title: "No host namespaces",
    description:
      "A pod or container that shares the host's network, PID or IPC namespace (Docker also: user and cgroup namespace) escapes the isolation containers exist for: it sees and reaches the host's processes, traffic and shared memory.",
    severity: "critical",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "Host Namespaces (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { source: "CIS Docker Benchmark", control: "5.9, 5.15, 5.16 Ensure that the host's network, process and IPC namespaces are not shared" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "Leave hostNetwork, hostPID and hostIPC unset, or write:\n  spec:\n    hostNetwork: false\n    hostPID: false\n    hostIPC: false\nand reach the workload through a Service.",
    options: [],
  },
  check(pod) {
    return NAMESPACES.flatMap(({ field, gives }) => checkNamespace(pod, field, gives));
  },
};
