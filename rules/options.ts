/** Rule options: defaults, and the JSON schema that the pack and the checker validate config with. */
import { PSS_RESTRICTED_CAPABILITIES } from "./capabilities";
import type { OptionName, RuleOptions } from "./types";

export const DEFAULT_OPTIONS: Readonly<RuleOptions> = Object.freeze({
  level: "restricted",
  allowedCapabilities: [...PSS_RESTRICTED_CAPABILITIES],
  minimumId: 10000,
  allowedHostPaths: [],
});

/** JSON schema (draft 7, the dialect Pulumi policy config schemas use) for each option. */
export const OPTION_SCHEMAS: Record<OptionName, object> = {
  level: {
    type: "string",
    enum: ["baseline", "restricted"],
    default: DEFAULT_OPTIONS.level,
    description: "The Pod Security Standards level this rule enforces where the control differs between levels.",
  },
  allowedCapabilities: {
    type: "array",
    items: { type: "string", pattern: "^[A-Z_0-9]+$" },
    uniqueItems: true,
    default: DEFAULT_OPTIONS.allowedCapabilities,
    description: "Capabilities a container may add at the restricted level, upper case without CAP_ (Pod Security restricted allows only NET_BIND_SERVICE).",
  },
  minimumId: {
    type: "integer",
    minimum: 1,
    default: DEFAULT_OPTIONS.minimumId,
    description: "The lowest UID and GID a container may run as; IDs below it can collide with users of the host.",
  },
  allowedHostPaths: {
    type: "array",
    items: { type: "string", pattern: "^/" },
    uniqueItems: true,
    default: DEFAULT_OPTIONS.allowedHostPaths,
    description: "Host paths that may be mounted: an exact path, or a directory ending in / that allows everything below it.",
  },
};

/** Options with every unset one filled from the defaults. */
export function resolveOptions(partial: Partial<RuleOptions> = {}): RuleOptions {
  return { ...DEFAULT_OPTIONS, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) } as RuleOptions;
}
