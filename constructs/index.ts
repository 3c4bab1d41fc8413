/**
 * container-hardening/constructs: secure cdk8s workloads, the catalogue as cdk8s validations, and
 * the secure Docker container component for Pulumi.
 */
export * from "./kubernetes/index";
export * from "./validation/index";
export * from "./docker/index";
// Both halves take a loosening as the same `{ reason }` shape; name it once for the package entry.
export type { Loosening } from "./kubernetes/index";
