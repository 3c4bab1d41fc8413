/**
 * Exemptions that match none of the objects a validation sees. Where the whole input is known (a
 * chart, a synthesized app), such an exemption is a typo (`name: "wbe"`) or a leftover, and
 * silently keeping it would hide the day it starts matching something else.
 */
import type { Configuration } from "../../rules/configuration";
import { matches, type ExemptionTarget } from "../../rules/exemptions";

/** One message per configured exemption that matches no target, naming it. */
export function unmatchedExemptions(configuration: Configuration, targets: readonly ExemptionTarget[]): string[] {
  const seen = new Set<object>();
  const problems: string[] = [];
  for (const { exemptions, enforcement } of configuration.rules) {
    if (enforcement === "disabled") continue;
    for (const exemption of exemptions) {
      // An exemption given for every rule is one object shared by all of them: report it once.
      if (seen.has(exemption)) continue;
      seen.add(exemption);
      if (!targets.some((target) => matches(exemption, target))) {
        problems.push(`the exemption ${JSON.stringify(exemption)} matches no object: check its namespace, name, kind and labels, or remove it.`);
      }
    }
  }
  return problems;
}
