/**
 * no-docker-socket-mount (Docker) — the container mounts no container runtime API socket.
 *
 * Reads: the host paths of bind mounts, local-driver bind volumes and `volumes[*].hostPath`
 *   (rules/docker/host-mounts.ts); Service: taskSpec.containerSpec.mounts.
 * Refused: a normalised host path that is a runtime socket (Docker, containerd, CRI-O, Podman,
 *   BuildKit, ...; rules/host-paths.ts), a directory above one (`/var/run`, `/run`, `/`), or a
 *   socket file named like one wherever it lives. `//var/run/docker.sock` and
 *   `/var/run/../run/docker.sock` are the socket. Not loosened by allowedHostPaths: exempt the
 *   resource with a reason instead.
 * No automatic fix.
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { exposedRuntimeSocket, normaliseHostPath } from "../host-paths";
import { hostMounts } from "./host-mounts";
import type { DockerRule } from "./rule";
import type { DockerContainerSubject } from "./subject";

function check(subject: DockerContainerSubject): Finding[] {
  const { mounts, findings } = hostMounts(subject, "a host path that is no container runtime socket nor a directory above one");
  for (const mount of mounts) {
    const socket = exposedRuntimeSocket(mount.hostPath);
    if (socket === undefined) continue;
    const mounted = normaliseHostPath(mount.hostPath);
    const what = mounted === socket ? `the container runtime socket ${socket}` : `${mounted}, which holds the container runtime socket ${socket}`;
    findings.push(
      violation(
        mount.path,
        undefined,
        `The container mounts ${what}: anything in the container can then start a privileged container on the host, which is root on the host. Remove the mount; build images with a daemonless builder (BuildKit rootless, kaniko) or reach the daemon through an authorising proxy, and exempt a trusted tool by name with a reason.`,
      ),
    );
  }
  return findings;
}

export const noDockerSocketMount: DockerRule = {
  id: "no-docker-socket-mount",
  remediation: "docker.Container / docker.Service: remove mounts and volumes whose host path is /var/run/docker.sock (or /run, /var/run, another runtime's socket); exempt a trusted tool by name with a reason.",
  check,
};
