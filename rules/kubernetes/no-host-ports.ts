/**
 * no-host-ports — no container binds a port of the node.
 *
 * Reads (init, regular and ephemeral containers): spec.*containers[*].ports[*].hostPort.
 * Allowed: unset or 0 (PSA's test is `hostPort != 0`).
 * Exempt: nothing.
 * PSS: baseline, control "Host Ports" (check hostPorts).
 * No automatic fix: removing the port changes how clients reach the workload; a Service does that.
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { judge } from "./context-places";
import type { KubernetesRule } from "./rule";
import { containerValue, itemField, objectItems } from "./pod-spec";
import { containerLabel } from "./security-context";
import type { ContainerSubject } from "./workloads";

function checkContainer(container: ContainerSubject): Finding[] {
  const { items, findings } = objectItems(containerValue(container, "ports", "array"), container.name, "a list of ports without hostPort");
  for (const port of items) {
    const hostPort = itemField(port, "hostPort", "integer");
    const judged = judge(hostPort, container.name, "0 or unset");
    if (!judged) continue;
    if ("finding" in judged) findings.push(judged.finding);
    else if (judged.value !== 0) {
      findings.push(
        violation(
          hostPort.path,
          container.name,
          `${containerLabel(container)} binds port ${judged.value} of the node (hostPort): it bypasses network policies, can be reached from outside the cluster and pins the pod to nodes where the port is free. Remove hostPort and expose the containerPort through a Service.`,
        ),
      );
    }
  }
  return findings;
}

export const noHostPorts: KubernetesRule = {
  meta: {
    id: "no-host-ports",
    title: "No host ports",
    description:
      "A hostPort opens a port on the node's own network interfaces and forwards it to the container, past the Service abstraction and often past NetworkPolicies, and it limits where the pod can be scheduled.",
    severity: "medium",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "Host Ports (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { source: "CIS Docker Benchmark", control: "5.8 Ensure that only needed ports are open on the container" },
    ],
    remediation: "Remove hostPort from every container port and publish the port through a Service:\n  ports:\n    - containerPort: 8080\n      name: http",
    options: [],
  },
  check(pod) {
    return pod.containers.flatMap(checkContainer);
  },
};
