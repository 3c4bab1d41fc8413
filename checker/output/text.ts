/**
 * The checker's text output: one line per finding, exemption and note (stdout), then the findings
 * counted by rule and a closing summary. Unreadable inputs go to stderr, one line each.
 */
import { describeExemption } from "../../rules/exemptions";
import { formatFinding } from "../../rules/report";
import type { CheckedObject, CheckerFinding } from "../checked-object";
import { renderAdvice } from "../repository-walk";
import { count, countObjects } from "./count";

/** `source`, `file:line:column`, or `source (file:line:column)` when the source is not the file (a helm template read from stdin). */
function place({ source, file }: CheckedObject, finding: CheckerFinding): string {
  if (finding.line === undefined) return source;
  const position = `${file}:${finding.line}${finding.column === undefined ? "" : `:${finding.column}`}`;
  return source.startsWith(file) ? position : `${source} (${position})`;
}

/** `no-privileged: 3 findings in 2 Kubernetes objects`, one line per rule that found something, in the order first found. */
export function ruleSummary(objects: readonly CheckedObject[]): string[] {
  const byRule = new Map<string, { findings: number; objects: CheckedObject[] }>();
  for (const object of objects) {
    for (const finding of object.findings) {
      const tally = byRule.get(finding.rule) ?? { findings: 0, objects: [] };
      tally.findings++;
      if (!tally.objects.includes(object)) tally.objects.push(object);
      byRule.set(finding.rule, tally);
    }
  }
  return [...byRule].map(([rule, tally]) => `${rule}: ${count(tally.findings, "finding")} in ${countObjects(tally.objects)}`);
}

export interface TextReport {
  objects: readonly CheckedObject[];
  errors: readonly string[];
  /** What was read, but maybe not as its author meant (a duplicate key), `file:line:column: message`. */
  warnings: readonly string[];
  skipped: readonly string[];
  /** Helm charts found by walking, left to `helm template`. */
  charts: readonly string[];
  profile: string;
  /** What `--fail-on` lets through, when it is not every finding: `2 fail the run (--fail-on mandatory)`. */
  failing?: string;
}

/** The lines for stdout and for stderr. */
export function textReport({ objects, errors, warnings, skipped, charts, profile, failing }: TextReport): { out: string[]; err: string[] } {
  const out: string[] = [];
  for (const object of objects) {
    const { source, subject, findings, exemptions, notes } = object;
    for (const finding of findings) out.push(`${place(object, finding)}: ${subject}: ${formatFinding(finding)}`);
    for (const exemption of exemptions) out.push(`${source}: ${subject}: note: ${exemption.rule}: ${describeExemption(exemption)}`);
    for (const note of notes) out.push(`${source}: ${subject}: note: ${note}`);
  }
  const byRule = ruleSummary(objects);
  if (byRule.length > 0) out.push("", "Findings by rule:", ...byRule.map((line) => `  ${line}`), "");
  const findings = objects.reduce((sum, object) => sum + object.findings.length, 0);
  const unreadable = errors.length ? `, ${count(errors.length, "unreadable input")}` : "";
  const others = skipped.length ? `; ${skipped.length} skipped, neither Kubernetes objects nor Compose files (${skipped.slice(0, 3).join(", ")}${skipped.length > 3 ? ", ..." : ""})` : "";
  const unrendered = charts.length ? `; ${count(charts.length, "Helm chart")} not rendered` : "";
  out.push(...charts.map((chart) => `container-hardening: note: ${renderAdvice(chart)}`));
  out.push(`${countObjects(objects)} checked against ${profile}: ${count(findings, "finding")}${failing ? ` (${failing})` : ""}${unreadable}${others}${unrendered}.`);
  const err = [...warnings.map((warning) => `container-hardening: warning: ${warning}`), ...errors.map((error) => `container-hardening: ${error}`)];
  return { out, err };
}
