/**
 * Loosened defaults made visible: the rules a construct's props let go of, written as the
 * exemption annotations rules/exemptions.ts honours, so the pack, the checker and the cdk8s
 * validations report "exempted by annotation: <reason>" instead of passing silently. A container's
 * loosening is written `rule/container`, so that it exempts that container alone. Annotations the
 * user wrote are kept and merged (entries united, reasons joined).
 */
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION } from "../../rules/exemptions";
import type { ResolvedLoosening } from "./defaults";

/** The object's annotations with the loosenings' exemptions added. */
export function withExemptions(annotations: Record<string, string> | undefined, loosenings: ResolvedLoosening[]): Record<string, string> | undefined {
  if (loosenings.length === 0) return annotations;
  const given = annotations?.[EXEMPT_ANNOTATION]?.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "") ?? [];
  const rules = [...new Set([...given, ...loosenings.map((l) => (l.container === undefined ? l.rule : `${l.rule}/${l.container}`))])];
  const reasons = [annotations?.[EXEMPT_REASON_ANNOTATION], ...loosenings.map((l) => `${l.rule}: ${l.reason}`)].filter((r) => r !== undefined && r.trim() !== "");
  return { ...annotations, [EXEMPT_ANNOTATION]: rules.join(","), [EXEMPT_REASON_ANNOTATION]: reasons.join("; ") };
}
