/**
 * Test helpers: run a Kubernetes rule over YAML exactly as a user would write it. A value unknown at
 * preview is written as the engine sends it (UNKNOWN, its sentinel string), and reaches the rules as
 * the pack hands it over: the catalogue's unknown value (policypack/engine-values.ts).
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { readSettings, type HardeningSettings } from "../../rules/configuration";
import { checkExtraction, extractPods, fixObject, resourceRef, type KubernetesRule } from "../../rules/kubernetes/index";
import { resolveOptions } from "../../rules/options";
import { review, type Review } from "../../rules/review";
import { kubernetesSubject } from "../../rules/subject";
import type { Finding, RuleOptions } from "../../rules/types";
import type { JsonObject } from "../../rules/values";
import { fromEngine } from "../../policypack/engine-values";

/** The engine's sentinel for a value unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function parseObject(yaml: string): JsonObject {
  return parse(yaml) as JsonObject;
}

export function check(rule: KubernetesRule, yaml: string | JsonObject, options: Partial<RuleOptions> = {}, patch = false): Finding[] {
  const object = fromEngine(typeof yaml === "string" ? parseObject(yaml) : yaml);
  return checkExtraction(rule, extractPods(object, { patch }), resolveOptions(options));
}

/** Asserts the rule passes the object (no finding of any outcome). */
export function assertPasses(rule: KubernetesRule, yaml: string | JsonObject, options: Partial<RuleOptions> = {}): void {
  assert.deepEqual(check(rule, yaml, options), []);
}

/**
 * Asserts the rule reports exactly the given violations, each as [path, container] (container
 * undefined for pod-level findings), in order.
 */
export function assertViolations(rule: KubernetesRule, yaml: string | JsonObject, expected: Array<[string, string | undefined]>, options: Partial<RuleOptions> = {}): Finding[] {
  const findings = check(rule, yaml, options);
  assert.deepEqual(
    findings.map((f) => [f.outcome, f.path, f.container]),
    expected.map(([path, container]) => ["violation", path, container]),
    findings.map((f) => f.message).join("\n"),
  );
  return findings;
}

/** Asserts the rule's fix makes a failing object pass, and returns the fixed object. */
export function assertFixes(rule: KubernetesRule, yaml: string, options: Partial<RuleOptions> = {}): JsonObject {
  const object = parseObject(yaml);
  assert.notDeepEqual(check(rule, object, options), [], "the object should fail before the fix");
  const fixed = fixObject([rule], fromEngine(object), () => resolveOptions(options));
  assert.ok(fixed, "the fix changed nothing");
  assert.deepEqual(check(rule, fixed, options), []);
  return fixed;
}

/** The catalogue's review of one Kubernetes object under the given settings (as the checker and the cdk8s validations make it). */
export function reviewObject(object: JsonObject, settings: HardeningSettings = {}): Review {
  const subject = kubernetesSubject(fromEngine(object));
  const configuration = readSettings(settings, "test settings");
  return subject ? review(subject, configuration) : { subject: { family: "kubernetes", target: resourceRef(object), extraction: { pods: [], problems: [] }, notes: [] }, findings: [], exemptions: [], notes: [] };
}
