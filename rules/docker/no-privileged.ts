/**
 * no-privileged (Docker) — the container does not run privileged.
 *
 * Reads: Container `privileged`. A Service has no such input (swarm services cannot be privileged).
 * Allowed: unset or false.
 * Fix: sets it to false, as the Kubernetes rule's fix does.
 */
import type { DockerRule } from "./rule";
import { privilegedOverrides } from "./privileged";
import { field, writableOwner } from "./subject";

export const noPrivileged: DockerRule = {
  id: "no-privileged",
  remediation: "docker.Container: leave privileged unset or write privileged: false, and add only the capabilities it needs under capabilities.adds.",
  check(subject) {
    return privilegedOverrides(subject, "it gets every capability and every host device, without seccomp, AppArmor or /proc masking: root in it is root on the host");
  },
  fix(subject) {
    if (field(subject, "privileged")?.read.state !== "present") return;
    const target = writableOwner(subject, "privileged")!;
    target.owner[target.key] = false;
  },
};
