/**
 * The three ways the catalogue is switched on, by name, for every enforcement point: the pack's
 * shipped configs, the cdk8s validation and the manifest checker.
 * - pss-baseline / pss-restricted: exactly the rules of that Pod Security Standards level, each rule
 *   whose control differs between levels set to that level;
 * - hardened: every rule, at the restricted level.
 */
import { CATALOGUE, type CatalogueEntry } from "./catalogue";
import { NOTES_POLICY } from "./exemptions";
import type { PssLevel } from "./types";

export const PROFILES = ["pss-baseline", "pss-restricted", "hardened"] as const;
export type Profile = (typeof PROFILES)[number];

export interface ProfileRule {
  entry: CatalogueEntry;
  /** The level option, for rules that read it. */
  level?: PssLevel;
}

function withLevel(entry: CatalogueEntry, level: PssLevel): ProfileRule {
  return entry.meta.options.includes("level") ? { entry, level } : { entry };
}

/** The rules a profile turns on, in catalogue order. */
export function profileRules(profile: Profile): ProfileRule[] {
  if (profile === "hardened") return CATALOGUE.map((entry) => withLevel(entry, "restricted"));
  const level: PssLevel = profile === "pss-baseline" ? "baseline" : "restricted";
  return CATALOGUE.filter((entry) => entry.meta.pss.includes(level)).map((entry) => withLevel(entry, level));
}

/** A policy config entry: a level, or a level with the options the rule reads. */
export type PolicyConfigEntry = string | { enforcementLevel: string; level?: PssLevel };

/**
 * The profile as a `--policy-pack-config` document: its rules mandatory, every other rule disabled
 * (what policy-config/<profile>.json holds; rules/configuration.ts reads it for the other surfaces).
 */
export function profileConfig(profile: Profile): Record<string, PolicyConfigEntry> {
  const config: Record<string, PolicyConfigEntry> = Object.fromEntries(CATALOGUE.map((entry) => [entry.meta.id, "disabled"]));
  for (const { entry, level } of profileRules(profile)) config[entry.meta.id] = level ? { enforcementLevel: "mandatory", level } : "mandatory";
  config[NOTES_POLICY] = "advisory";
  return config;
}
