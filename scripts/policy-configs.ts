/**
 * The shipped `--policy-pack-config` files, generated from the catalogue so that a rule added to a
 * Pod Security Standards level is in that level's config by construction. `npm run docs` writes them;
 * a test fails when they are stale.
 * - pss-baseline / pss-restricted: exactly the rules of that level, mandatory, each rule whose control
 *   differs between levels set to that level; every other rule disabled.
 * - hardened: every rule mandatory, at the restricted level.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGUE, type CatalogueEntry } from "../rules/catalogue";
import type { PssLevel } from "../rules/types";
import { NOTES_POLICY } from "../policypack/policies";

type PolicyConfig = string | { enforcementLevel: string; level?: PssLevel };

function enabled(entry: CatalogueEntry, level: PssLevel): PolicyConfig {
  return entry.meta.options.includes("level") ? { enforcementLevel: "mandatory", level } : "mandatory";
}

export function pssConfig(level: PssLevel): Record<string, PolicyConfig> {
  const config: Record<string, PolicyConfig> = {};
  for (const entry of CATALOGUE) config[entry.meta.id] = entry.meta.pss.includes(level) ? enabled(entry, level) : "disabled";
  config[NOTES_POLICY] = "advisory";
  return config;
}

export function hardenedConfig(): Record<string, PolicyConfig> {
  const config: Record<string, PolicyConfig> = {};
  for (const entry of CATALOGUE) config[entry.meta.id] = enabled(entry, "restricted");
  config[NOTES_POLICY] = "advisory";
  return config;
}

export const POLICY_CONFIGS: Record<string, () => Record<string, PolicyConfig>> = {
  "pss-baseline.json": () => pssConfig("baseline"),
  "pss-restricted.json": () => pssConfig("restricted"),
  "hardened.json": hardenedConfig,
};

export function render(config: Record<string, PolicyConfig>): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

if (require.main === module) {
  const dir = join(__dirname, "..", "..", "policy-config");
  for (const [file, make] of Object.entries(POLICY_CONFIGS)) writeFileSync(join(dir, file), render(make()));
  console.log(`wrote ${Object.keys(POLICY_CONFIGS).map((f) => `policy-config/${f}`).join(", ")}`);
}
