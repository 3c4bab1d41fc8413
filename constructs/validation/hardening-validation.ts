/**
 * HardeningValidation: the catalogue as a cdk8s construct validation. Added to a chart (or any
 * construct) with `node.addValidation`, it reviews every ApiObject below it (raw ApiObjects,
 * cdk8s-plus workloads, the secure constructs, nested charts) as it will be written, so
 * `app.synth()` fails with one message per finding: the object, its construct path, the field
 * path, what to write instead, and the rule.
 */
import { ApiObject } from "cdk8s";
import type { IConstruct, IValidation } from "constructs";
import { describeResource, formatFinding } from "../../checker/format";
import { reviewObject, type ReviewSettings } from "../../rules/kubernetes/review";
import { resolveSettings, type HardeningSettings } from "./settings";

export type HardeningValidationProps = HardeningSettings;

export class HardeningValidation implements IValidation {
  private readonly settings: ReviewSettings;

  /** @param scope the construct whose ApiObjects are reviewed (usually the chart it is added to). */
  constructor(private readonly scope: IConstruct, props: HardeningValidationProps = {}) {
    this.settings = resolveSettings(props, `HardeningValidation at ${scope.node.path || "<app>"}`);
  }

  public validate(): string[] {
    return this.scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c)).flatMap((apiObject) => {
      const review = reviewObject(apiObject.toJson(), this.settings);
      const subject = `${describeResource(review.resource)} (${apiObject.node.path})`;
      return review.findings.map((finding) => `${subject}: ${formatFinding(finding)}`);
    });
  }
}
