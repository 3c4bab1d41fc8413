/**
 * The shipped `--policy-pack-config` files, generated from the catalogue so that a rule added to a
 * Pod Security Standards level is in that level's config by construction. `npm run docs` writes them;
 * a test fails when they are stale.
 * Each is a profile of rules/profiles.ts (profileConfig): its rules mandatory, every other rule disabled.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { profileConfig, type PolicyConfigEntry } from "../rules/profiles";

type PolicyConfig = PolicyConfigEntry;

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
