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
 * It reads the synthesized manifests as Kubernetes reads them (decoding/manifest-files.ts), reviews each object, and reports one
 * violation per rule listing each offending resource with its findings as locations. The CLI prints
 * the report and exits 2 when it is a failure. The contract's types are restated here (structurally)
 * so the plugin needs nothing of cdk8s-cli at run time, as the CLI intends.
 */
import { readFileSync } from "node:fs";
import { decodeManifestFile, type ManifestFile } from "../../decoding/manifest-files";
import { CATALOGUE } from "../../rules/catalogue";
import { readSettings, type Configuration, type HardeningSettings } from "../../rules/configuration";
import { describeExemption } from "../../rules/exemptions";
import { resourceRef } from "../../rules/kubernetes/workloads";
import { formatFinding } from "../../rules/report";
import { review } from "../../rules/review";
import { describeTarget, kubernetesSubject } from "../../rules/subject";
import { unmatchedExemptions } from "./unmatched-exemptions";

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
/** Configured exemptions that match no synthesized object are reported under this name. */
export const UNMATCHED_EXEMPTION = "unmatched-exemption";

/** The Kubernetes objects of one synthesized manifest, or why it cannot be read. */
function readManifest(path: string): Pick<ManifestFile, "manifests" | "errors" | "warnings"> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { manifests: [], errors: [`${path}: cannot be read (${(error as Error).message}).`], warnings: [] };
  }
  return decodeManifestFile(path, text);
}

export class HardeningValidationPlugin {
  private readonly configuration: Configuration;
  private readonly profile: string;

  /** @param properties the `properties` of the validation entry in cdk8s.yaml. */
  constructor(properties: HardeningSettings = {}) {
    this.configuration = readSettings(properties, "container-hardening cdk8s plugin properties");
    this.profile = properties?.profile ?? "hardened";
  }

  public async validate(context: PluginContext): Promise<void> {
    const violations = new Map<string, PluginViolation>();
    const violationOf = (rule: string): PluginViolation => {
      let violation = violations.get(rule);
      if (!violation) {
        const meta = CATALOGUE.find((entry) => entry.meta.id === rule)?.meta;
        violation = {
          ruleName: rule,
          recommendation: meta ? `${meta.title}. ${meta.description}` : rule === UNMATCHED_EXEMPTION ? "Every configured exemption must match an object." : "Every manifest must be readable YAML or JSON Kubernetes objects.",
          fix: meta?.remediation ?? (rule === UNMATCHED_EXEMPTION ? "Correct the exemption's namespace, name, kind or labels, or remove it." : "Fix or remove the file named."),
          violatingResources: [],
        };
        violations.set(rule, violation);
      }
      return violation;
    };
    let objects = 0;
    let exemptions = 0;
    const targets = [];
    for (const manifestPath of context.manifests) {
      const { manifests, errors, warnings } = readManifest(manifestPath);
      for (const warning of warnings) context.logger.log(`container-hardening: warning: ${warning}`);
      for (const error of errors) violationOf(UNREADABLE_MANIFEST).violatingResources.push({ resourceName: manifestPath, locations: [error], manifestPath });
      for (const { object } of manifests) {
        objects++;
        targets.push(resourceRef(object));
        const subject = kubernetesSubject(object);
        if (!subject) continue;
        const reviewed = review(subject, this.configuration);
        exemptions += reviewed.exemptions.length;
        for (const exemption of reviewed.exemptions) context.logger.log(`container-hardening: ${describeTarget(subject.target)}: note: ${exemption.rule}: ${describeExemption(exemption)}`);
        for (const rule of new Set(reviewed.findings.map((finding) => finding.rule))) {
          const locations = reviewed.findings.filter((finding) => finding.rule === rule).map(formatFinding);
          violationOf(rule).violatingResources.push({ resourceName: subject.target.name, locations, manifestPath });
        }
      }
    }
    for (const problem of unmatchedExemptions(this.configuration, targets)) {
      violationOf(UNMATCHED_EXEMPTION).violatingResources.push({ resourceName: "cdk8s.yaml", locations: [problem], manifestPath: "cdk8s.yaml" });
    }
    for (const violation of violations.values()) context.report.addViolation(violation);
    context.report.submit(violations.size > 0 ? "failure" : "success", {
      profile: this.profile,
      objects: String(objects),
      exemptions: String(exemptions),
    });
  }
}
