/**
 * The shipped `--policy-pack-config` files, generated from the catalogue so that a rule added to a
 * Pod Security Standards level is in that level's config by construction. `npm run docs` writes them;
 * a test fails when they are stale.
 * Each is a profile of rules/profiles.ts: its rules mandatory, every other rule disabled.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGUE } from "../rules/catalogue";
import { profileRules, type Profile } from "../rules/profiles";
import type { PssLevel } from "../rules/types";
import { NOTES_POLICY } from "../policypack/policies";

type PolicyConfig = string | { enforcementLevel: string; level?: PssLevel };

/** The profile as a policy config: its rules mandatory, every other rule disabled. */
export function profileConfig(profile: Profile): Record<string, PolicyConfig> {
  const config: Record<string, PolicyConfig> = Object.fromEntries(CATALOGUE.map((entry) => [entry.meta.id, "disabled"]));
  for (const { entry, level } of profileRules(profile)) config[entry.meta.id] = level ? { enforcementLevel: "mandatory", level } : "mandatory";
  config[NOTES_POLICY] = "advisory";
  return config;
}

export const POLICY_CONFIGS: Record<string, () => Record<string, PolicyConfig>> = {
  "pss-baseline.json": () => profileConfig("pss-baseline"),
  "pss-restricted.json": () => profileConfig("pss-restricted"),
  "hardened.json": () => profileConfig("hardened"),
};

export function render(config: Record<string, PolicyConfig>): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

if (require.main === module) {
  const dir = join(__dirname, "..", "..", "policy-config");
  for (const [file, make] of Object.entries(POLICY_CONFIGS)) writeFileSync(join(dir, file), render(make()));
  console.log(`wrote ${Object.keys(POLICY_CONFIGS).map((f) => `policy-config/${f}`).join(", ")}`);
}
