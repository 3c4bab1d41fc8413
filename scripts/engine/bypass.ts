/**
 * The way around the pack: the insecure stack's manifests applied with `kubectl apply` straight to
 * the cluster, into a namespace that enforces Pod Security `restricted`, as someone without Pulumi
 * would. The manifests are the stack's own, rendered by the Kubernetes provider
 * (renderYamlToDirectory, through `pulumi up` without the pack), not a copy written by hand.
 *
 * What the API server does with them (v1.37): it refuses the Pod (`violates PodSecurity
 * "restricted:latest"`) but stores the Deployment and the DaemonSet with a warning only, since Pod
 * Security Admission enforces on Pods and only warns for the controllers that create them.
 */
import type { Cluster, KubectlResult } from "./cluster";
import type { Workspace } from "./workspace";

export interface Bypass {
  /** The rendered manifest files, relative to `directory`. */
  rendered: string[];
  directory: string;
  /** The commands run, as a person would type them (paths shortened). */
  commands: string[];
  /** The output of `kubectl apply`. */
  apply: KubectlResult;
}

/** The namespace the insecure stack's objects name. */
export const BYPASS_NAMESPACE = "shop";

export async function applyWithoutPulumi(workspace: Workspace, cluster: Cluster): Promise<Bypass> {
  const stack = await workspace.stack("insecure-stack", "bypass", "render");
  const render = await stack.up({ withPack: false });
  if (render.code !== 0) throw new Error(`rendering the insecure stack failed:\n${render.output}`);

  const commands = [
    `kubectl create namespace ${BYPASS_NAMESPACE}`,
    `kubectl label namespace ${BYPASS_NAMESPACE} pod-security.kubernetes.io/enforce=restricted`,
  ];
  for (const command of commands) {
    const result = await cluster.kubectl(command.split(" ").slice(1));
    if (result.code !== 0) throw new Error(`${command}: ${result.stderr}`);
  }
  const apply = await cluster.kubectl(["apply", "--recursive", "-f", stack.renderDirectory]);
  commands.push("kubectl apply --recursive -f <rendered manifests of examples/insecure-stack>");
  return { rendered: stack.rendered(), directory: stack.renderDirectory, commands, apply };
}
