/** Running one Kubernetes rule over a whole object, and hardening an object with a rule's fix. */
import type { Finding, RuleOptions } from "../types";
import { copyTree, type JsonObject } from "../values";
import type { KubernetesRule } from "./rule";
import { extractPods, type Extraction } from "./workloads";

/**
 * Findings of `rule` for an already extracted object. Problems that keep the pod template from
 * being read are reported by every rule: a rule never passes what it could not see.
 */
export function checkExtraction(rule: KubernetesRule, extraction: Extraction, options: RuleOptions): Finding[] {
  return [...extraction.problems, ...extraction.pods.flatMap((pod) => rule.check(pod, options))];
}

/** A hardened copy of `object` (the input is not modified), or undefined when nothing changed. */
export function fixObject(rules: KubernetesRule[], object: JsonObject, options: (rule: KubernetesRule) => RuleOptions, patch = false): JsonObject | undefined {
  const copy = copyTree(object) as JsonObject;
  const extraction = extractPods(copy, { patch });
  let changed = false;
  for (const rule of rules) {
    if (!rule.fix) continue;
    for (const pod of extraction.pods) {
      if (rule.check(pod, options(rule)).some((f) => f.outcome === "violation")) {
        rule.fix(pod, options(rule));
        changed = true;
      }
    }
  }
  return changed ? copy : undefined;
}
