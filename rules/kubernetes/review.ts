/**
 * Reviewing a plain Kubernetes object (a manifest, a cdk8s ApiObject) against a profile of the
 * catalogue, exemptions applied: what the manifest checker and the cdk8s validations report. The
 * Pulumi pack does the same per policy, because there each rule is its own policy.
 */
import { applyExemptions, type Exemption } from "../exemptions";
import { resolveOptions } from "../options";
import { profileRules, type Profile } from "../profiles";
import type { Finding, RuleOptions, Severity } from "../types";
import type { JsonObject } from "../values";
import { checkExtraction } from "./evaluate";
import { extractPods, resourceRef, type ResourceRef } from "./workloads";

export interface RuleFinding extends Finding {
  rule: string;
  severity: Severity;
}

export interface ObjectReview {
  resource: ResourceRef;
  findings: RuleFinding[];
  /** Exemptions applied, as `<rule>: <reason>`. */
  exemptions: string[];
}

export interface ReviewSettings {
  profile: Profile;
  /** Option values shared by every rule (the profile's level wins for rules that read it). */
  options?: Partial<RuleOptions>;
  exemptions?: Exemption[];
}

/** Every finding of the profile's rules on one object; an object without pod templates has none. */
export function reviewObject(object: JsonObject, settings: ReviewSettings): ObjectReview {
  const extraction = extractPods(object);
  const resource = resourceRef(object);
  const review: ObjectReview = { resource, findings: [], exemptions: [] };
  if (extraction.pods.length === 0 && extraction.problems.length === 0) return review;
  for (const { entry, level } of profileRules(settings.profile)) {
    if (!entry.kubernetes) continue;
    const options = resolveOptions({ ...settings.options, ...(level ? { level } : {}) });
    const found = checkExtraction(entry.kubernetes, extraction, options);
    const { findings, applied } = applyExemptions(entry.meta.id, resource, found, settings.exemptions ?? []);
    review.findings.push(...findings.map((f) => ({ ...f, rule: entry.meta.id, severity: entry.meta.severity })));
    review.exemptions.push(...applied.map((reason) => `${entry.meta.id}: ${reason}`));
  }
  return review;
}
