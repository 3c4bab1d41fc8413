/**
 * rules/exemptions.ts in CEL: which of one rule's findings on the object are exempt. Two variables
 * of the policy: `exemptAll` (the whole object: a configured exemption without a container, or an
 * annotation entry naming the rule or `*`) and `exemptContainers` (the container names of
 * configured exemptions with a container and of `rule/container` annotation entries). An annotation
 * counts only with a non-blank container-hardening.io/exempt-reason, as the pack honours it.
 */
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION, type Exemption } from "../rules/exemptions";
import { literal } from "./cel";

/** Every selector of the exemption matches the object (the container is matched per finding). */
function selects(exemption: Exemption): string {
  const terms: string[] = [];
  if (exemption.namespace !== undefined) terms.push(`request.namespace == ${literal(exemption.namespace)}`);
  if (exemption.name !== undefined) terms.push(`object.metadata.?name.orValue('') == ${literal(exemption.name)}`);
  if (exemption.kind !== undefined) terms.push(`object.kind == ${literal(exemption.kind)}`);
  for (const [key, value] of Object.entries(exemption.labels ?? {})) terms.push(`object.metadata.?labels[?${literal(key)}].orValue('') == ${literal(value)}`);
  return terms.length === 0 ? "true" : terms.join(" && ");
}

/** The entries of the exemption annotation, trimmed, when a reason is given; otherwise none. */
export const ANNOTATION_ENTRIES = `object.metadata.?annotations[?${literal(EXEMPT_REASON_ANNOTATION)}].orValue('').trim() != '' ? object.metadata.?annotations[?${literal(EXEMPT_ANNOTATION)}].orValue('').split(',').map(e, e.trim()).filter(e, e != '') : []`;

/** An entry's rule part (before the first `/`), for `e`. */
const ENTRY_RULE = "(e.indexOf('/') < 0 ? e : e.substring(0, e.indexOf('/')).trim())";

export function exemptAllCel(rule: string, exemptions: readonly Exemption[]): string {
  const configured = exemptions.filter((e) => e.container === undefined).map((e) => `(${selects(e)})`);
  const annotated = `variables.annotationEntries.exists(e, e.indexOf('/') < 0 && (e == ${literal(rule)} || e == '*'))`;
  return [...configured, annotated].join(" || ");
}

export function exemptContainersCel(rule: string, exemptions: readonly Exemption[]): string {
  const configured = exemptions.filter((e) => e.container !== undefined).map((e) => `(${selects(e)} ? [${literal(e.container!)}] : [])`);
  const annotated = `variables.annotationEntries.filter(e, e.indexOf('/') >= 0 && ${ENTRY_RULE} in [${literal(rule)}, '*']).map(e, e.substring(e.indexOf('/') + 1).trim())`;
  return [...configured, annotated].join(" + ");
}
