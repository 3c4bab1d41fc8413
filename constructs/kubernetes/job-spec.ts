/** The batch/v1 JobSpec fields SecureJob and SecureCronJob share, around a hardened pod template. */
import type { PodTemplateSpec } from "./k8s";
import type { SecureJobSpecProps } from "./props";

export function jobSpec(props: SecureJobSpecProps, template: PodTemplateSpec): Record<string, unknown> {
  return {
    backoffLimit: props.backoffLimit,
    activeDeadlineSeconds: props.activeDeadlineSeconds,
    ttlSecondsAfterFinished: props.ttlSecondsAfterFinished,
    completions: props.completions,
    parallelism: props.parallelism,
    template,
  };
}
