/**
 * The catalogue as a `cdk8s synth --validate` plugin. cdk8s.yaml loads it from a local path (the
 * CLI requires a local package path to be absolute or to start with `./`, and a pinned version):
 *
 *   validations:
 *     - package: ./node_modules/container-hardening/dist/constructs/validation/cli-plugin.js
 *       class: HardeningValidationPlugin
 *       version: 0.1.0
 *       properties: { profile: hardened }
 *
 * It reads the synthesized manifests with the checker's reader, reviews each object, and reports one
 * violation per rule listing each offending resource with its findings as locations. The CLI prints
 * the report and exits 2 when it is a failure. The contract's types are restated here (structurally)
 * so the plugin needs nothing of cdk8s-cli at run time, as the CLI intends.
 */
import { readFileSync } from "node:fs";
import { formatFinding } from "../../checker/format";
import { readManifests } from "../../checker/manifests";
import { CATALOGUE } from "../../rules/catalogue";
import { reviewObject, type ReviewSettings } from "../../rules/kubernetes/review";
import { resolveSettings, type HardeningSettings } from "./settings";

/** cdk8s-cli's ValidationViolation (plugins/validation.ts). */
export interface PluginViolation {
  ruleName: string;
  recommendation: string;
  fix: string;
  violatingResources: Array<{ resourceName: string; locations: string[]; manifestPath: string }>;
}

/** The parts of cdk8s-cli's ValidationContext the plugin uses. */
export interface PluginContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: "success" | "failure", metadata?: Record<string, string>): void;
  };
  readonly logger: { log(message: string): void };
}

/** A manifest the plugin cannot read is reported under this name (the checker exits 2 for it). */
export const UNREADABLE_MANIFEST = "unreadable-manifest";

export class HardeningValidationPlugin {
  private readonly settings: ReviewSettings;

  /** @param properties the `properties` of the validation entry in cdk8s.yaml. */
  constructor(properties: HardeningSettings = {}) {
    this.settings = resolveSettings(properties, "container-hardening cdk8s plugin properties");
  }

  public async validate(context: PluginContext): Promise<void> {
    const violations = new Map<string, PluginViolation>();
    const violationOf = (rule: string): PluginViolation => {
      let violation = violations.get(rule);
      if (!violation) {
        const meta = CATALOGUE.find((entry) => entry.meta.id === rule)?.meta;
        violation = {
          ruleName: rule,
          recommendation: meta ? `${meta.title}. ${meta.description}` : "Every manifest must be readable YAML or JSON Kubernetes objects.",
          fix: meta?.remediation ?? "Fix or remove the file named.",
          violatingResources: [],
        };
        violations.set(rule, violation);
      }
      return violation;
    };
    let objects = 0;
    let exemptions = 0;
    for (const manifestPath of context.manifests) {
      const { manifests, errors } = readManifests([manifestPath], () => readFileSync(0, "utf8"));
      for (const error of errors) violationOf(UNREADABLE_MANIFEST).violatingResources.push({ resourceName: manifestPath, locations: [error], manifestPath });
      for (const { object } of manifests) {
        objects++;
        const review = reviewObject(object, this.settings);
        exemptions += review.exemptions.length;
        for (const note of review.exemptions) context.logger.log(`container-hardening: ${review.resource.kind} ${review.resource.name}: note: ${note}`);
        for (const rule of new Set(review.findings.map((finding) => finding.rule))) {
          const locations = review.findings.filter((finding) => finding.rule === rule).map(formatFinding);
          violationOf(rule).violatingResources.push({ resourceName: review.resource.name, locations, manifestPath });
        }
      }
    }
    for (const violation of violations.values()) context.report.addViolation(violation);
    context.report.submit(violations.size > 0 ? "failure" : "success", {
      profile: this.settings.profile,
      objects: String(objects),
      exemptions: String(exemptions),
    });
  }
}
