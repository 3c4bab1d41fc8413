/**
 * The Kubernetes provider the example stacks deploy through: it renders manifests to the directory
 * in the stack's `renderDirectory` config instead of calling a cluster. `kubernetesProviderVersion`
 * picks the provider plugin when it is not the one this @pulumi/kubernetes asks for (the demo's
 * engine builds the provider from the Go module proxy, which serves v4.25.0 only).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export function renderProvider(): k8s.Provider {
  const config = new pulumi.Config();
  const version = config.get("kubernetesProviderVersion");
  return new k8s.Provider("render", { renderYamlToDirectory: config.require("renderDirectory") }, version ? { version } : {});
}
