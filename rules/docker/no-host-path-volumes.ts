/**
 * no-host-path-volumes (Docker) — the container mounts no sensitive directory or file of the host.
 *
 * Reads: the host paths of bind mounts, local-driver bind volumes and `volumes[*].hostPath`
 *   (rules/docker/host-mounts.ts); Service: taskSpec.containerSpec.mounts.
 * Refused: a host path that, normalised as the kernel resolves it (`//`, `..`), is, lies below or
 *   lies above a sensitive host path (rules/host-paths.ts: `/`, `/etc`, `/proc`, `/sys`, `/dev`,
 *   `/boot`, `/lib`, `/usr`, `/var/lib/docker`, `/run`, ...), unless the `allowedHostPaths` option
 *   lists it (an exact path, or a directory written with a trailing `/`; `..` cannot escape it).
 * Differs from Kubernetes on purpose: Pod Security refuses every hostPath volume, but binding a
 *   project directory into a container is ordinary Docker use, so only sensitive paths are refused
 *   (CIS Docker Benchmark 5.5).
 * No automatic fix: what should replace the host's files is the owner's decision.
 */
import type { Finding, RuleOptions } from "../types";
import { violation } from "../findings";
import { allowedHostPath, exposedSensitivePath, normaliseHostPath } from "../host-paths";
import { hostMounts } from "./host-mounts";
import type { DockerRule } from "./rule";
import type { DockerContainerSubject } from "./subject";

function check(subject: DockerContainerSubject, options: RuleOptions): Finding[] {
  const { mounts, findings } = hostMounts(subject, "a host path outside the sensitive system directories");
  for (const mount of mounts) {
    if (allowedHostPath(mount.hostPath, options.allowedHostPaths)) continue;
    const sensitive = exposedSensitivePath(mount.hostPath);
    if (sensitive === undefined) continue;
    const normalised = normaliseHostPath(mount.hostPath);
    const spelled = normalised === mount.hostPath ? "" : ` (the kernel resolves "${mount.hostPath}" to ${normalised})`;
    const where = normalised === sensitive ? `the host's ${sensitive}` : `the host's ${normalised}, which exposes ${sensitive}`;
    findings.push(
      violation(
        mount.path,
        undefined,
        `The container mounts ${where}${spelled}: the container can read the host's configuration and credentials, or plant files the host runs. Use a named volume (type "volume") or a tmpfs instead; if this path must be mounted, add it to the policy's allowedHostPaths option or exempt the resource with a reason.`,
      ),
    );
  }
  return findings;
}

export const noHostPathVolumes: DockerRule = {
  id: "no-host-path-volumes",
  remediation: 'docker.Container: mount named volumes, not host directories: mounts: [{ type: "volume", source: "app-data", target: "/data" }]; bind only non-system paths (or paths listed in allowedHostPaths). docker.Service: taskSpec.containerSpec.mounts likewise.',
  check,
};
