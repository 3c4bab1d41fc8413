/**
 * container-hardening/admission: the catalogue as ValidatingAdmissionPolicies (Kubernetes 1.30+),
 * as YAML objects and as Pulumi resources (which need @pulumi/kubernetes). The cdk8s constructs
 * are in container-hardening/constructs.
 */
export { admissionObjects, admissionYaml } from "./generate";
export type { AdmissionOptions, KubernetesObject } from "./policy";
export { podSecurityLabels, type PodSecurityLevel, type PodSecurityModes } from "./pod-security-labels";
export * from "./pulumi";
