/**
 * One Pulumi policy per catalogue entry, plus the advisory notes policy. The policies stay thin: they
 * read the raw inputs, find the resource family, run the catalogue and report.
 */
import type { EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { applyExemptions } from "../rules/exemptions";
import type { CatalogueEntry } from "../rules/catalogue";
import type { Finding } from "../rules/types";
import { FAMILIES } from "./families";
import { addNote, takeNotes } from "./notes";
import { isPreview, NotKnownAtPreview } from "./preview";
import { restoreSecrets, unwrapped, withoutSecrets } from "./raw-inputs";
import { configSchema, readSettings } from "./settings";

export const NOTES_POLICY = "exemptions-and-notes";

/** PSS controls block by default; the extra hardening rules advise until a config raises them. */
export function defaultLevel(entry: CatalogueEntry): EnforcementLevel {
  return entry.meta.pss.length > 0 ? "mandatory" : "advisory";
}

function describeFinding(subject: string, finding: Finding): string {
  // Unknown-value messages already start with the path.
  if (finding.outcome === "unknown") return `${subject}: ${finding.message}`;
  const where = finding.container === undefined ? finding.path : `${finding.path} (container "${finding.container}")`;
  return `${subject}: ${where}: ${finding.message}`;
}

function validate(entry: CatalogueEntry, args: ResourceValidationArgs, report: ReportViolation): void {
  const props = unwrapped(args.props);
  const settings = readSettings(entry.meta, args.getConfig<Record<string, unknown>>());
  const key = args.urn || args.name;
  for (const family of FAMILIES) {
    const evaluation = family.evaluate(entry, args.type, args.name, props, settings.options);
    if (!evaluation) continue;
    const { findings, applied } = applyExemptions(entry.meta.id, evaluation.ref, evaluation.findings, settings.exemptions);
    for (const reason of applied) addNote(key, `${evaluation.subject}: ${entry.meta.id} ${reason}`);
    if (evaluation.patch) {
      addNote(key, `${evaluation.subject} is a server-side apply patch: values it sets are judged, required values it leaves out are not (they belong to the object it patches, judged where that is defined).`);
    }
    const unknown = findings.filter((f) => f.outcome === "unknown");
    const preview = isPreview();
    for (const finding of findings) {
      if (finding.outcome === "violation" || !preview) report(describeFinding(evaluation.subject, finding));
    }
    if (preview && unknown.length > 0) {
      throw new NotKnownAtPreview(unknown.map((f) => describeFinding(evaluation.subject, f)).join("\n"));
    }
  }
}

export function rulePolicy(entry: CatalogueEntry): ResourceValidationPolicy {
  const { meta } = entry;
  return {
    name: meta.id,
    description: `${meta.title}. ${meta.description}`,
    enforcementLevel: defaultLevel(entry),
    severity: meta.severity,
    remediationSteps: meta.remediation,
    configSchema: configSchema(meta),
    validateResource: (args, report) => validate(entry, args, report),
    remediateResource: (args) => {
      const { plain, secrets } = withoutSecrets(unwrapped(args.props));
      const settings = readSettings(meta, args.getConfig<Record<string, unknown>>());
      for (const family of FAMILIES) {
        const fixed = family.remediate?.([entry], args.type, plain, () => settings.options);
        if (fixed) return restoreSecrets(fixed, secrets);
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
