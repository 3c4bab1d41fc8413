/**
 * The Kubernetes provider the example stacks deploy through: it renders manifests to the directory
 * in the stack's `renderDirectory` config instead of calling a cluster.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export function renderProvider(): k8s.Provider {
  return new k8s.Provider("render", { renderYamlToDirectory: new pulumi.Config().require("renderDirectory") });
}
