/**
 * cdk8s: the catalogue's ValidatingAdmissionPolicies and bindings (admission/generate.ts) added to
 * a chart, configured as the validations and the checker are (a profile, a pack config, options,
 * exemptions), so the cluster refuses what the chart's own validation refuses.
 */
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { admissionObjects } from "../../admission/generate";
import type { AdmissionOptions } from "../../admission/policy";
import { readSettings, type HardeningSettings } from "../../rules/configuration";

export interface AdmissionPoliciesProps extends HardeningSettings, AdmissionOptions {}

export class AdmissionPolicies extends Construct {
  /** The policies and bindings, in catalogue order. */
  public readonly apiObjects: ApiObject[];

  constructor(scope: Construct, id: string, props: AdmissionPoliciesProps = {}) {
    super(scope, id);
    const { namePrefix, namespaceSelector, ...settings } = props;
    const objects = admissionObjects(readSettings(settings, `AdmissionPolicies "${id}"`), { namePrefix, namespaceSelector });
    this.apiObjects = objects.map((object) => new ApiObject(this, `${object.kind}-${object.metadata.name}`, object));
  }
}
