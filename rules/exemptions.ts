/**
 * Exemptions: explicit, visible and reasoned. Two sources:
 * - configuration: a list of matchers (namespace, name, labels, kind, container) with a reason;
 * - an annotation on the Kubernetes object itself:
 *     container-hardening.io/exempt: "rule-a,rule-b/sidecar"   ("*" for every rule)
 *     container-hardening.io/exempt-reason: "why"
 *   An entry `rule/container` exempts only that container's findings (a container name cannot hold
 *   a `/`), so loosening one container does not loosen the others, nor the pod-level settings.
 *   An annotation without a reason is not honoured, and the findings say so.
 */
import type { Finding } from "./types";

/** Where applied exemptions and notes are reported: the pack's advisory policy of that name. */
export const NOTES_POLICY = "exemptions-and-notes";

export const EXEMPT_ANNOTATION = "container-hardening.io/exempt";
export const EXEMPT_REASON_ANNOTATION = "container-hardening.io/exempt-reason";

/**
 * What exemptions match on, whatever was reviewed: a Kubernetes object, a Docker container or
 * service of a Pulumi stack, a Compose service, an image build. Docker resources and Compose
 * services carry their labels both as `labels` and as `annotations` (they have no annotations), so
 * the exemption annotation is written as a label there.
 */
export interface ExemptionTarget {
  /** `Deployment`, `Container`, `Compose service`, ... */
  kind: string;
  name: string;
  /** Kubernetes only; an object without one is in "default". */
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface Exemption {
  /** Every field given must match. A field left out matches anything. */
  namespace?: string;
  name?: string;
  kind?: string;
  labels?: Record<string, string>;
  /** Only findings about this container are exempt. */
  container?: string;
  reason: string;
}

/** An exemption that took findings away, for the output. */
export interface AppliedExemption {
  rule: string;
  source: "configuration" | "annotation";
  reason: string;
}

export interface ExemptionOutcome {
  /** Findings still to report (exempt ones removed, plus a note for a reason-less annotation). */
  findings: Finding[];
  applied: AppliedExemption[];
}

/** `exempted by annotation container-hardening.io/exempt: <reason>`. */
export function describeExemption(exemption: AppliedExemption): string {
  return exemption.source === "annotation" ? `exempted by annotation ${EXEMPT_ANNOTATION}: ${exemption.reason}` : `exempted by configuration: ${exemption.reason}`;
}

/** Whether every field the exemption gives matches the target (a container is matched per finding). */
export function matches(exemption: Exemption, resource: ExemptionTarget): boolean {
  if (exemption.namespace !== undefined && exemption.namespace !== (resource.namespace ?? "default")) return false;
  if (exemption.name !== undefined && exemption.name !== resource.name) return false;
  if (exemption.kind !== undefined && exemption.kind !== resource.kind) return false;
  for (const [key, value] of Object.entries(exemption.labels ?? {})) {
    if (resource.labels[key] !== value) return false;
  }
  return true;
}

/** One entry of the exemption annotation: a rule (or "*"), for the whole object or one container. */
interface AnnotatedExemption {
  rule: string;
  container?: string;
}

function annotatedExemptions(resource: ExemptionTarget): AnnotatedExemption[] {
  const value = resource.annotations[EXEMPT_ANNOTATION];
  if (value === undefined) return [];
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const slash = entry.indexOf("/");
      return slash < 0 ? { rule: entry } : { rule: entry.slice(0, slash).trim(), container: entry.slice(slash + 1).trim() };
    });
}

/** Applies configured and annotated exemptions for one rule to its findings on one resource. */
export function applyExemptions(ruleId: string, resource: ExemptionTarget, findings: Finding[], configured: readonly Exemption[]): ExemptionOutcome {
  if (findings.length === 0) return { findings, applied: [] };
  const applied: AppliedExemption[] = [];
  let remaining = findings;
  for (const exemption of configured) {
    if (!matches(exemption, resource)) continue;
    const before = remaining.length;
    remaining = remaining.filter((f) => exemption.container !== undefined && f.container !== exemption.container);
    if (remaining.length < before) applied.push({ rule: ruleId, source: "configuration", reason: exemption.reason });
  }
  const annotated = annotatedExemptions(resource).filter((entry) => entry.rule === ruleId || entry.rule === "*");
  const covered = (f: Finding) => annotated.some((entry) => entry.container === undefined || entry.container === f.container);
  if (remaining.some(covered)) {
    const reason = resource.annotations[EXEMPT_REASON_ANNOTATION]?.trim();
    if (reason) {
      applied.push({ rule: ruleId, source: "annotation", reason });
      remaining = remaining.filter((f) => !covered(f));
    } else {
      remaining = remaining.map((f) =>
        covered(f) ? { ...f, message: `${f.message} (The annotation ${EXEMPT_ANNOTATION} names this rule but is not honoured: add ${EXEMPT_REASON_ANNOTATION} saying why.)` } : f,
      );
    }
  }
  return { findings: remaining, applied };
}
