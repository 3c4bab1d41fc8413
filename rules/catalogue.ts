/**
 * The catalogue by concept: one entry per public rule ID, with the implementation for each kind of
 * resource the concept applies to. The pack makes one policy per entry and the docs one section, so
 * a user who configures `read-only-root-filesystem` configures it everywhere at once.
 */
import type { PssLevel, RuleMeta } from "./types";
import { KUBERNETES_RULES, type KubernetesRule } from "./kubernetes/index";

export interface CatalogueEntry {
  meta: RuleMeta;
  kubernetes?: KubernetesRule;
}

export const CATALOGUE: readonly CatalogueEntry[] = KUBERNETES_RULES.map((rule) => ({ meta: rule.meta, kubernetes: rule }));

/** The rules a Pod Security Standards level consists of (each rule lists every level it is part of). */
export function pssRules(level: PssLevel): CatalogueEntry[] {
  return CATALOGUE.filter((entry) => entry.meta.pss.includes(level));
}
