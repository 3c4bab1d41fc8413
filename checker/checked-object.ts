/** What the checker reports for each thing it judged: a Kubernetes object, a Compose service or a Dockerfile. */
import type { AppliedExemption, ExemptionTarget } from "../rules/exemptions";
import type { Review, ReviewFinding } from "../rules/review";
import { describeTarget } from "../rules/subject";

/** A finding of the checker: the review's, with where in the file it is when known. */
export interface CheckerFinding extends ReviewFinding {
  /** 1-based, in the object's `file` (or `source`). */
  line?: number;
  /** 1-based, in UTF-16 code units as editors count them; with `line`, for a Kubernetes object's field. */
  column?: number;
}

export interface CheckedObject {
  /** The file (`file#<document>` when it holds several). */
  source: string;
  /** The file the findings' lines count in, when `source` is not just that file (`file#<document>`). */
  file?: string;
  /** What was judged, for people: `Deployment shop/web`, `Compose service web`, `Dockerfile (stage final)`. */
  subject: string;
  target: ExemptionTarget;
  findings: CheckerFinding[];
  exemptions: AppliedExemption[];
  notes: string[];
}

/** The checked object of a review (named after its target unless `subject` says otherwise). */
export function checkedObject(source: string, review: Review, subject = describeTarget(review.subject.target)): CheckedObject {
  return { source, subject, target: review.subject.target, findings: review.findings, exemptions: review.exemptions, notes: review.notes };
}
