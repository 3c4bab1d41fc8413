/**
 * safe-sysctls — the pod sets only sysctls that are namespaced and safe.
 *
 * Reads: spec.securityContext.sysctls[*].name.
 * Allowed (PSA at latest, Kubernetes 1.37; exact names): kernel.shm_rmid_forced,
 *   net.ipv4.ip_local_port_range, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_syncookies,
 *   net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_keepalive_time,
 *   net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes,
 *   net.ipv4.tcp_rmem, net.ipv4.tcp_wmem, net.ipv4.tcp_slow_start_after_idle,
 *   net.ipv4.tcp_notsent_lowat. The slash-separated spelling the API also accepts
 *   (`kernel/shm_rmid_forced`) matches nothing in PSA's list, so it is refused too.
 * Exempt: nothing.
 * PSS: baseline, control "Sysctls" (check sysctls).
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { SAFE_SYSCTLS } from "../sysctls";
import { fieldAt, judge, podPlace } from "./context-places";
import type { KubernetesRule } from "./rule";
import { itemField, objectItems } from "./pod-spec";
import type { PodSubject } from "./workloads";

function check(pod: PodSubject): Finding[] {
  const { items, findings } = objectItems(fieldAt(pod, podPlace(), "sysctls", "array"), undefined, "a list of safe sysctls");
  for (const sysctl of items) {
    const name = itemField(sysctl, "name", "string");
    const judged = judge(name, undefined, `one of the safe sysctls (${SAFE_SYSCTLS.join(", ")})`);
    if (!judged) findings.push(violation(name.path, undefined, "a sysctl without a name matches no safe sysctl (Pod Security refuses it, as the API server does). Name it, or remove the entry."));
    else if ("finding" in judged) findings.push(judged.finding);
    else if (!SAFE_SYSCTLS.includes(judged.value)) {
      const dotted = judged.value.replaceAll("/", ".");
      const spelling = dotted !== judged.value && SAFE_SYSCTLS.includes(dotted) ? ` Write it with dots, "${dotted}": Pod Security compares the exact name.` : " Remove it; a node-wide setting belongs in the node's configuration, not in a pod.";
      findings.push(violation(name.path, undefined, `the pod sets the sysctl "${judged.value}", which is not on Pod Security's list of namespaced, safe sysctls, so it may change the whole node's kernel.${spelling}`));
    }
  }
  return findings;
}

export const safeSysctls: KubernetesRule = {
  meta: {
    id: "safe-sysctls",
    title: "Only safe sysctls",
    description:
      "Sysctls set in a pod's securityContext (or a Docker container's sysctls) are applied by the kubelet or the daemon with the host's privileges. Only a short list is namespaced and isolated from other pods; any other can weaken or destabilise the whole node.",
    severity: "high",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "Sysctls (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { source: "Kubernetes documentation", control: "Using sysctls in a Kubernetes Cluster: safe and unsafe sysctls", url: "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/" },
    ],
    remediation: `Set only safe sysctls in spec.securityContext.sysctls: ${SAFE_SYSCTLS.join(", ")}. For example:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_unprivileged_port_start\n        value: "80"`,
    options: [],
  },
  check,
};
