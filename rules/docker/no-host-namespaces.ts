/**
 * no-host-namespaces (Docker) — the container shares none of the host's namespaces.
 *
 * Reads (Container; a Service has no such inputs): networkMode, pidMode, ipcMode, usernsMode,
 *   cgroupnsMode; Compose: network_mode, pid, ipc, userns_mode, cgroup, uts (a docker.Container has
 *   no UTS input in @pulumi/docker 5.2.0).
 * Refused: the value "host" in any of them (the daemon compares it exactly and case-sensitively).
 *   `container:<name|id>` joins another container's namespace, not the host's, and is allowed (that
 *   container is judged on its own); so are `bridge`, `none`, `private`, `shareable`, a network name.
 *   usernsMode "host" turns off user-namespace remapping for a daemon that has it on; cgroupnsMode
 *   "host" shows the host's cgroup tree; uts "host" shares the host's hostname (CIS Docker 5.21).
 * No automatic fix: leaving the host network changes how the container is reached.
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import type { DockerRule } from "./rule";
import { field, judge, type DockerContainerSubject, type FieldName } from "./subject";

const NAMESPACES: Array<{ name: FieldName; gives: string; instead: string; composeInstead?: string }> = [
  {
    name: "networkMode",
    gives: "the host's network stack: it can listen on and sniff the host's interfaces and reach services bound to localhost",
    instead: 'use a user-defined network (networksAdvanced) and publish ports with "ports"',
    composeInstead: 'use the project\'s network (or one under "networks") and publish ports with "ports"',
  },
  { name: "pidMode", gives: "the host's process table: it can see every process on the host and signal or ptrace them", instead: "leave it unset" },
  { name: "ipcMode", gives: "the host's IPC namespace: it can read and write the shared memory of processes on the host", instead: 'leave it unset or use "private"' },
  { name: "usernsMode", gives: "the host's user namespace, turning off the daemon's user-namespace remapping: root in it is root on the host", instead: "leave it unset" },
  { name: "cgroupnsMode", gives: "the host's cgroup namespace: it sees the host's whole cgroup hierarchy", instead: 'leave it unset or use "private"' },
  { name: "utsMode", gives: "the host's UTS namespace: it sees the host's hostname, and with CAP_SYS_ADMIN changes it for the whole host", instead: "leave it unset" },
];

function check(subject: DockerContainerSubject): Finding[] {
  return NAMESPACES.flatMap(({ name, gives, instead, composeInstead }): Finding[] => {
    const mode = field(subject, name);
    if (!mode) return [];
    const judged = judge(mode, 'anything but "host"');
    if (!judged) return [];
    if ("finding" in judged) return [judged.finding];
    if (judged.value !== "host") return [];
    const fix = subject.kind === "Compose" ? (composeInstead ?? instead) : instead;
    return [violation(mode.path, undefined, `"host" gives the container ${gives}. Remove ${mode.path}; ${fix}.`)];
  });
}

export const noHostNamespaces: DockerRule = {
  id: "no-host-namespaces",
  remediation: 'docker.Container: leave networkMode, pidMode, ipcMode, usernsMode and cgroupnsMode unset (never "host"); publish ports with ports: [{ internal: 8080, external: 8080 }] on a user-defined network.',
  check,
};
