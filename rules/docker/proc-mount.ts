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
 *   `systempaths` key (moby daemon_unix.go parseSecurityOpt refuses unknown keys), but its clients
 *   handle the exact `systempaths=unconfined` themselves and send empty MaskedPaths and
 *   ReadonlyPaths: the docker CLI, the Pulumi provider (terraform-provider-docker v4.5.0
 *   parseSystemPaths) and Compose (pkg/compose/create.go parseSecurityOpts) — measured: /proc is
 *   then unmasked and /proc/sys writable. `systempaths:unconfined` reaches the daemon, which refuses
 *   the container. Refused either way, since it asks for the unmasked /proc. The levels do not
 *   differ for Docker.
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
      ? "asks for /proc and /sys without masking (/proc/kcore, /proc/sysrq-trigger, /sys/firmware exposed), which the docker CLI, the Pulumi provider and Compose grant. Remove it."
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
