/** SecurePod: a bare core/v1 Pod, hardened; prefer a controller (Deployment, Job) for anything long-lived. */
import type { Construct } from "constructs";
import { SECURE_DEFAULTS } from "./defaults";
import type { SecurePodProps } from "./props";
import { SecureWorkload } from "./workload";

export class SecurePod extends SecureWorkload {
  constructor(scope: Construct, id: string, props: SecurePodProps) {
    super(scope, id, props, {
      apiVersion: "v1",
      kind: "Pod",
      podSpec: { restartPolicy: props.restartPolicy ?? SECURE_DEFAULTS.podRestartPolicy },
      spec: (template) => template.spec as unknown as Record<string, unknown>,
    });
  }
}
