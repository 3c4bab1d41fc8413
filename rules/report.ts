/** How every surface words a finding in text: one line a reader can act on. */
import type { RuleFinding } from "./review";
import type { Finding } from "./types";

/** `<path>` or `<path> (container "app")`. */
export function findingLocation(finding: Finding): string {
  return finding.container === undefined ? finding.path : `${finding.path} (container "${finding.container}")`;
}

/** `<path> (container "app"): <message> [rule-id]`, the subject said by the caller. */
export function formatFinding(finding: RuleFinding): string {
  return `${findingLocation(finding)}: ${finding.message} [${finding.rule}]`;
}
