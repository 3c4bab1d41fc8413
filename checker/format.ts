/** How the checker and the cdk8s validations print a finding: one line a reader can act on. */
import type { RuleFinding } from "../rules/kubernetes/review";
import type { ResourceRef } from "../rules/kubernetes/workloads";

/** A finding of the checker: a rule's finding, with the line of the file it is about when known (Dockerfiles). */
export interface CheckerFinding extends RuleFinding {
  line?: number;
}

/** One thing the checker judged: a Kubernetes object, a Compose service or a Dockerfile. */
export interface CheckedObject {
  /** The file (`file#<document>` when it holds several). */
  source: string;
  /** What was judged, for people: `Deployment shop/web`, `Compose service web`, `Dockerfile (stage final)`. */
  subject: string;
  resource: ResourceRef;
  findings: CheckerFinding[];
  /** Exemptions applied, as `<rule>: <reason>`. */
  exemptions: string[];
}

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
