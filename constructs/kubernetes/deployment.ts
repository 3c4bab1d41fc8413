/** SecureDeployment: an apps/v1 Deployment whose pods pass Pod Security restricted and every catalogue rule. */
import type { Construct } from "constructs";
import { SECURE_DEFAULTS } from "./defaults";
import type { SecureDeploymentProps } from "./props";
import { SecureWorkload } from "./workload";

export class SecureDeployment extends SecureWorkload {
  constructor(scope: Construct, id: string, props: SecureDeploymentProps) {
    super(scope, id, props, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      spec: (template, selector) => ({ replicas: props.replicas ?? SECURE_DEFAULTS.replicas, selector: { matchLabels: selector }, template }),
    });
  }
}
