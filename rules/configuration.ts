/**
 * The one reader of configuration, for every enforcement point: which rules run at which
 * enforcement level, with which options and exemptions. Its input is the format Pulumi uses for
 * `--policy-pack-config` files and Pulumi Cloud policy groups —
 *   { "all": "<level>", "<rule>": "<level>" | { "enforcementLevel": "<level>", <options>, "exemptions": [...] } }
 * — or, for the checker, the cdk8s validations and the admission generator, a profile with shared
 * options and exemptions on top. Anything it cannot use is refused with a ConfigError naming where
 * and the field: an unknown key, an option of the wrong type, an exemption without a reason, or one
 * that selects nothing (it would exempt every object; switch the rule off instead).
 */
import { CATALOGUE, type CatalogueEntry } from "./catalogue";
import { NOTES_POLICY, type Exemption } from "./exemptions";
import { OPTION_SCHEMAS, resolveOptions } from "./options";
import { PROFILES, profileConfig, type Profile } from "./profiles";
import type { OptionName, RuleMeta, RuleOptions } from "./types";
import { isObject, show } from "./values";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** Configuration that cannot be used; the message names where it was given and the field. */
export class ConfigError extends Error {
  constructor(where: string, field: string, problem: string) {
    super(`${where}: ${field} ${problem}`);
    this.name = "ConfigError";
  }
}

/** How one rule runs. */
export interface RuleSettings {
  entry: CatalogueEntry;
  enforcement: EnforcementLevel;
  options: RuleOptions;
  exemptions: readonly Exemption[];
}

/** Every rule of the catalogue, in catalogue order, with how it runs (disabled ones included). */
export interface Configuration {
  rules: readonly RuleSettings[];
}

/** The pack's default: Pod Security Standards controls block, the extra hardening rules advise. */
export function defaultEnforcement(meta: RuleMeta): EnforcementLevel {
  return meta.pss.length > 0 ? "mandatory" : "advisory";
}

const SELECTORS = ["namespace", "name", "kind", "labels", "container"] as const;

/** JSON schema (draft 7) of an exemption list, as the pack declares it to Pulumi. */
export const EXEMPTIONS_SCHEMA = {
  type: "array",
  description: "Resources or containers this rule does not apply to, each with the reason it is accepted. Every field given must match; at least one of namespace, name, kind, labels or container must be given.",
  default: [],
  items: {
    type: "object",
    additionalProperties: false,
    required: ["reason"],
    minProperties: 2,
    properties: {
      namespace: { type: "string", description: "Kubernetes namespace (objects without one are in \"default\")." },
      name: { type: "string", description: "Kubernetes object name, Pulumi resource name, or Compose service name." },
      kind: { type: "string", description: "Kubernetes kind (e.g. DaemonSet), or Container, Service, Compose service." },
      labels: { type: "object", additionalProperties: { type: "string" }, description: "Labels the object must carry." },
      container: { type: "string", description: "Only findings about this container are exempt." },
      reason: { type: "string", minLength: 1, description: "Why this exemption is accepted; shown in the output." },
    },
  },
} as const;

/** The JSON schema of one rule's properties (its options and exemptions). */
export function ruleConfigSchema(meta: RuleMeta): { properties: Record<string, object> } {
  const properties: Record<string, object> = { exemptions: EXEMPTIONS_SCHEMA };
  for (const option of meta.options) properties[option] = OPTION_SCHEMAS[option];
  return { properties };
}

function stringList(where: string, field: string, value: unknown, pattern: RegExp, expected: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(where, field, `must be a list of ${expected}, got ${show(value)}`);
  value.forEach((entry, i) => {
    if (typeof entry !== "string" || !pattern.test(entry)) throw new ConfigError(where, `${field}[${i}]`, `must be ${expected}, got ${show(entry)}`);
  });
  return value as string[];
}

const OPTION_READERS: Record<OptionName, (where: string, field: string, value: unknown) => RuleOptions[OptionName]> = {
  level(where, field, value) {
    if (value !== "baseline" && value !== "restricted") throw new ConfigError(where, field, `must be "baseline" or "restricted", got ${show(value)}`);
    return value;
  },
  allowedCapabilities: (where, field, value) => stringList(where, field, value, /^[A-Z_0-9]+$/, "upper-case capability names without CAP_ (e.g. NET_BIND_SERVICE)"),
  minimumId(where, field, value) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new ConfigError(where, field, `must be an integer of at least 1, got ${show(value)}`);
    return value;
  },
  allowedHostPaths: (where, field, value) => stringList(where, field, value, /^\//, "absolute paths (starting with /)"),
};

