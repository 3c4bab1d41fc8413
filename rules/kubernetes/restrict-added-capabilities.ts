/**
 * restrict-added-capabilities — containers add back only capabilities the level allows.
 *
 * Reads (init, regular and ephemeral containers):
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Allowed, each entry compared as an exact, case-sensitive string (as Pod Security Admission does):
 *   level baseline:   AUDIT_WRITE CHOWN DAC_OVERRIDE FOWNER FSETID KILL MKNOD NET_BIND_SERVICE
 *                     SETFCAP SETGID SETPCAP SETUID SYS_CHROOT   (check capabilities_baseline)
 *   level restricted: options.allowedCapabilities, narrowed to NET_BIND_SERVICE: the option can
 *                     only take away (e.g. [] forbids every addition); a capability listed there
 *                     beyond what PSS restricted allows is still a violation (check capabilities_restricted).
 * `CAP_SYS_ADMIN`, `sys_admin` and `cap_net_bind_service` are not in any list: Kubernetes passes the
 * names to the runtime, which accepts them in any case and with or without CAP_, so they grant the
 * capability while matching no allowed name.
 * Exempt: Windows pods (spec.os.name: windows) at level restricted only, exactly as PSA: its
 *   restricted check exempts them and overrides the baseline one; at level baseline they are judged.
 * PSS: baseline and restricted, control "Capabilities". Dropping ALL is drop-all-capabilities.
 */
import type { Finding, RuleOptions } from "../types";
import { allowedAdditions, canonicalCapability, PSS_RESTRICTED_CAPABILITIES } from "../capabilities";
import { unknownValue, unreadable, violation } from "../findings";
import { classify, isObject } from "../values";
import { containerPlace, fieldAt, judge, nested } from "./context-places";
import { unlessExempt, windowsPod } from "./pod-conditions";
import type { KubernetesRule } from "./rule";
import type { ContainerSubject, PodSubject } from "./workloads";

function instead(allowed: string[]): string {
  return allowed.length === 0 ? "add nothing" : `add only what it needs from: ${allowed.join(", ")}`;
}

function entryMessage(label: string, entry: string, allowed: string[], options: RuleOptions): string {
  const canonical = canonicalCapability(entry);
  if (allowed.includes(canonical)) {
    return `${label} adds "${entry}": Kubernetes passes the name to the runtime, which grants ${canonical} either way, but Pod Security Admission compares exact strings and refuses this spelling. Write "${canonical}".`;
  }
  const grants = canonical === "ALL" ? "every capability" : canonical;
  const spelled = canonical === entry ? "" : ` (Kubernetes passes the name to the runtime, which reads it as ${canonical})`;
  let why = `the ${options.level} level does not allow it.`;
  if (options.level === "restricted" && options.allowedCapabilities.includes(canonical)) {
    why = `allowedCapabilities lists ${canonical}, but at level restricted the option can only narrow what Pod Security restricted allows (NET_BIND_SERVICE).`;
  } else if (options.level === "restricted" && PSS_RESTRICTED_CAPABILITIES.includes(canonical)) {
    why = "Pod Security restricted would allow it, but this policy's allowedCapabilities does not list it.";
  }
  return `${label} adds "${entry}", which grants ${grants}${spelled}; ${why} Remove it from securityContext.capabilities.add and ${instead(allowed)}.`;
}

function checkContainer(pod: PodSubject, container: ContainerSubject, allowed: string[], options: RuleOptions): Finding[] {
  const place = containerPlace(container);
  const needed = `capabilities whose add list holds only: ${allowed.join(", ") || "(nothing)"}`;
  const add = judge(nested(fieldAt(pod, place, "capabilities", "object"), "add", "array"), container.name, needed);
  if (!add) return [];
  if ("finding" in add) return [add.finding];
  const addPath = `${container.path}.securityContext.capabilities.add`;
  return add.value.flatMap((item, i): Finding[] => {
    const path = `${addPath}[${i}]`;
    const entry = classify(item, "string");
    if (entry.state === "unknown") return [unknownValue(path, container.name, `one of ${allowed.join(", ") || "(none)"}`)];
    if (entry.state === "invalid" || entry.state === "absent") return [unreadable(path, container.name, item, "a capability name")];
    if (allowed.includes(entry.value)) return [];
    return [violation(path, container.name, entryMessage(place.label, entry.value, allowed, options))];
  });
}

export const restrictAddedCapabilities: KubernetesRule = {
  meta: {
    id: "restrict-added-capabilities",
    title: "Add back only allowed Linux capabilities",
    description:
      "Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE or NET_RAW give a container kernel powers that break isolation. Pod Security baseline allows adding only the runtime's usual defaults (never NET_RAW); restricted allows only NET_BIND_SERVICE.",
    severity: "high",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "Capabilities (baseline and restricted)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/" },
      { source: "CIS Docker Benchmark", control: "5.3 Ensure that Linux kernel capabilities are restricted within containers" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation:
      'Add only capabilities the level allows, spelled exactly (upper case, no CAP_ prefix):\n  securityContext:\n    capabilities:\n      drop: ["ALL"]\n      add: ["NET_BIND_SERVICE"]   # the only one restricted allows; or run on a port >= 1024 and add nothing',
    options: ["level", "allowedCapabilities"],
  },
  check(pod, options) {
    const allowed = allowedAdditions(options);
    const findings = () => pod.containers.flatMap((container) => checkContainer(pod, container, allowed, options));
    // PSA exempts Windows pods from the restricted check, which also replaces the baseline one.
    return options.level === "restricted" ? unlessExempt(windowsPod(pod), findings) : findings();
  },
  fix(pod, options) {
    const allowed = allowedAdditions(options);
    for (const container of pod.containers) {
      const context = container.raw.securityContext;
      if (!isObject(context) || !isObject(context.capabilities) || !Array.isArray(context.capabilities.add)) continue;
      const kept = new Set<string>();
      for (const entry of context.capabilities.add) {
        if (typeof entry === "string" && allowed.includes(canonicalCapability(entry))) kept.add(canonicalCapability(entry));
      }
      context.capabilities.add = [...kept];
    }
  },
};
