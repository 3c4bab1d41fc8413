/**
 * A policy's configuration: the JSON schema the pack declares (Pulumi Cloud policy groups and
 * `pulumi policy validate-config` check config against it) and the reading of that config into rule
 * options and exemptions. The engine validates config against the schema before it starts the pack;
 * the same checks run here too, because a pack may be configured without that validation (tests, the
 * Automation API), and an invalid value must never silently fall back to a default.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import type { Exemption } from "../rules/exemptions";
import { OPTION_SCHEMAS, resolveOptions } from "../rules/options";
import type { OptionName, RuleMeta, RuleOptions } from "../rules/types";
import { isObject, show } from "../rules/values";

export interface PolicySettings {
  options: RuleOptions;
  exemptions: Exemption[];
}

/** A configuration value the pack refuses, naming the policy and the field. */
export class ConfigError extends Error {
  constructor(policy: string, field: string, problem: string) {
    super(`invalid configuration of policy "${policy}": ${field} ${problem}`);
    this.name = "ConfigError";
  }
}

const EXEMPTION_SCHEMA = {
  type: "array",
  description: "Resources or containers this rule does not apply to, each with the reason it is accepted. Every field given must match.",
  default: [],
  items: {
    type: "object",
    additionalProperties: false,
    required: ["reason"],
    properties: {
      namespace: { type: "string", description: "Kubernetes namespace (objects without one are in \"default\")." },
      name: { type: "string", description: "Kubernetes object name, or Pulumi resource name for other resources." },
      kind: { type: "string", description: "Kubernetes kind, e.g. DaemonSet." },
      labels: { type: "object", additionalProperties: { type: "string" }, description: "Labels the object must carry." },
      container: { type: "string", description: "Only findings about this container are exempt." },
      reason: { type: "string", minLength: 1, description: "Why this exemption is accepted; shown in the output." },
    },
  },
};

export function configSchema(meta: RuleMeta): PolicyConfigSchema {
  const properties: Record<string, object> = { exemptions: EXEMPTION_SCHEMA };
  for (const option of meta.options) properties[option] = OPTION_SCHEMAS[option];
  return { properties } as PolicyConfigSchema;
}

function stringList(policy: string, field: string, value: unknown, pattern: RegExp, expected: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(policy, field, `must be a list of ${expected}, got ${show(value)}`);
  value.forEach((entry, i) => {
    if (typeof entry !== "string" || !pattern.test(entry)) throw new ConfigError(policy, `${field}[${i}]`, `must be ${expected}, got ${show(entry)}`);
  });
  return value as string[];
}

const OPTION_READERS: Record<OptionName, (policy: string, value: unknown) => RuleOptions[OptionName]> = {
  level(policy, value) {
    if (value !== "baseline" && value !== "restricted") throw new ConfigError(policy, "level", `must be "baseline" or "restricted", got ${show(value)}`);
    return value;
  },
  allowedCapabilities: (policy, value) => stringList(policy, "allowedCapabilities", value, /^[A-Z_0-9]+$/, "upper-case capability names without CAP_ (e.g. NET_BIND_SERVICE)"),
  minimumId(policy, value) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new ConfigError(policy, "minimumId", `must be an integer of at least 1, got ${show(value)}`);
    return value;
  },
  allowedHostPaths: (policy, value) => stringList(policy, "allowedHostPaths", value, /^\//, "absolute paths (starting with /)"),
};

function readExemptions(policy: string, value: unknown): Exemption[] {
  if (!Array.isArray(value)) throw new ConfigError(policy, "exemptions", `must be a list, got ${show(value)}`);
  return value.map((entry, i) => {
    const field = `exemptions[${i}]`;
    if (!isObject(entry)) throw new ConfigError(policy, field, `must be an object, got ${show(entry)}`);
    for (const [key, v] of Object.entries(entry)) {
      if (!(key in EXEMPTION_SCHEMA.items.properties)) throw new ConfigError(policy, `${field}.${key}`, "is not a known field (namespace, name, kind, labels, container, reason)");
      if (key === "labels") {
        if (!isObject(v) || Object.values(v).some((label) => typeof label !== "string")) throw new ConfigError(policy, `${field}.labels`, `must map label names to strings, got ${show(v)}`);
      } else if (typeof v !== "string") throw new ConfigError(policy, `${field}.${key}`, `must be a string, got ${show(v)}`);
    }
    if (typeof entry.reason !== "string" || entry.reason.trim() === "") throw new ConfigError(policy, `${field}.reason`, "is required: say why this exemption is accepted");
    return entry as unknown as Exemption;
  });
}

/** Reads a policy's config (as `args.getConfig()` returns it, enforcement level removed). */
export function readSettings(meta: RuleMeta, config: Record<string, unknown>): PolicySettings {
  const options: Partial<RuleOptions> = {};
  let exemptions: Exemption[] = [];
  for (const [field, value] of Object.entries(config)) {
    if (field === "exemptions") exemptions = readExemptions(meta.id, value);
    else if ((meta.options as string[]).includes(field)) Object.assign(options, { [field]: OPTION_READERS[field as OptionName](meta.id, value) });
    else throw new ConfigError(meta.id, field, `is not an option of this policy (options: ${["exemptions", ...meta.options].join(", ")})`);
  }
  return { options: resolveOptions(options), exemptions };
}
