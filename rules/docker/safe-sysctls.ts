/**
 * safe-sysctls (Docker) — the container sets only sysctls that Pod Security counts as safe.
 *
 * Reads: Container `sysctls` (a map of name to value); Service taskSpec.containerSpec.sysctl.
 * Allowed: the names of rules/sysctls.ts (SAFE_SYSCTLS), also written with slashes
 *   (`kernel/shm_rmid_forced`): runc writes the value to /proc/sys/<name with dots as slashes>, so
 *   both spellings set the same sysctl (measured with dockerd 20.10, runc 1.1; unlike Pod Security
 *   Admission, no exact-name comparison stands between the user and the kernel). Docker (through
 *   runc) accepts only sysctls of a namespace the container owns (kernel.shm*, kernel.msg*,
 *   kernel.sem, fs.mqueue.*, net.*), so it refuses node-wide ones itself; but namespaced is not
 *   safe: kernel.shm* and net.* settings can still starve the host or weaken the network stack
 *   (net.ipv4.ip_forward, net.ipv4.conf.all.route_localnet), which is why the same list applies.
 * No automatic fix.
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { SAFE_SYSCTLS } from "../sysctls";
import type { DockerRule } from "./rule";
import { field, judge, type DockerContainerSubject } from "./subject";

function check(subject: DockerContainerSubject): Finding[] {
  const sysctls = field(subject, "sysctls")!;
  const judged = judge(sysctls, `a map of safe sysctls (${SAFE_SYSCTLS.join(", ")})`);
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  return Object.keys(judged.value)
    .filter((name) => !SAFE_SYSCTLS.includes(name.replaceAll("/", ".")))
    .map((name) => violation(`${sysctls.path}["${name}"]`, undefined, `"${name}" is not on Pod Security's list of namespaced, safe sysctls, so it can weaken or starve the host. Remove it; a host-wide setting belongs in the host's configuration.`));
}

export const safeSysctls: DockerRule = {
  id: "safe-sysctls",
  remediation: `docker.Container: set in sysctls only ${SAFE_SYSCTLS.join(", ")} (docker.Service: taskSpec.containerSpec.sysctl likewise).`,
  check,
};
