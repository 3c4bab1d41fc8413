/** Hardening a Docker container's settings with the rules' fixes (the pack's `remediate` level). */
import type { RuleOptions } from "../types";
import { copyTree, type JsonObject } from "../values";
import type { DockerRule } from "./rule";
import { dockerSubject } from "./subject";

/** A hardened copy of a docker.Container's or docker.Service's inputs (the input is not modified), or undefined when nothing changed. */
export function fixDockerContainer(rules: readonly DockerRule[], kind: "Container" | "Service", props: JsonObject, options: (rule: DockerRule) => RuleOptions): JsonObject | undefined {
  const copy = copyTree(props) as JsonObject;
  const subject = dockerSubject(kind, "", copy);
  let changed = false;
  for (const rule of rules) {
    if (rule.fix && rule.check(subject, options(rule)).some((f) => f.outcome === "violation")) {
      rule.fix(subject, options(rule));
      changed = true;
    }
  }
  return changed ? copy : undefined;
}
