/**
 * How Compose merges one service definition onto another, for `extends` and for override files
 * (compose-spec merge rules, compose-go `override`): mappings are merged key by key, the overriding
 * value winning for a scalar; `volumes` are merged by their container path and `devices` by theirs
 * (the overriding entry replaces the one at the same path); `command`, `entrypoint` and the health
 * check's `test` are replaced; any other sequence is the base's entries followed by the
 * overriding ones not already in it (cap_add, cap_drop, security_opt, ...: so a base's
 * `privileged: true` or `cap_add: [ALL]` reaches the service that extends it).
 *
 * The YAML tags `!reset` (the key is removed: `cap_drop: !reset []` undoes the base's drop) and
 * `!override` (the value replaces the base's instead of merging) are honoured, as Compose honours
 * them; the decoder marks a tagged value (decoding/compose-yaml.ts `marked`) for the merge, and
 * `settled` resolves the markers no merge consumed.
 */
import { COMPOSE_OVERRIDE as OVERRIDE, COMPOSE_RESET as RESET } from "../decoding/compose-yaml";
import { copyTree, isObject, type JsonObject } from "../rules/values";
import { splitShortVolume } from "./compose-service";

const overridden = (value: unknown): value is { [OVERRIDE]: unknown } => isObject(value) && OVERRIDE in value;

/** A merged value with the markers no merge consumed resolved: reset keys removed, overrides unwrapped. */
export function settled(value: unknown): unknown {
  return copyTree(value, (node) => {
    if (overridden(node)) return node[OVERRIDE];
    if (!isObject(node)) return node;
    return Object.fromEntries(Object.entries(node).filter(([, entry]) => entry !== RESET));
  });
}

const REPLACED = new Set(["command", "entrypoint", "test"]);

/** The container path a volume or device entry is keyed by, when it can be told. */
function targetOf(entry: unknown, kind: "volumes" | "devices"): string | undefined {
  if (isObject(entry)) return typeof entry.target === "string" ? entry.target : undefined;
  if (typeof entry !== "string") return undefined;
  const parts = splitShortVolume(entry);
  return kind === "volumes" ? parts[parts.length === 1 ? 0 : 1] : (parts[1] ?? parts[0]);
}

function mergeByTarget(base: unknown[], override: unknown[], kind: "volumes" | "devices"): unknown[] {
  const replaced = new Set(override.map((entry) => targetOf(entry, kind)).filter((target) => target !== undefined));
  return [...base.filter((entry) => !replaced.has(targetOf(entry, kind) ?? "")), ...override];
}

function appendUnique(base: unknown[], override: unknown[]): unknown[] {
  const seen = new Set(base.map((entry) => JSON.stringify(entry)));
  return [...base, ...override.filter((entry) => !seen.has(JSON.stringify(entry)))];
}

function mergeValue(key: string, base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (override === RESET) return RESET;
  if (overridden(override)) return override[OVERRIDE];
  if (Array.isArray(base) && Array.isArray(override)) {
    if (REPLACED.has(key)) return override;
    if (key === "volumes" || key === "devices") return mergeByTarget(base, override, key);
    return appendUnique(base, override);
  }
  if (isObject(base) && isObject(override)) return mergeMappings(base, override);
  return override;
}

/** `override` merged onto `base` (neither is modified). */
export function mergeMappings(base: JsonObject, override: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeValue(key, base[key], value);
  return out;
}
