/**
 * no-host-probes — probes and lifecycle hooks target the pod itself, not another host.
 *
 * Reads (init, regular and ephemeral containers):
 *   {livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.host
 *   lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host
 * Allowed: unset or "" (the pod's IP). Any other host is refused, "localhost" and "127.0.0.1"
 *   included, as PSA does: the kubelet, not the pod, makes these requests, from the node's network.
 * Exempt: nothing.
 * PSS: baseline, control "Host Probes / Lifecycle Hooks" (check hostProbesAndHostLifecycle, 1.34+).
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { isObject, type JsonObject } from "../values";
import { judge, nested } from "./context-places";
import type { KubernetesRule } from "./rule";
import { containerValue } from "./pod-spec";
import { containerLabel, type Located } from "./security-context";
import type { ContainerSubject } from "./workloads";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];
const HOOKS = ["postStart", "preStop"];
const HANDLERS = ["httpGet", "tcpSocket"];

/** Every handler object that may carry a host, located (probe handlers, then lifecycle hooks). */
function handlers(container: ContainerSubject): Located<JsonObject>[] {
  const owners = [
    ...PROBES.map((probe) => containerValue(container, probe, "object")),
    ...HOOKS.map((hook) => nested(containerValue(container, "lifecycle", "object"), hook, "object")),
  ];
  return owners.flatMap((owner) => HANDLERS.map((handler) => nested(owner, handler, "object")));
}

function checkContainer(container: ContainerSubject): Finding[] {
  const findings = new Map<string, Finding>();
  for (const handler of handlers(container)) {
    const host = nested(handler, "host", "string");
    const judged = judge(host, container.name, 'unset or ""');
    if (!judged) continue;
    if ("finding" in judged) findings.set(judged.finding.path, judged.finding);
    else if (judged.value !== "") {
      findings.set(
        host.path,
        violation(
          host.path,
          container.name,
          `${containerLabel(container)} has the kubelet send a probe or lifecycle request to host "${judged.value}": the kubelet makes it from the node's network, so the pod can use it to reach addresses only the node can (cloud metadata, the node's localhost). Remove host so the request goes to the pod's own IP.`,
        ),
      );
    }
  }
  return [...findings.values()];
}

/** Deletes `host` from every handler of `owner` (a probe or a lifecycle hook). */
function removeHosts(owner: unknown): void {
  if (!isObject(owner)) return;
  for (const handler of HANDLERS) {
    const target = owner[handler];
    if (isObject(target) && typeof target.host === "string" && target.host !== "") delete target.host;
  }
}

export const noHostProbes: KubernetesRule = {
  meta: {
    id: "no-host-probes",
    title: "Probes and lifecycle hooks target the pod",
    description:
      "HTTP and TCP probes and lifecycle hooks are executed by the kubelet from the node. A custom host turns them into requests the node makes on the pod's behalf, to addresses the pod itself should not reach (cloud metadata endpoints, services bound to the node's localhost).",
    severity: "medium",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "Host Probes / Lifecycle Hooks (baseline, Kubernetes 1.34+)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
    ],
    remediation: "Leave host unset in httpGet and tcpSocket of livenessProbe, readinessProbe, startupProbe and lifecycle.postStart/preStop:\n  livenessProbe:\n    httpGet: { path: /healthz, port: 8080 }",
    options: [],
  },
  check(pod) {
    return pod.containers.flatMap(checkContainer);
  },
  fix(pod) {
    for (const container of pod.containers) {
      for (const probe of PROBES) removeHosts(container.raw[probe]);
      const lifecycle = container.raw.lifecycle;
      if (isObject(lifecycle)) for (const hook of HOOKS) removeHosts(lifecycle[hook]);
    }
  },
};
