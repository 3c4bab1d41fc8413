/** SecureStatefulSet: an apps/v1 StatefulSet with hardened pods and optional per-replica volume claims. */
import type { Construct } from "constructs";
import { SECURE_DEFAULTS } from "./defaults";
import type { PersistentVolumeClaimTemplate } from "./k8s";
import type { SecureStatefulSetProps, VolumeClaimTemplateProps } from "./props";
import { SecureWorkload } from "./workload";

function claimTemplate(claim: VolumeClaimTemplateProps): PersistentVolumeClaimTemplate {
  return {
    metadata: { name: claim.name },
    spec: {
      accessModes: claim.accessModes ?? [...SECURE_DEFAULTS.accessModes],
      storageClassName: claim.storageClassName,
      resources: { requests: { storage: claim.storage } },
    },
  };
}

export class SecureStatefulSet extends SecureWorkload {
  constructor(scope: Construct, id: string, props: SecureStatefulSetProps) {
    super(scope, id, props, {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      spec: (template, selector) => ({
        serviceName: props.serviceName,
        replicas: props.replicas ?? SECURE_DEFAULTS.replicas,
        selector: { matchLabels: selector },
        template,
        volumeClaimTemplates: props.volumeClaimTemplates?.length ? props.volumeClaimTemplates.map(claimTemplate) : undefined,
      }),
    });
  }
}
