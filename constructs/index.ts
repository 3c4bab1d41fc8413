/** container-hardening/constructs: secure cdk8s workloads and the catalogue as cdk8s validations. */
export * from "./kubernetes/index";
export * from "./validation/index";
