/** container-hardening/constructs/docker: a secure-by-default Pulumi container component (needs @pulumi/docker). */
export { SecureContainer, SECURE_CONTAINER_TYPE } from "./secure-container";
export { DOCKER_SECURE_DEFAULTS } from "./defaults";
export type { Loosening, RestartPolicy, SecureContainerArgs, WritablePath } from "./props";
