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

export const KUBERNETES_RULES: readonly KubernetesRule[] = [
  dropAllCapabilities,
  noPrivileged,
  restrictAddedCapabilities,
  noPrivilegeEscalation,
  runAsNonRoot,
  seccompProfile,
  apparmorProfile,
  selinuxOptions,
  procMount,
  noWindowsHostProcess,
  readOnlyRootFilesystem,
  nonRootUidGid,
];

export type { KubernetesRule } from "./rule";
export * from "./workloads";
export * from "./evaluate";
export { effectiveField, containerField, podField } from "./security-context";
export { windowsPod, userNamespacePod } from "./pod-conditions";
