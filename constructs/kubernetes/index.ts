/** The secure cdk8s workload constructs. */
export * from "./props";
export type { Container, ContainerPort, EnvVarSource, Probe, ResourceRequirements, SeccompProfile, Volume, VolumeMount } from "./k8s";
export { SECURE_DEFAULTS } from "./defaults";
export { SELECTOR_LABEL, SecureWorkload } from "./workload";
export { SecureDeployment } from "./deployment";
export { SecureStatefulSet } from "./stateful-set";
export { SecureDaemonSet } from "./daemon-set";
export { SecureJob } from "./job";
export { SecureCronJob } from "./cron-job";
export { SecurePod } from "./pod";
