/**
 * Pulumi: the catalogue's ValidatingAdmissionPolicies and bindings as @pulumi/kubernetes resources,
 * and a Namespace with Pod Security labels. Configured as every enforcement point is (a profile,
 * a pack config, options, exemptions: rules/configuration.ts readSettings).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { readSettings, type HardeningSettings } from "../rules/configuration";
import { admissionObjects } from "./generate";
import { podSecurityLabels, type PodSecurityModes } from "./pod-security-labels";
import type { AdmissionOptions } from "./policy";

export const ADMISSION_POLICIES_TYPE = "container-hardening:kubernetes:AdmissionPolicies";
export const POD_SECURITY_NAMESPACE_TYPE = "container-hardening:kubernetes:PodSecurityNamespace";

export interface AdmissionPoliciesArgs extends HardeningSettings, AdmissionOptions {}

export class AdmissionPolicies extends pulumi.ComponentResource {
  public readonly policies: k8s.admissionregistration.v1.ValidatingAdmissionPolicy[] = [];
  public readonly bindings: k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding[] = [];

  constructor(name: string, args: AdmissionPoliciesArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ADMISSION_POLICIES_TYPE, name, {}, opts);
    const { namePrefix, namespaceSelector, ...settings } = args;
    const byName = new Map<string, k8s.admissionregistration.v1.ValidatingAdmissionPolicy>();
    for (const object of admissionObjects(readSettings(settings, `AdmissionPolicies "${name}"`), { namePrefix, namespaceSelector })) {
      const resourceName = `${name}-${object.metadata.name}`;
      if (object.kind === "ValidatingAdmissionPolicy") {
        const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(resourceName, object as k8s.admissionregistration.v1.ValidatingAdmissionPolicyArgs, { parent: this });
        byName.set(object.metadata.name, policy);
        this.policies.push(policy);
      } else {
        // A binding names its policy, which must exist first.
        const dependsOn = byName.get(object.spec.policyName as string);
        this.bindings.push(new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(`${resourceName}-binding`, object as k8s.admissionregistration.v1.ValidatingAdmissionPolicyBindingArgs, { parent: this, dependsOn }));
      }
    }
    this.registerOutputs({});
  }
}

export interface PodSecurityNamespaceArgs extends PodSecurityModes {
  /** The namespace's name. @default - the resource name with a random suffix */
  readonly name?: pulumi.Input<string>;
  readonly labels?: Record<string, string>;
}

export class PodSecurityNamespace extends pulumi.ComponentResource {
  public readonly namespace: k8s.core.v1.Namespace;

  constructor(name: string, args: PodSecurityNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super(POD_SECURITY_NAMESPACE_TYPE, name, {}, opts);
    this.namespace = new k8s.core.v1.Namespace(name, { metadata: { name: args.name, labels: { ...args.labels, ...podSecurityLabels(args) } } }, { parent: this });
    this.registerOutputs({});
  }
}
