/**
 * The Docker container rules, in the order the docs list them (shared concepts first, in the
 * Kubernetes order, then the Docker-only ones).
 *
 * Kubernetes rules with no Docker counterpart:
 * - no-host-ports: publishing a port on the host (`ports`) is how a Docker container is reached,
 *   not an escape from isolation; and Docker lets a non-root process bind ports below 1024 in its
 *   own network namespace, so nothing about low ports is flagged either.
 * - restricted-volume-types: Docker's mount types (bind, volume, tmpfs) have no PSS list; the one
 *   that reaches the host, bind, is judged by no-host-path-volumes and no-docker-socket-mount.
 * - no-host-probes: health checks run inside the container, never from the host.
 * - no-windows-host-process: Windows HostProcess containers are a Kubernetes feature.
 * - no-service-account-token-automount: Docker mounts no API credentials by itself.
 */
import type { DockerRule } from "./rule";
import { dropAllCapabilities } from "./drop-all-capabilities";
import { noPrivileged } from "./no-privileged";
import { noHostNamespaces } from "./no-host-namespaces";
import { restrictAddedCapabilities } from "./restrict-added-capabilities";
import { noPrivilegeEscalation } from "./no-privilege-escalation";
import { runAsNonRoot } from "./run-as-non-root";
import { seccompProfile } from "./seccomp-profile";
import { apparmorProfile } from "./apparmor-profile";
import { selinuxOptions } from "./selinux-options";
import { procMount } from "./proc-mount";
import { noHostPathVolumes } from "./no-host-path-volumes";
import { safeSysctls } from "./safe-sysctls";
import { readOnlyRootFilesystem } from "./read-only-root-filesystem";
import { nonRootUidGid } from "./non-root-uid-gid";
import { noDockerSocketMount } from "./no-docker-socket-mount";
import { noHostDevices } from "./no-host-devices";
import { resourceLimits } from "./resource-limits";

export const DOCKER_RULES: readonly DockerRule[] = [
  dropAllCapabilities,
  noPrivileged,
  noHostNamespaces,
  restrictAddedCapabilities,
  noPrivilegeEscalation,
  runAsNonRoot,
  seccompProfile,
  apparmorProfile,
  selinuxOptions,
  procMount,
  noHostPathVolumes,
  safeSysctls,
  readOnlyRootFilesystem,
  nonRootUidGid,
  noDockerSocketMount,
  noHostDevices,
  resourceLimits,
];

export type { DockerRule } from "./rule";
export { dockerSubject, composeSubject, type DockerContainerSubject, type DockerKind } from "./subject";
export { fixDockerContainer } from "./remediate";
export { checkImageBuild, type ImageBuild } from "./image-build";
