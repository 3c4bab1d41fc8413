/**
 * Where in its file a Kubernetes object's finding is: the line and column of the field the
 * finding's path names (`spec.template.spec.containers[1].securityContext.privileged`), found by
 * the decoder that read the file, or of its nearest parent that is written when the field is not
 * (a missing `runAsNonRoot` is reported at the `securityContext` that lacks it, or further up).
 */
import type { SourcePosition } from "../decoding/kubernetes-yaml";
import type { ReviewFinding } from "../rules/review";
import type { CheckerFinding } from "./checked-object";

const STEP = /\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|([^.[\]]+)/g;

/** The keys and indexes of a finding's path: `a.b[1]["c.d/e"]` is a, b, 1, c.d/e. */
export function fieldPathSteps(path: string): Array<string | number> {
  return [...path.matchAll(STEP)].map(([, quoted, index, name]) => (index !== undefined ? Number(index) : (quoted ?? name)!));
}

/** The findings with the line and column of their field; a line the catalogue gives (a Dockerfile's) is kept. */
export function locatedFindings(findings: ReviewFinding[], locate: (path: ReadonlyArray<string | number>) => SourcePosition): CheckerFinding[] {
  return findings.map((finding) => (finding.line === undefined ? { ...finding, ...locate(fieldPathSteps(finding.path)) } : finding));
}
