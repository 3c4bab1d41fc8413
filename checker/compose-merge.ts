/**
 * How Compose merges one service definition onto another, for `extends` and for override files
 * (compose-spec merge rules, compose-go `override`): mappings are merged key by key, the overriding
 * value winning for a scalar; `volumes` are merged by their container path and `devices` by theirs
 * (the overriding entry replaces, in place, the one at the same path); `command`, `entrypoint` and the health
 * check's `test` are replaced; `KEY=VALUE` entries (sysctls, labels, build args, ...), as a list or
 * a mapping, are merged by key; a `build` string is the context of a build mapping; any other sequence is the base's entries followed by the
 * overriding ones not already in it (cap_add, cap_drop, security_opt, ...: so a base's
 * `privileged: true` or `cap_add: [ALL]` reaches the service that extends it).
 *
 * The YAML tags `!reset` (the key is removed: `cap_drop: !reset []` undoes the base's drop) and
 * `!override` (the value replaces the base's instead of merging) are honoured, as Compose honours
 * them; the decoder marks a tagged value (decoding/compose-yaml.ts `marked`) for the merge, and
 * `settled` resolves the markers no merge consumed.
 */
import { COMPOSE_OVERRIDE as OVERRIDE, COMPOSE_RESET as RESET } from "../decoding/compose-yaml";
import { copyTree, isObject, type JsonObject, setOwnProperty } from "../rules/values";
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

/** The base's entries then the override's, one replacing in place the entry of the same container path (compose-go uniqueEntries). */
function mergeByTarget(base: unknown[], override: unknown[], kind: "volumes" | "devices"): unknown[] {
  const out: unknown[] = [];
  const at = new Map<string, number>();
  for (const entry of [...base, ...override]) {
    const target = targetOf(entry, kind);
    const index = target === undefined ? undefined : at.get(target);
    if (index !== undefined) out[index] = entry;
    else {
      out.push(entry);
      if (target !== undefined) at.set(target, out.length - 1);
    }
  }
  return out;
}

function appendUnique(base: unknown[], override: unknown[]): unknown[] {
  const seen = new Set(base.map((entry) => JSON.stringify(entry)));
  return [...base, ...override.filter((entry) => !seen.has(JSON.stringify(entry)))];
}

/** Keys of `KEY=VALUE` entries, written as a list or a mapping: merged by key (compose-go mergeKeyValueSequence). */
const KEY_VALUE = new Set(["sysctls", "labels", "annotations", "environment", "args", "additional_contexts"]);

/** A list or mapping of `KEY=VALUE` entries as compose-go's convertIntoSequence lists them (a mapping sorted). */
function keyValueEntries(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [value];
  if (!isObject(value)) return [];
  const entries = Object.entries(value).flatMap(([name, entry]) => (entry === null ? [name] : Array.isArray(entry) ? entry.map((item) => `${name}=${String(item)}`) : [`${name}=${String(entry as string)}`]));
  return entries.sort();
}

/** The base's entries then the override's, an entry replacing in place the one of the same key (compose-go uniqueEntries). */
function mergeByKey(base: unknown, override: unknown): unknown[] {
  const out: unknown[] = [];
  const at = new Map<string, number>();
  for (const entry of [...keyValueEntries(base), ...keyValueEntries(override)]) {
    const key = typeof entry === "string" ? entry.split("=")[0]! : JSON.stringify(entry);
    const index = at.get(key);
    if (index === undefined) at.set(key, out.push(entry) - 1);
    else out[index] = entry;
  }
  return out;
}

/** `build` as a mapping: a string is the context (compose-go mergeBuild). */
const buildMapping = (value: unknown): JsonObject => (typeof value === "string" ? { context: value } : isObject(value) ? value : {});

function mergeValue(key: string, base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (override === RESET) return RESET;
  if (overridden(override)) return override[OVERRIDE];
  if (base !== undefined && base !== RESET && KEY_VALUE.has(key)) return mergeByKey(base, override);
  if (key === "build" && base !== undefined && base !== RESET) return mergeMappings(buildMapping(base), buildMapping(override));
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
  for (const [key, value] of Object.entries(override)) setOwnProperty(out, key, mergeValue(key, base[key], value));
  return out;
}
