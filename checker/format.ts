/** How the checker and the cdk8s validations print a finding: one line a reader can act on. */
import type { RuleFinding } from "../rules/kubernetes/review";
import type { ResourceRef } from "../rules/kubernetes/workloads";

/** `Deployment shop/web` (namespace shown only when set). */
export function describeResource(resource: ResourceRef): string {
  const name = resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name;
  return `${resource.kind || "object"} ${name}`;
}

/** `<path> (container "app"): <message> [rule-id]`, the resource said by the caller. */
export function formatFinding(finding: RuleFinding): string {
  const where = finding.container === undefined ? finding.path : `${finding.path} (container "${finding.container}")`;
  return `${where}: ${finding.message} [${finding.rule}]`;
}
