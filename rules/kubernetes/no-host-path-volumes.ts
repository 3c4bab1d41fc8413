/**
 * no-host-path-volumes — no volume mounts a directory or file of the node.
 *
 * Reads: spec.volumes[*].hostPath (and its path when an allowlist is configured).
 * Allowed: no hostPath volume, exactly as PSA baseline; with the `allowedHostPaths` option, also
 *   hostPath volumes whose normalised path is listed there (an exact path, or below a directory
 *   written with a trailing `/`). The option loosens PSS on purpose; it is empty by default.
 * Exempt: nothing (PSA exempts neither Windows nor user-namespace pods).
 * PSS: baseline, control "HostPath Volumes" (check hostPathVolumes). At restricted, PSA replaces
 *   this check with restrictedVolumes (restricted-volume-types), which refuses hostPath regardless
 *   of any allowlist. The runtime sockets have a rule of their own: no-docker-socket-mount.
 * No automatic fix: what should replace the node's files is the workload owner's decision.
 */
import type { Finding, RuleOptions } from "../types";
import { violation } from "../findings";
import { allowedHostPath, exposedSensitivePath, normaliseHostPath } from "../host-paths";
import { judge, nested } from "./context-places";
import type { KubernetesRule } from "./rule";
import { itemField } from "./pod-spec";
import { podVolumes, type Volume } from "./volumes";

const INSTEAD = "Use an emptyDir, persistentVolumeClaim, configMap, secret or projected volume instead";

function refusal(volume: Volume, path: string | undefined, options: RuleOptions): string {
  const where = path === undefined ? "a path of the node" : `the node's ${JSON.stringify(path)}`;
  const sensitive = path === undefined ? undefined : exposedSensitivePath(path);
  const risk = sensitive === undefined ? "node files outlive the pod and are shared with everything else on the node" : `it exposes ${sensitive} on the node`;
  const allowlist = options.allowedHostPaths.length === 0 ? "" : ` (allowedHostPaths: ${options.allowedHostPaths.join(", ")})`;
  return `volume "${volume.name}" mounts ${where} (hostPath): ${risk}. ${INSTEAD}; if this path must be mounted, add it to the policy's allowedHostPaths option${allowlist} or exempt the workload with a reason.`;
}

function checkVolume(volume: Volume, options: RuleOptions): Finding[] {
  const hostPath = itemField(volume, "hostPath", "object");
  if (hostPath.read.state === "absent") return [];
  if (options.allowedHostPaths.length === 0) {
    // Every hostPath volume is refused, whatever its (possibly unknown) path: nothing to compare.
    const path = hostPath.read.state === "present" ? hostPath.read.value.path : undefined;
    return [violation(hostPath.path, undefined, refusal(volume, typeof path === "string" ? normaliseHostPath(path) : undefined, options))];
  }
  const path = nested(hostPath, "path", "string");
  const judged = judge(path, undefined, `a host path listed in allowedHostPaths (${options.allowedHostPaths.join(", ")})`);
  if (judged && "finding" in judged) return [judged.finding];
  if (!judged) return [violation(path.path, undefined, refusal(volume, undefined, options))];
  if (allowedHostPath(judged.value, options.allowedHostPaths)) return [];
  return [violation(path.path, undefined, refusal(volume, normaliseHostPath(judged.value), options))];
}

export const noHostPathVolumes: KubernetesRule = {
  meta: {
    id: "no-host-path-volumes",
    title: "No hostPath volumes",
    description:
      "A hostPath volume (in Docker, a bind mount of a system path) mounts the host's own files into the container. Writable, it lets the container plant files the host executes; read-only, it still leaks credentials and configuration. It ties a pod to one node as well.",
    severity: "high",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "HostPath Volumes (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { source: "CIS Docker Benchmark", control: "5.5 Ensure sensitive host system directories are not mounted on containers" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation:
      "Replace hostPath volumes with an emptyDir, persistentVolumeClaim, configMap, secret or projected volume:\n  volumes:\n    - name: cache\n      emptyDir: { sizeLimit: 256Mi }\nA host path that must be mounted (e.g. a log collector reading /var/log/pods) goes in the policy's allowedHostPaths option: [\"/var/log/pods/\"].",
    options: ["allowedHostPaths"],
  },
  check(pod, options) {
    const { volumes, findings } = podVolumes(pod);
    return [...findings, ...volumes.flatMap((volume) => checkVolume(volume, options))];
  },
};
