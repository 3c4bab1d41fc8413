/**
 * no-docker-socket-mount — no volume mounts a container runtime's API socket.
 *
 * Reads: spec.volumes[*].hostPath.path.
 * Refused: a normalised path that is a runtime socket (Docker, containerd, CRI-O, cri-dockerd,
 *   dockershim, Podman, BuildKit; see rules/host-paths.ts) or a directory above one (`/var/run`,
 *   `/run/containerd`, `/`), and a socket file named like one wherever it lives.
 * Named on its own, beyond no-host-path-volumes, because the socket is root on the node: whoever can
 *   reach it starts a privileged container with the node's filesystem mounted. It is not loosened by
 *   allowedHostPaths; an exemption with a reason is the way to allow, say, a CI runner.
 * Exempt: nothing. Beyond PSS (PSS refuses every hostPath).
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { exposedRuntimeSocket, normaliseHostPath } from "../host-paths";
import { judge, nested } from "./context-places";
import type { KubernetesRule } from "./rule";
import { itemField } from "./pod-spec";
import { podVolumes, type Volume } from "./volumes";

function checkVolume(volume: Volume): Finding[] {
  const path = nested(itemField(volume, "hostPath", "object"), "path", "string");
  const judged = judge(path, undefined, "a host path that is no container runtime socket nor a directory above one");
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  const socket = exposedRuntimeSocket(judged.value);
  if (socket === undefined) return [];
  const mounted = normaliseHostPath(judged.value);
  const what = mounted === socket ? `the container runtime socket ${socket}` : `${mounted}, which holds the container runtime socket ${socket}`;
  return [
    violation(
      path.path,
      undefined,
      `volume "${volume.name}" mounts ${what}: anything in the pod can then start a privileged container on the node, which is root on the node. Remove the volume; build images with a daemonless builder (BuildKit rootless, kaniko) and talk to Kubernetes through its API with a narrowly bound ServiceAccount.`,
    ),
  ];
}

export const noDockerSocketMount: KubernetesRule = {
  meta: {
    id: "no-docker-socket-mount",
    title: "No container runtime socket mounts",
    description:
      "Mounting /var/run/docker.sock (or containerd's, CRI-O's, Podman's socket) gives the workload the runtime's API, with which it can start a privileged container that mounts the node's root filesystem: full control of the node, whatever the pod's own security context says.",
    severity: "critical",
    pss: [],
    references: [
      { source: "CIS Docker Benchmark", control: "5.31 Ensure that the Docker socket is not mounted inside any containers" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation:
      "Remove hostPath volumes that point at a runtime socket or a directory holding one (/var/run, /run, /run/containerd). Build images with a daemonless builder and reach Kubernetes through its API; if a trusted system component truly needs the socket, exempt it by name with a reason:\n  metadata:\n    annotations:\n      container-hardening.io/exempt: no-docker-socket-mount\n      container-hardening.io/exempt-reason: \"node agent, reviewed by the platform team\"",
    options: [],
  },
  check(pod) {
    const { volumes, findings } = podVolumes(pod);
    return [...findings, ...volumes.flatMap(checkVolume)];
  },
};
