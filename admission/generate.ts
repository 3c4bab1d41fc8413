/**
 * ValidatingAdmissionPolicies from a configuration (rules/configuration.ts readSettings: a profile
 * or a pack config with levels, options and exemptions): one policy and one binding per enabled
 * Kubernetes rule of the catalogue, so that the API server itself refuses what the pack refuses.
 * ValidatingAdmissionPolicy is admissionregistration.k8s.io/v1 from Kubernetes 1.30.
 */
import { stringify } from "yaml";
import type { Configuration } from "../rules/configuration";
import { rulePolicy, type AdmissionOptions, type KubernetesObject } from "./policy";

export function admissionObjects(configuration: Configuration, options: AdmissionOptions = {}): KubernetesObject[] {
  return configuration.rules.filter((rule) => rule.enforcement !== "disabled" && rule.entry.kubernetes).flatMap((rule) => rulePolicy(rule, options));
}

/** The objects as one multi-document YAML text, for kubectl apply -f. */
export function admissionYaml(objects: readonly KubernetesObject[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join("---\n");
}
