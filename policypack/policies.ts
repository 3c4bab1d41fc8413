/**
 * One Pulumi policy per catalogue entry, plus the advisory notes policy. The policies stay thin: they
 * map the engine's inputs to a subject once per resource (unknown values and secrets at the edge),
 * ask the catalogue for their rule's share of its review (rules/review.ts), and report.
 *
 * The SDK runs a resource's policies one after another, each with the same request, so the subject
 * of a resource is made by the first policy and reused by the others: each rule then runs once per
 * resource, and nothing (reading inputs, extracting pod templates, reading a Dockerfile) is done
 * twice. Config is read once per distinct policy config.
 */
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { CatalogueEntry } from "../rules/catalogue";
import { readRuleProperties, ruleConfigSchema, type RuleSettings } from "../rules/configuration";
import { describeExemption, NOTES_POLICY } from "../rules/exemptions";
import { resolveOptions } from "../rules/options";
import { findingLocation } from "../rules/report";
import { reviewRule } from "../rules/review";
import { describeTarget, type Subject } from "../rules/subject";
import type { Finding } from "../rules/types";
import type { JsonObject } from "../rules/values";
import { fromEngine, toEngine } from "./engine-values";
import { FAMILIES } from "./families";
import { addNote, takeNotes } from "./notes";
import { isPreview, NotKnownAtPreview } from "./preview";
import { restoreSecrets, unwrapped, withoutSecrets } from "./raw-inputs";
import { shareDeserializedProperties } from "./sdk-internals";

shareDeserializedProperties();

/** Who the output is about, and how it says a value is not known yet. */
function describeFinding(subject: Subject, finding: Finding): string {
  const who = describeTarget(subject.target);
  if (finding.outcome === "unknown") {
    const needed = finding.needed ? `; it must be ${finding.needed}` : "";
    return `${who}: ${finding.path} is not known yet (it depends on another resource's output), so it cannot be verified now${needed}. It is checked again when the value is known (pulumi up).`;
  }
  return `${who}: ${findingLocation(finding)}: ${finding.message}`;
}

/** The subject of each resource being analyzed, by the SDK's props object (one per request). */
const subjects = new WeakMap<object, { subject: Subject | undefined }>();

function subjectOf(args: ResourceValidationArgs): Subject | undefined {
  const raw = unwrapped(args.props);
  let known = subjects.get(raw);
  if (!known) {
    const props = fromEngine(raw);
    known = { subject: undefined };
    for (const family of FAMILIES) {
      known.subject = family.subject(args.type, args.name, props);
      if (known.subject) break;
    }
    subjects.set(raw, known);
  }
  return known.subject;
}

type PolicySettings = Omit<RuleSettings, "enforcement">;

/**
 * A policy's settings: its config from the engine (Pulumi Cloud, --policy-pack-config) over the
 * settings the policy was made with. Read once per distinct config; a bad one throws a ConfigError
 * naming the policy.
 */
function settingsOf(defaults: PolicySettings, config: Record<string, unknown>, read: Map<string, PolicySettings>): PolicySettings {
  // Most policies have no config: skip serializing an empty object on every resource.
  const key = Object.keys(config).length === 0 ? "" : JSON.stringify(config);
  let settings = read.get(key);
  if (!settings) {
    const { options, exemptions } = readRuleProperties(defaults.entry.meta, config);
    read.set(key, (settings = { entry: defaults.entry, options: resolveOptions({ ...defaults.options, ...options }), exemptions: exemptions ?? defaults.exemptions }));
  }
  return settings;
}

function validate(entry: CatalogueEntry, args: ResourceValidationArgs, report: ReportViolation, settings: PolicySettings): void {
  const subject = subjectOf(args);
  if (!subject) return;
  const share = reviewRule(subject, settings);
  if (!share) return;
  const key = args.urn || args.name;
  for (const exemption of share.exemptions) addNote(key, `${describeTarget(subject.target)}: ${entry.meta.id} ${describeExemption(exemption)}`);
  for (const note of subject.notes) addNote(key, note);
  const unknown = share.findings.filter((f) => f.outcome === "unknown");
  // Reading the environment is slow enough to matter here; only unknown values need it.
  const preview = unknown.length > 0 && isPreview();
  for (const finding of share.findings) {
    if (finding.outcome === "violation" || !preview) report(describeFinding(subject, finding));
  }
  if (preview && unknown.length > 0) throw new NotKnownAtPreview(unknown.map((f) => describeFinding(subject, f)).join("\n"));
}

/** The policy of one rule, enforced at `defaults.enforcement` with its options and exemptions unless the engine's config says otherwise. */
export function rulePolicy(defaults: RuleSettings): ResourceValidationPolicy {
  const { entry } = defaults;
  const { meta } = entry;
  const read = new Map<string, PolicySettings>();
  return {
    name: meta.id,
    description: `${meta.title}. ${meta.description}`,
    enforcementLevel: defaults.enforcement as EnforcementLevel,
    severity: meta.severity,
    remediationSteps: meta.remediation,
    configSchema: ruleConfigSchema(meta) as ResourceValidationPolicy["configSchema"],
    validateResource: (args, report) => validate(entry, args, report, settingsOf(defaults, args.getConfig<Record<string, unknown>>(), read)),
    remediateResource: (args) => {
      const { plain, secrets } = withoutSecrets(unwrapped(args.props));
      const settings = settingsOf(defaults, args.getConfig<Record<string, unknown>>(), read);
      const props: JsonObject = fromEngine(plain);
      for (const family of FAMILIES) {
        const fixed = family.remediate?.([entry], args.type, props, () => settings.options);
        if (fixed) return toEngine(restoreSecrets(fixed, secrets));
      }
      return undefined;
    },
  };
}

export const notesPolicy: ResourceValidationPolicy = {
  name: NOTES_POLICY,
  description: "Reports, without blocking, the exemptions applied to a resource (with their reasons) and what a server-side apply patch leaves unjudged.",
  enforcementLevel: "advisory",
  severity: "low",
  validateResource: (args, report) => {
    for (const note of takeNotes(args.urn || args.name)) report(note);
  },
};
