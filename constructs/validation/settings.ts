/**
 * What both cdk8s validations (the chart-level HardeningValidation and the CLI plugin) are
 * configured with, and its resolution into reviewObject's settings. The plugin's properties come
 * from cdk8s.yaml, so they are checked here with messages naming the property.
 */
import type { Exemption } from "../../rules/exemptions";
import type { ReviewSettings } from "../../rules/kubernetes/review";
import { PROFILES, type Profile } from "../../rules/profiles";
import type { RuleOptions } from "../../rules/types";

export interface HardeningSettings {
  /**
   * Which rules apply: `pss-baseline`, `pss-restricted` or `hardened` (every rule of the catalogue).
   * @default "hardened"
   */
  readonly profile?: Profile;
  /** Rule options (allowedCapabilities, minimumId, allowedHostPaths). @default - the catalogue's defaults */
  readonly options?: Partial<RuleOptions>;
  /** Exemptions by namespace, name, kind, labels or container, each with a reason. @default [] */
  readonly exemptions?: Exemption[];
}

export const DEFAULT_PROFILE: Profile = "hardened";

/** reviewObject's settings; throws with the property's name when a value cannot be used. */
export function resolveSettings(settings: HardeningSettings, where: string): ReviewSettings {
  const profile = settings.profile ?? DEFAULT_PROFILE;
  if (!(PROFILES as readonly string[]).includes(profile)) throw new Error(`${where}: profile must be one of ${PROFILES.join(", ")}, got "${String(profile)}".`);
  const exemptions = settings.exemptions ?? [];
  if (!Array.isArray(exemptions)) throw new Error(`${where}: exemptions must be a list.`);
  exemptions.forEach((exemption, i) => {
    if (typeof exemption?.reason !== "string" || exemption.reason.trim() === "") throw new Error(`${where}: exemptions[${i}] needs a reason saying why.`);
  });
  return { profile, options: settings.options ?? {}, exemptions };
}
