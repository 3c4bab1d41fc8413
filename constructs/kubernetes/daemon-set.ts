/** SecureDaemonSet: an apps/v1 DaemonSet with hardened pods (no host namespaces or host paths to offer). */
import type { Construct } from "constructs";
import type { SecureDaemonSetProps } from "./props";
import { SecureWorkload } from "./workload";

export class SecureDaemonSet extends SecureWorkload {
  constructor(scope: Construct, id: string, props: SecureDaemonSetProps) {
    super(scope, id, props, {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      spec: (template, selector) => ({ selector: { matchLabels: selector }, template }),
    });
  }
}
