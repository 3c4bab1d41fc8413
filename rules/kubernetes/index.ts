/** The Kubernetes rules, in the order the docs list them. */
import type { KubernetesRule } from "./rule";
import { dropAllCapabilities } from "./drop-all-capabilities";
import { noPrivileged } from "./no-privileged";
import { restrictAddedCapabilities } from "./restrict-added-capabilities";
import { noPrivilegeEscalation } from "./no-privilege-escalation";
import { runAsNonRoot } from "./run-as-non-root";
import { seccompProfile } from "./seccomp-profile";
import { apparmorProfile } from "./apparmor-profile";
import { selinuxOptions } from "./selinux-options";
import { procMount } from "./proc-mount";
import { noWindowsHostProcess } from "./no-windows-host-process";
import { readOnlyRootFilesystem } from "./read-only-root-filesystem";
import { nonRootUidGid } from "./non-root-uid-gid";
import { noHostNamespaces } from "./no-host-namespaces";
import { noHostPathVolumes } from "./no-host-path-volumes";
import { restrictedVolumeTypes } from "./restricted-volume-types";
import { noHostPorts } from "./no-host-ports";
import { safeSysctls } from "./safe-sysctls";
import { noHostProbes } from "./no-host-probes";
import { noServiceAccountTokenAutomount } from "./no-service-account-token-automount";
import { noDockerSocketMount } from "./no-docker-socket-mount";

export const KUBERNETES_RULES: readonly KubernetesRule[] = [
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
  restrictedVolumeTypes,
  noHostPorts,
  safeSysctls,
  noHostProbes,
  noWindowsHostProcess,
  readOnlyRootFilesystem,
  nonRootUidGid,
  noServiceAccountTokenAutomount,
  noDockerSocketMount,
];

export type { KubernetesRule } from "./rule";
export * from "./workloads";
export * from "./evaluate";
export { inputFacts, type InputFacts, type ServiceAccountFact } from "./input-facts";
export { effectiveField, containerField, podField } from "./security-context";
export { windowsPod, userNamespacePod } from "./pod-conditions";
