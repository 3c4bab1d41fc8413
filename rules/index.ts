/** container-hardening/rules: the rule catalogue, free of Pulumi and cdk8s. */
export * from "./types";
export * from "./values";
export * from "./options";
export * from "./exemptions";
export * from "./capabilities";
export * from "./kubernetes/index";
export * from "./docker/index";
export * from "./catalogue";
export * from "./profiles";
export * from "./configuration";
export * from "./subject";
export * from "./review";
export * from "./findings";
export * from "./host-paths";
