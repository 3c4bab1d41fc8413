/**
 * restrict-added-capabilities (Docker) — the container adds back only capabilities the level allows.
 *
 * Reads:
 *   Container: capabilities.adds, privileged
 *   Service:   taskSpec.containerSpec.capAdds
 * Allowed: the same names as for Kubernetes (allowedAdditions: at level restricted the
 *   allowedCapabilities option, narrowed to NET_BIND_SERVICE; at level baseline the PSS baseline
 *   list), each entry compared as the daemon reads it: any case, with or without CAP_
 *   (`net_bind_service` is NET_BIND_SERVICE; `cap_sys_admin` is SYS_ADMIN). ALL grants every
 *   capability, even with drops ALL. `privileged: true` grants every capability.
 * Fix: keeps only the allowed adds, in the daemon's canonical spelling.
 */
import type { Finding, RuleOptions } from "../types";
import { unknownValue, violation } from "../findings";
import { allowedAdditions } from "../capabilities";
import { dockerCapability } from "./capabilities";
import { privilegedOverrides } from "./privileged";
import type { DockerRule } from "./rule";
import { field, items, writableOwner, type DockerContainerSubject } from "./subject";

function checkAdds(subject: DockerContainerSubject, allowed: string[], options: RuleOptions): Finding[] {
  const adds = field(subject, "capAdds")!;
  const list = allowed.join(", ") || "(nothing)";
  const { items: names, findings } = items(adds, "string", `capabilities from: ${list}`);
  const out = findings.map((f) => (f.outcome === "unknown" ? unknownValue(f.path, undefined, `one of ${list}`) : f));
  for (const name of names) {
    const canonical = dockerCapability(name.value);
    if (allowed.includes(canonical)) continue;
    const grants = canonical === "ALL" ? "every capability (even with drops ALL, which Docker applies after it)" : canonical;
    const spelled = canonical === name.value || canonical === "ALL" ? "" : ` (Docker reads the name as ${canonical})`;
    const why = options.level === "restricted" && options.allowedCapabilities.includes(canonical)
      ? `allowedCapabilities lists ${canonical}, but at level restricted the option can only narrow what Pod Security restricted allows (NET_BIND_SERVICE)`
      : `the ${options.level} level does not allow it`;
    const instead = allowed.length === 0 ? "add nothing" : `add only what it needs from: ${list}`;
    out.push(violation(name.path, undefined, `"${name.value}" grants ${grants}${spelled}; ${why}. Remove it from ${adds.path} and ${instead}.`));
  }
  return out;
}

export const restrictAddedCapabilities: DockerRule = {
  id: "restrict-added-capabilities",
  remediation: 'docker.Container: capabilities: { drops: ["ALL"], adds: ["NET_BIND_SERVICE"] } (only if needed; never ALL, never privileged: true); docker.Service: taskSpec.containerSpec.capAdds likewise.',
  check(subject, options) {
    const allowed = allowedAdditions(options);
    return [...privilegedOverrides(subject, "it gets every capability"), ...checkAdds(subject, allowed, options)];
  },
  fix(subject, options) {
    const allowed = allowedAdditions(options);
    if (field(subject, "capAdds")?.read.state !== "present") return;
    const target = writableOwner(subject, "capAdds")!;
    const adds = target.owner[target.key] as unknown[];
    const kept = new Set<string>();
    for (const name of adds) if (typeof name === "string" && allowed.includes(dockerCapability(name))) kept.add(dockerCapability(name));
    target.owner[target.key] = [...kept];
  },
};
