/**
 * apparmor-profile (Docker) — the container keeps AppArmor confinement.
 *
 * Reads: Container `securityOpts` entries with the key `apparmor` (`apparmor=...` or
 *   `apparmor:...`), and `privileged`. A Service has no such input: the daemon's default applies.
 * Refused: `unconfined` (exact, as the daemon compares it) and `privileged: true` (the daemon
 *   applies no AppArmor profile to privileged containers). Allowed: no entry (docker-default
 *   applies on AppArmor hosts) or a named profile loaded on the host.
 * Fix: removes the unconfined entries.
 */
import type { DockerRule } from "./rule";
import { confinementFindings, type Confinement } from "./confinement";
import { privilegedOverrides } from "./privileged";
import { removeSecurityOpts } from "./security-opts";

const APPARMOR: Confinement = {
  key: "apparmor",
  needed: "security options without apparmor=unconfined",
  refuse: (value) => (value === "unconfined" ? "runs the container without AppArmor confinement. Remove it (docker-default then applies) or name a profile loaded on the host." : undefined),
};

export const apparmorProfile: DockerRule = {
  id: "apparmor-profile",
  remediation: 'docker.Container: no "apparmor=unconfined" in securityOpts (docker-default applies) and no privileged: true; or securityOpts: ["apparmor=my-profile"].',
  check(subject) {
    return [...privilegedOverrides(subject, "it runs without AppArmor confinement"), ...confinementFindings(subject, APPARMOR)];
  },
  fix(subject) {
    removeSecurityOpts(subject, (entry) => entry.key === "apparmor" && entry.value === "unconfined");
  },
};
