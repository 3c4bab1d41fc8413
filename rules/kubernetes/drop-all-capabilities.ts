/**
 * drop-all-capabilities — every container drops all Linux capabilities.
 *
 * Reads (init, regular and ephemeral containers):
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.drop
 * Allowed: a list containing exactly "ALL" (case-sensitive, as Pod Security Admission compares it;
 *   "all" and "CAP_ALL" are refused with a message to write "ALL").
 * Exempt: Windows pods (spec.os.name: windows), as PSA exempts them since 1.25.
 * PSS: restricted, control "Capabilities" (check capabilities_restricted).
 */
import type { Finding } from "../types";
import { canonicalCapability } from "../capabilities";
import { unjudgeable, unknownValue, unreadable, violation } from "../findings";
import { classify, isObject, read } from "../values";
import type { KubernetesRule } from "./rule";
import { containerField, containerLabel } from "./security-context";
import { unlessExempt, windowsPod } from "./pod-conditions";
import type { ContainerSubject, PodSubject } from "./workloads";

const NEEDED = 'a list containing "ALL"';

function checkContainer(pod: PodSubject, container: ContainerSubject): Finding[] {
  const capabilities = containerField(container, "capabilities", "object");
  const label = containerLabel(container);
  const cannotTell = unjudgeable(capabilities, container.name, `an object whose drop list contains "ALL"`);
  if (cannotTell) return [cannotTell];
  const dropPath = `${container.path}.securityContext.capabilities.drop`;
  const drop = read(capabilities.read.state === "present" ? capabilities.read.value : undefined, "drop", "array");
  if (drop.state === "unknown") return [unknownValue(dropPath, container.name, NEEDED)];
  if (drop.state === "invalid") return [unreadable(dropPath, container.name, drop.value, NEEDED)];
  if (drop.state === "absent") {
    if (pod.patch) return [];
    return [violation(dropPath, container.name, `${label} keeps the runtime's default capabilities (NET_RAW, SETUID, CHOWN, ...). Set securityContext.capabilities.drop: ["ALL"] and add back only what it needs.`)];
  }
  let dropsAll = false;
  let unknownEntry = false;
  let nearMiss: string | undefined;
  for (const entry of drop.value) {
    const name = classify(entry, "string");
    if (name.state === "unknown") unknownEntry = true;
    if (name.state !== "present") continue;
    if (name.value === "ALL") dropsAll = true;
    else if (canonicalCapability(name.value) === "ALL") nearMiss = name.value;
  }
  if (dropsAll) return [];
  if (unknownEntry) return [unknownValue(dropPath, container.name, NEEDED)];
  if (pod.patch && drop.value.length === 0) return [];
  const spelling = nearMiss === undefined ? "" : ` "${nearMiss}" is not accepted: Pod Security Admission compares the exact, upper-case string "ALL".`;
  return [violation(dropPath, container.name, `${label} does not drop all capabilities.${spelling} Set securityContext.capabilities.drop: ["ALL"] and add back only what it needs.`)];
}

export const dropAllCapabilities: KubernetesRule = {
  meta: {
    id: "drop-all-capabilities",
    title: "Drop all Linux capabilities",
    description:
      "Containers start with the runtime's default capabilities (14 in Docker and containerd, NET_RAW among them). Dropping ALL and adding back only what is needed removes most of what an attacker in the container could use against the kernel.",
    severity: "high",
    pss: ["restricted"],
    references: [
      { source: "Pod Security Standards", control: "Capabilities (restricted)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted" },
      { source: "CIS Docker Benchmark", control: "5.3 Ensure that Linux kernel capabilities are restricted within containers" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: 'In every container (init and ephemeral too) set:\n  securityContext:\n    capabilities:\n      drop: ["ALL"]\n      add: ["NET_BIND_SERVICE"]   # only if it must bind ports below 1024',
    options: [],
  },
  check(pod) {
    return unlessExempt(windowsPod(pod), () => pod.containers.flatMap((container) => checkContainer(pod, container)));
  },
  fix(pod) {
    for (const container of pod.containers) {
      const context = isObject(container.raw.securityContext) ? container.raw.securityContext : (container.raw.securityContext = {});
      const capabilities = isObject(context.capabilities) ? context.capabilities : (context.capabilities = {});
      const drop = Array.isArray(capabilities.drop) ? capabilities.drop : [];
      if (!drop.includes("ALL")) capabilities.drop = ["ALL", ...drop.filter((entry) => typeof entry !== "string" || canonicalCapability(entry) !== "ALL")];
    }
  },
};
