/**
 * proc-mount (Docker) — the container keeps /proc and /sys masked.
 *
 * The Kubernetes procMount: Unmasked has a Docker counterpart in `systempaths=unconfined`, which the
 * Docker CLI turns into empty masked and read-only path lists (/proc/kcore, /proc/sysrq-trigger,
 * /sys/firmware, ... become visible and writable). It belongs here rather than to seccomp-profile
 * or apparmor-profile because what it removes is the same /proc masking.
 *
 * Reads: Container `securityOpts` entries with the key `systempaths`, and `privileged` (a
 *   privileged container gets no masked paths). A Service has no such input.
 * Refused: `systempaths=unconfined` (also `systempaths:unconfined`). The daemon's own parser has no
 *   `systempaths` key (moby daemon_unix.go parseSecurityOpt refuses unknown keys), so sent through
 *   the provider it makes creation fail rather than unmask /proc; it is refused either way, since it
 *   asks for the unmasked /proc. The levels do not differ for Docker.
 * Fix: removes the entry.
 */
import type { DockerRule } from "./rule";
import { confinementFindings, type Confinement } from "./confinement";
import { privilegedOverrides } from "./privileged";
import { removeSecurityOpts } from "./security-opts";

const SYSTEM_PATHS: Confinement = {
  key: "systempaths",
  needed: "security options without systempaths=unconfined",
  refuse: (value) =>
    value === "unconfined"
      ? "asks for /proc and /sys without masking (/proc/kcore, /proc/sysrq-trigger, /sys/firmware exposed), which the Docker CLI grants and the daemon's API refuses. Remove it."
      : undefined,
};

export const procMount: DockerRule = {
  id: "proc-mount",
  remediation: 'docker.Container: no "systempaths=unconfined" in securityOpts and no privileged: true.',
  check(subject) {
    return [...privilegedOverrides(subject, "its /proc and /sys are not masked"), ...confinementFindings(subject, SYSTEM_PATHS)];
  },
  fix(subject) {
    removeSecurityOpts(subject, (entry) => entry.key === "systempaths");
  },
};