/** A list of exemptions, each checked field by field. */
export function readExemptions(where: string, field: string, value: unknown): Exemption[] {
  if (!Array.isArray(value)) throw new ConfigError(where, field, `must be a list, got ${show(value)}`);
  return value.map((entry, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(entry)) throw new ConfigError(where, at, `must be an object, got ${show(entry)}`);
    for (const [key, v] of Object.entries(entry)) {
      if (key !== "reason" && !(SELECTORS as readonly string[]).includes(key)) throw new ConfigError(where, `${at}.${key}`, `is not a field of an exemption (${[...SELECTORS, "reason"].join(", ")})`);
      if (key === "labels") {
        if (!isObject(v) || Object.values(v).some((label) => typeof label !== "string")) throw new ConfigError(where, `${at}.labels`, `must map label names to strings, got ${show(v)}`);
      } else if (typeof v !== "string") throw new ConfigError(where, `${at}.${key}`, `must be a string, got ${show(v)}`);
    }
    if (typeof entry.reason !== "string" || entry.reason.trim() === "") throw new ConfigError(where, `${at}.reason`, "is required: say why this exemption is accepted");
    if (!SELECTORS.some((key) => entry[key] !== undefined)) {
      throw new ConfigError(where, at, `selects nothing: give at least one of ${SELECTORS.join(", ")} (an exemption without one would exempt everything; set the rule "disabled" instead)`);
    }
    return entry as unknown as Exemption;
  });
}

function readLevel(where: string, field: string, value: unknown): EnforcementLevel {
  if (!(ENFORCEMENT_LEVELS as readonly unknown[]).includes(value)) throw new ConfigError(where, field, `must be one of ${ENFORCEMENT_LEVELS.join(", ")}, got ${show(value)}`);
  return value as EnforcementLevel;
}

/** One rule's properties, enforcement level aside (what the pack's `args.getConfig()` returns): the options and exemptions they give. */
export function readRuleProperties(meta: RuleMeta, properties: Record<string, unknown>, where = `invalid configuration of policy "${meta.id}"`): { options: Partial<RuleOptions>; exemptions?: Exemption[] } {
  const options: Partial<RuleOptions> = {};
  let exemptions: Exemption[] | undefined;
  for (const [field, value] of Object.entries(properties)) {
    if (field === "exemptions") exemptions = readExemptions(where, field, value);
    else if ((meta.options as string[]).includes(field)) Object.assign(options, { [field]: OPTION_READERS[field as OptionName](where, field, value) });
    else throw new ConfigError(where, field, `is not an option of this policy (options: ${["exemptions", ...meta.options].join(", ")})`);
  }
  return exemptions === undefined ? { options } : { options, exemptions };
}

/** Every rule at the pack's default level, default options, no exemptions. */
export function defaultConfiguration(): Configuration {
  return { rules: CATALOGUE.map((entry) => ({ entry, enforcement: defaultEnforcement(entry.meta), options: resolveOptions(), exemptions: [] })) };
}

/**
 * A `--policy-pack-config` document over `base`: `all` sets every rule's level, then each rule's
 * entry its own level and properties (a rule it does not name keeps base's settings).
 */
