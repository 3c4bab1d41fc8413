/**
 * container-hardening/policies: the catalogue's policies for organisations that build their own pack,
 * the way Pulumi's compliance policies are composed:
 *
 *   import { PolicyPack } from "@pulumi/policy";
 *   import { hardeningPolicies } from "container-hardening/policies";
 *   new PolicyPack("acme", { policies: [...hardeningPolicies({ profile: "pss-restricted" }), ...ours] });
 *
 * `profile`, `config` (the --policy-pack-config format), `options` and `exemptions` set each policy's
 * default level, options and exemptions (rules/configuration.ts, the reader every surface uses);
 * config from the engine (Pulumi Cloud policy groups, --policy-pack-config) still overrides them.
 * The notes policy (`exemptions-and-notes`, which reports applied exemptions) comes last: the SDK runs
 * a resource's policies in order, and it reports what the rule policies before it noted. Use the
 * same @pulumi/policy as this package (1.21.0), so that secrets and the shared deserialization of a
 * request's properties work across both.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { defaultConfiguration, readSettings, type HardeningSettings } from "../rules/configuration";
import { notesPolicy, rulePolicy } from "./policies";

export type { HardeningSettings } from "../rules/configuration";

/** Every rule of the catalogue as a policy (disabled ones at level "disabled"), then the notes policy. */
export function hardeningPolicies(settings?: HardeningSettings): ResourceValidationPolicy[] {
  const configuration = settings === undefined ? defaultConfiguration() : readSettings(settings, "hardeningPolicies");
  return [...configuration.rules.map(rulePolicy), notesPolicy];
}
