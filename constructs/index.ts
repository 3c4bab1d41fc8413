/**
 * container-hardening/constructs: secure cdk8s workloads and the catalogue as cdk8s validations.
 * The Docker component is its own entry, container-hardening/constructs/docker, so that cdk8s users
 * need not install @pulumi/docker (an optional peer dependency), which it loads on import.
 */
export * from "./kubernetes/index";
export * from "./validation/index";
export * from "./admission/index";
