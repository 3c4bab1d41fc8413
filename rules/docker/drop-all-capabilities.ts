/**
 * drop-all-capabilities (Docker) — the container drops every Linux capability.
 *
 * Reads:
 *   Container: capabilities.drops, capabilities.adds, privileged
 *   Service:   taskSpec.containerSpec.capDrops, taskSpec.containerSpec.capAdds
 * Allowed: a drop list containing ALL in any case (`all`, `All`), as the daemon compares it; `CAP_ALL`
 *   is refused with a message (the daemon refuses it too). Not enough on its own: `privileged: true`
 *   grants every capability, and adds containing ALL grant every capability despite drops ALL
 *   (rules/docker/capabilities.ts).
 * Fix: puts ALL first in the drop list.
 */
import type { Finding } from "../types";
import { unknownValue, violation } from "../findings";
import { dockerCapability } from "./capabilities";
import { privilegedOverrides } from "./privileged";
import type { DockerRule } from "./rule";
import { field, items, writableOwner, type DockerContainerSubject } from "./subject";

const NEEDED = 'a list containing "ALL"';

/** Adds that void a drop of ALL: an ALL entry (a violation), or adds that may hold one (unknown at preview). */
function addsAll(subject: DockerContainerSubject): Finding[] {
  const adds = field(subject, "capAdds")!;
  const { items: names, findings } = items(adds, "string", "capabilities other than ALL");
  const all = names.find((name) => dockerCapability(name.value) === "ALL");
  if (all) return [violation(all.path, undefined, `"${all.value}" is applied by Docker before the drops: every capability is granted although the drops contain ALL. Remove it and add only what the container needs.`)];
  return findings.filter((f) => f.outcome === "unknown");
}

function checkDrops(subject: DockerContainerSubject): Finding[] {
  const drops = field(subject, "capDrops")!;
  const instead = `Set ${drops.path}: ["ALL"] and add back only what it needs.`;
  const { items: names, findings } = items(drops, "string", NEEDED);
  if (drops.read.state === "unknown" || drops.read.state === "invalid") return findings;
  if (names.some((name) => dockerCapability(name.value) === "ALL")) return addsAll(subject);
  if (findings.some((f) => f.outcome === "unknown")) return [unknownValue(drops.path, undefined, NEEDED)];
  const nearMiss = names.find((name) => name.value.toUpperCase() === "CAP_ALL");
  const spelling = nearMiss ? ` "${nearMiss.value}" is no capability to Docker (it refuses the container); write "ALL".` : "";
  const what = drops.read.state === "absent" ? "keeps Docker's 14 default capabilities (NET_RAW, SETUID, CHOWN, ...)" : "does not drop all capabilities";
  return [...findings, violation(drops.path, undefined, `The container ${what}.${spelling} ${instead}`)];
}

export const dropAllCapabilities: DockerRule = {
  id: "drop-all-capabilities",
  remediation: 'docker.Container: capabilities: { drops: ["ALL"] } (and no privileged: true); docker.Service: taskSpec.containerSpec.capDrops: ["ALL"].',
  check(subject) {
    return [...privilegedOverrides(subject, "it gets every capability and the drops do not apply"), ...checkDrops(subject)];
  },
  fix(subject) {
    const target = writableOwner(subject, "capDrops");
    if (!target) return;
    const drops = target.owner[target.key];
    if (drops !== undefined && drops !== null && !Array.isArray(drops)) return;
    const kept = (drops ?? []).filter((name) => typeof name !== "string" || dockerCapability(name) !== "ALL");
    target.owner[target.key] = ["ALL", ...kept];
  },
};
