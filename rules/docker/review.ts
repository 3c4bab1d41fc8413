/** Running the Docker rules over one resource's inputs, and hardening them with the rules' fixes. */
import type { Finding, RuleOptions } from "../types";
import { copyTree, type JsonObject } from "../values";
import type { DockerRule } from "./rule";
import { dockerSubject } from "./subject";

/** The rule's findings for a resource of `type`, or undefined when the type carries no container. */
export function checkDockerResource(rule: DockerRule, type: string, name: string, props: JsonObject, options: RuleOptions): Finding[] | undefined {
  const subject = dockerSubject(type, name, props);
  return subject ? rule.check(subject, options) : undefined;
}

/** A hardened copy of `props` (the input is not modified), or undefined when nothing changed. */
export function fixDockerResource(rules: readonly DockerRule[], type: string, props: JsonObject, options: (rule: DockerRule) => RuleOptions): JsonObject | undefined {
  const copy = copyTree(props) as JsonObject;
  const subject = dockerSubject(type, "", copy);
  if (!subject) return undefined;
  let changed = false;
  for (const rule of rules) {
    if (rule.fix && rule.check(subject, options(rule)).some((f) => f.outcome === "violation")) {
      rule.fix(subject, options(rule));
      changed = true;
    }
  }
  return changed ? copy : undefined;
}
