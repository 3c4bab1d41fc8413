/**
 * seccomp-profile (Docker) — the container runs under a seccomp profile.
 *
 * Reads: Container `securityOpts` entries with the key `seccomp` (`seccomp=...` or the deprecated
 *   `seccomp:...`), and `privileged`. A Service has no such input: the daemon's default profile
 *   applies.
 * Refused: `unconfined` (exact, as the daemon compares it), a profile whose defaultAction allows
 *   every system call (SCMP_ACT_ALLOW or SCMP_ACT_LOG: a deny-list at best), and `privileged: true`
 *   (the daemon skips seccomp for privileged containers).
 * Allowed: no seccomp entry (unlike the kubelet, Docker applies its default profile when none is
 *   set, so both levels allow it), `builtin`, or a profile (the provider sends the value verbatim:
 *   the daemon expects the profile's JSON).
 * Fix: removes the unconfined entries (the default profile then applies), like the Kubernetes fix
 *   that sets RuntimeDefault.
 */
import type { DockerRule } from "./rule";
import { confinementFindings, type Confinement } from "./confinement";
import { privilegedOverrides } from "./privileged";
import { removeSecurityOpts } from "./security-opts";
import type { DockerContainerSubject } from "./subject";

const ALLOWS_EVERYTHING = ["SCMP_ACT_ALLOW", "SCMP_ACT_LOG"];

function defaultAction(profile: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(profile);
    return typeof parsed === "object" && parsed !== null ? String((parsed as Record<string, unknown>).defaultAction) : undefined;
  } catch {
    return undefined;
  }
}

const SECCOMP: Confinement = {
  key: "seccomp",
  needed: "security options without seccomp=unconfined",
  refuse(value: string, subject: DockerContainerSubject) {
    // Compose reads the profile from a file and sends its JSON; the provider sends the value as is.
    const own = subject.kind === "Compose" ? '"seccomp=./profile.json"' : '"seccomp=<profile JSON>"';
    if (value === "unconfined") return `turns off system call filtering. Remove it: Docker's default profile then applies (or give a profile of your own, e.g. ${own}).`;
    const action = defaultAction(value);
    if (action !== undefined && ALLOWS_EVERYTHING.includes(action)) return `gives a profile whose defaultAction ${action} allows every system call it does not list. Remove it to get Docker's default profile, or make the profile's defaultAction SCMP_ACT_ERRNO.`;
    return undefined;
  },
};

export const seccompProfile: DockerRule = {
  id: "seccomp-profile",
  remediation: 'docker.Container: no "seccomp=unconfined" in securityOpts (Docker\'s default profile applies when none is given) and no privileged: true.',
  check(subject) {
    return [...privilegedOverrides(subject, "it runs without seccomp"), ...confinementFindings(subject, SECCOMP)];
  },
  fix(subject) {
    removeSecurityOpts(subject, (entry) => entry.key === "seccomp" && SECCOMP.refuse(entry.value, subject) !== undefined);
  },
};