export function readPolicyConfig(config: unknown, where: string, base: Configuration = defaultConfiguration()): Configuration {
  if (!isObject(config)) throw new ConfigError(where, "the configuration", `must be an object of policy names, got ${show(config)}`);
  const known = new Set([...CATALOGUE.map((entry) => entry.meta.id), NOTES_POLICY, "all"]);
  for (const name of Object.keys(config)) {
    if (!known.has(name)) throw new ConfigError(where, JSON.stringify(name), "is not a policy of this pack (see docs/rules.md for the rule IDs)");
  }
  const all = config.all === undefined ? undefined : readLevel(where, "all", config.all);
  if (config[NOTES_POLICY] !== undefined) {
    const notes = config[NOTES_POLICY];
    readLevel(where, NOTES_POLICY, isObject(notes) ? notes.enforcementLevel : notes);
  }
  return {
    rules: base.rules.map((settings) => {
      const id = settings.entry.meta.id;
      const own = config[id];
      const enforcement = all ?? settings.enforcement;
      if (own === undefined) return { ...settings, enforcement };
      if (!isObject(own)) return { ...settings, enforcement: readLevel(where, id, own) };
      const { enforcementLevel, ...properties } = own;
      const read = readRuleProperties(settings.entry.meta, properties, `${where}, policy "${id}"`);
      return {
        entry: settings.entry,
        enforcement: enforcementLevel === undefined ? enforcement : readLevel(where, `${id}.enforcementLevel`, enforcementLevel),
        options: resolveOptions({ ...settings.options, ...read.options }),
        exemptions: read.exemptions ?? settings.exemptions,
      };
    }),
  };
}

/** The configuration a profile stands for (the same as its shipped policy-config file). */
export function profileConfiguration(profile: Profile): Configuration {
  return readPolicyConfig(profileConfig(profile), `profile ${profile}`);
}

/** What the checker, the cdk8s validations and the admission generator are configured with. */
export interface HardeningSettings {
  /**
   * Which rules apply, and at which level: `pss-baseline`, `pss-restricted` or `hardened` (every
   * rule of the catalogue, mandatory).
   * @default "hardened"
   */
  readonly profile?: Profile;
  /** A policy config (the `--policy-pack-config` format) applied over the profile. @default - none */
  readonly config?: Record<string, unknown>;
  /**
   * Options for every rule that reads them (allowedCapabilities, minimumId, allowedHostPaths); the
   * profile's level wins for rules whose control differs between levels.
   * @default - the catalogue's defaults
   */
  readonly options?: Partial<RuleOptions>;
  /** Exemptions for every rule, by namespace, name, kind, labels or container, each with a reason. @default [] */
  readonly exemptions?: readonly Exemption[];
}

export const DEFAULT_PROFILE: Profile = "hardened";
const SETTINGS_KEYS = ["profile", "config", "options", "exemptions"];

/** The configuration `settings` describe; throws a ConfigError naming `where` and the field. */
export function readSettings(settings: unknown, where: string): Configuration {
  if (settings === undefined || settings === null) return profileConfiguration(DEFAULT_PROFILE);
  if (!isObject(settings)) throw new ConfigError(where, "the settings", `must be an object (${SETTINGS_KEYS.join(", ")}), got ${show(settings)}`);
  for (const key of Object.keys(settings)) {
    if (!SETTINGS_KEYS.includes(key)) throw new ConfigError(where, key, `is not a setting (${SETTINGS_KEYS.join(", ")})`);
  }
  const profile = settings.profile ?? DEFAULT_PROFILE;
  if (!(PROFILES as readonly unknown[]).includes(profile)) throw new ConfigError(where, "profile", `must be one of ${PROFILES.join(", ")}, got ${show(profile)}`);
  let configuration = profileConfiguration(profile as Profile);
  if (settings.config !== undefined) configuration = readPolicyConfig(settings.config, `${where}, config`, configuration);
  const shared = readSharedOptions(where, settings.options);
  const exemptions = settings.exemptions === undefined ? [] : readExemptions(where, "exemptions", settings.exemptions);
  return {
    rules: configuration.rules.map((rule) => ({
      ...rule,
      // The profile's level stays: it is what the profile means for rules that read it.
      options: resolveOptions({ ...rule.options, ...shared, level: rule.options.level }),
      exemptions: [...rule.exemptions, ...exemptions],
    })),
  };
}

function readSharedOptions(where: string, options: unknown): Partial<RuleOptions> {
  if (options === undefined) return {};
  if (!isObject(options)) throw new ConfigError(where, "options", `must be an object of rule options, got ${show(options)}`);
  const out: Partial<RuleOptions> = {};
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!(name in OPTION_READERS)) throw new ConfigError(where, `options.${name}`, `is not a rule option (${Object.keys(OPTION_READERS).join(", ")})`);
    Object.assign(out, { [name]: OPTION_READERS[name as OptionName](where, `options.${name}`, value) });
  }
  return out;
}
