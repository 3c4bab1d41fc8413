/**
 * The one review path: subject → rules → options → exemptions → structured findings. The pack, the
 * checker, the cdk8s validations and the cdk8s CLI plugin all call it, and only translate at their
 * edges (inputs in, output out). The pack, where each rule is its own policy, asks for one rule's
 * share at a time (`reviewRule`); everyone else reviews a subject against a whole configuration.
 */
import type { CatalogueEntry } from "./catalogue";
import type { Configuration, RuleSettings } from "./configuration";
import { applyExemptions, type AppliedExemption } from "./exemptions";
import { checkExtraction } from "./kubernetes/evaluate";
import type { Subject } from "./subject";
import type { Finding, RuleOptions, Severity } from "./types";

/** A finding with the rule that made it and how much it matters. */
export interface RuleFinding extends Finding {
  rule: string;
  severity: Severity;
}

/** A finding of a configured review: with the level it is enforced at. */
export interface ReviewFinding extends RuleFinding {
  /** `remediate` counts as `mandatory`: a violation left after remediation blocks. */
  enforcement: "advisory" | "mandatory";
}

export interface RuleReview {
  findings: RuleFinding[];
  exemptions: AppliedExemption[];
}

export interface Review {
  subject: Subject;
  findings: ReviewFinding[];
  exemptions: AppliedExemption[];
  /** The subject's notes, when any rule applied to it. */
  notes: string[];
}

/** The rule's findings for the subject, or undefined when the rule has nothing to say about its family. */
export function checkRule(entry: CatalogueEntry, subject: Subject, options: RuleOptions): Finding[] | undefined {
  switch (subject.family) {
    case "kubernetes":
      return entry.kubernetes && checkExtraction(entry.kubernetes, subject.extraction, options);
    case "docker":
      return entry.docker?.check(subject.container, options);
    case "image":
      return entry.docker?.image?.(subject.build, options);
  }
}

const NOTHING: RuleReview = Object.freeze({ findings: [], exemptions: [] });

/**
 * One rule's share of a subject's review, exemptions applied (undefined when the rule does not
 * apply to the subject). The enforcement level is the caller's: the pack's engine applies its own.
 */
export function reviewRule(subject: Subject, settings: Omit<RuleSettings, "enforcement">): RuleReview | undefined {
  const { meta } = settings.entry;
  const found = checkRule(settings.entry, subject, settings.options);
  if (found === undefined) return undefined;
  if (found.length === 0) return NOTHING;
  const { findings, applied } = applyExemptions(meta.id, subject.target, found, settings.exemptions);
  return { findings: findings.map((finding) => ({ ...finding, rule: meta.id, severity: meta.severity })), exemptions: applied };
}

/** Every enabled rule of the configuration over one subject. */
export function review(subject: Subject, configuration: Configuration): Review {
  const out: Review = { subject, findings: [], exemptions: [], notes: [] };
  let applies = false;
  for (const settings of configuration.rules) {
    if (settings.enforcement === "disabled") continue;
    const share = reviewRule(subject, settings);
    if (!share) continue;
    applies = true;
    const enforcement = settings.enforcement === "advisory" ? "advisory" : "mandatory";
    out.findings.push(...share.findings.map((finding) => ({ ...finding, enforcement }) as ReviewFinding));
    out.exemptions.push(...share.exemptions);
  }
  if (applies) out.notes.push(...subject.notes);
  return out;
}
