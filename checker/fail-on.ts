/**
 * `--fail-on <level>`: which findings make the run fail (exit code 1). Every finding by default, as
 * before the option existed; `mandatory` only those of rules enforced as mandatory (or remediate),
 * so that advisory rules report without blocking, as they do in the pack; a severity only findings
 * of rules at least that severe. Unreadable inputs fail with exit code 2 whatever this says.
 */
import type { Severity } from "../rules/types";
import type { CheckerFinding } from "./checked-object";

const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];

export const FAIL_ON = ["any", "advisory", "mandatory", ...SEVERITIES] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function isFailOn(value: string): value is FailOn {
  return (FAIL_ON as readonly string[]).includes(value);
}

/** Whether the finding fails the run at this `--fail-on` level. */
export function fails(finding: CheckerFinding, failOn: FailOn): boolean {
  switch (failOn) {
    case "any":
    case "advisory":
      return true;
    case "mandatory":
      return finding.enforcement === "mandatory";
    default:
      return SEVERITIES.indexOf(finding.severity) >= SEVERITIES.indexOf(failOn);
  }
}
