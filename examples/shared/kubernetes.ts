/**
 * Where the example stacks deploy, chosen by the stack's config as any Pulumi program chooses its
 * cluster:
 * - `kubeconfig`: the kubeconfig (a path or its contents) of the cluster to deploy to. The demo and
 *   the end-to-end tests pass the one of a private API server on loopback (scripts/engine/cluster.ts).
 * - `renderDirectory`: no cluster at all; the provider writes the manifests into that directory
 *   instead (its renderYamlToDirectory), as the bypass test does to `kubectl apply` them itself.
 * - `skipAwait: true`, for a cluster without nodes: nothing there ever becomes ready, and the
 *   provider waits up to 10 minutes per workload for readiness by default. The provider (v4.25.0,
 *   pkg/metadata/overrides.go and pkg/await/await.go) has no provider-wide switch for that; it honours
 *   per object the annotation `pulumi.com/skipAwait: "true"` — which also skips the wait for
 *   deletion, but only for the kinds it lists (Deployment, DaemonSet, StatefulSet, Pod, Job,
 *   Namespace, ReplicationController; not CronJob) — and `pulumi.com/deletionPropagationPolicy`
 *   (default foreground). A foreground deletion leaves the object in place until the garbage
 *   collector of a controller manager removes its dependents, and such a cluster has none, so
 *   `background` is what lets `pulumi destroy` remove objects there. A stack transform puts both
 *   annotations on every Kubernetes object of the stack, those a ConfigGroup expands to included.
 */
import * as k8s from "@pulumi/kubernetes";
import { PodSecurityNamespace } from "../../admission/pulumi";
import * as pulumi from "@pulumi/pulumi";

/** Annotations for a cluster without nodes (see the header). */
export const NODELESS_ANNOTATIONS: Readonly<Record<string, string>> = {
  "pulumi.com/skipAwait": "true",
  "pulumi.com/deletionPropagationPolicy": "background",
};

/** Adds NODELESS_ANNOTATIONS to a Kubernetes object's metadata; other resources pass unchanged. */
const annotateForNodelessCluster: pulumi.ResourceTransform = ({ props, opts }) => {
  // Objects carry apiVersion and kind; the provider, ConfigGroups and other components do not.
  if (typeof props.apiVersion !== "string" || typeof props.kind !== "string") return undefined;
  const metadata = pulumi.output(props.metadata ?? {});
  return {
    props: {
      ...props,
      metadata: metadata.apply((meta: Record<string, unknown>) => ({
        ...meta,
        annotations: { ...(meta.annotations as Record<string, string> | undefined), ...NODELESS_ANNOTATIONS },
      })),
    },
    opts,
  };
};

/**
 * The stack's Kubernetes provider, for the target its config names; `namespace` is where objects
 * without one go. For `skipAwait`, registers the transform above for the whole stack.
 */
export function kubernetesProvider(namespace?: string): k8s.Provider {
  const config = new pulumi.Config();
  const renderDirectory = config.get("renderDirectory");
  if (config.getBoolean("skipAwait")) pulumi.runtime.registerResourceTransform(annotateForNodelessCluster);
  return new k8s.Provider("kubernetes", {
    ...(renderDirectory ? { renderYamlToDirectory: renderDirectory } : { kubeconfig: config.require("kubeconfig") }),
    ...(namespace ? { namespace } : {}),
  });
}

/**
 * A namespace that enforces Pod Security `restricted` on its Pods, and warns and audits at the same
 * level (the labels the API server reads), made by the project's PodSecurityNamespace component.
 */
export function restrictedNamespace(name: string, provider: k8s.Provider): k8s.core.v1.Namespace {
  return new PodSecurityNamespace(name, { name, enforce: "restricted" }, { providers: [provider] }).namespace;
}
