/**
 * HardeningValidation: the catalogue as a cdk8s construct validation. Added to a chart (or any
 * construct) with `node.addValidation`, it reviews every ApiObject below it (raw ApiObjects,
 * cdk8s-plus workloads, the secure constructs, nested charts) as it will be written, so
 * `app.synth()` fails with one message per finding: the object, its construct path, the field
 * path, what to write instead, and the rule. Exemptions it applies are reported (to stderr, or to
 * `report`), and a configured exemption that matches no object below the scope fails the
 * validation: it is a typo or a leftover.
 */
import { ApiObject } from "cdk8s";
import type { IConstruct, IValidation } from "constructs";
import { readSettings, type Configuration, type HardeningSettings } from "../../rules/configuration";
import { describeExemption } from "../../rules/exemptions";
import { formatFinding } from "../../rules/report";
import { review } from "../../rules/review";
import { describeTarget, kubernetesSubject } from "../../rules/subject";
import { inputFacts } from "../../rules/kubernetes/input-facts";
import { resourceRef } from "../../rules/kubernetes/workloads";
import { unmatchedExemptions } from "./unmatched-exemptions";

export interface HardeningValidationProps extends HardeningSettings {
  /**
   * Where the exemptions applied are reported, one line each.
   * @default - standard error
   */
  readonly report?: (line: string) => void;
}

export class HardeningValidation implements IValidation {
  private readonly configuration: Configuration;
  private readonly report: (line: string) => void;

  /** @param scope the construct whose ApiObjects are reviewed (usually the chart it is added to). */
  constructor(private readonly scope: IConstruct, props: HardeningValidationProps = {}) {
    const { report, ...settings } = props;
    this.configuration = readSettings(settings, `HardeningValidation at ${scope.node.path || "<app>"}`);
    this.report = report ?? ((line) => console.error(line));
  }

  public validate(): string[] {
    const apiObjectsBelow = (scope: IConstruct) => scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    const objects = apiObjectsBelow(this.scope).map((apiObject) => ({ apiObject, json: apiObject.toJson() as Record<string, unknown> }));
    // The whole app is synthesized, and applied, together: a ServiceAccount of another chart counts.
    const facts = inputFacts(apiObjectsBelow(this.scope.node.root).map((apiObject) => apiObject.toJson() as Record<string, unknown>));
    const errors = objects.flatMap(({ apiObject, json }) => {
      const subject = kubernetesSubject(json, { facts });
      if (!subject) return [];
      const reviewed = review(subject, this.configuration);
      const who = `${describeTarget(subject.target)} (${apiObject.node.path})`;
      for (const exemption of reviewed.exemptions) this.report(`container-hardening: ${who}: note: ${exemption.rule}: ${describeExemption(exemption)}`);
      return reviewed.findings.map((finding) => `${who}: ${formatFinding(finding)}`);
    });
    const unmatched = unmatchedExemptions(this.configuration, objects.map(({ json }) => resourceRef(json)));
    return [...errors, ...unmatched.map((problem) => `HardeningValidation at ${this.scope.node.path || "<app>"}: ${problem}`)];
  }
}
