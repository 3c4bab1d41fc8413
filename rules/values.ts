/**
 * Reading untrusted resource inputs.
 *
 * Rules never index into raw inputs directly: every read goes through `read()`, which classifies the
 * value so that a rule can tell "absent" from "not known yet" from "the wrong type". That is what
 * keeps a malformed resource or a value unknown at preview from becoming a silent pass or a crash.
 */

/**
 * The strings the Pulumi engine puts where a value is not known during preview (one per expected
 * type). They are part of the engine's wire protocol; see `@pulumi/policy/proxy.js`.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (and the engine's generic unknown)
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

export type JsonObject = { [key: string]: unknown };

export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a field holds, as far as a rule can tell. `null` counts as absent, as in Kubernetes. */
export type Read<T> =
  | { state: "absent" }
  | { state: "unknown" }
  | { state: "invalid"; value: unknown; expected: string }
  | { state: "present"; value: T };

type Kind = "string" | "boolean" | "number" | "integer" | "array" | "object";
type KindType = {
  string: string;
  boolean: boolean;
  number: number;
  integer: number;
  array: unknown[];
  object: JsonObject;
};

const EXPECTED: Record<Kind, string> = {
  string: "a string",
  boolean: "true or false",
  number: "a number",
  integer: "a whole number",
  array: "a list",
  object: "an object",
};

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    default:
      return typeof value === kind;
  }
}

/** Reads `container[key]` expecting `kind`; `container` may itself be anything. */
export function read<K extends Kind>(container: unknown, key: string | number, kind: K): Read<KindType[K]> {
  if (isUnknown(container)) return { state: "unknown" };
  if (container === undefined || container === null) return { state: "absent" };
  if (typeof container !== "object") return { state: "absent" };
  const value = (container as Record<string | number, unknown>)[key];
  return classify(value, kind);
}

/** Classifies a value already in hand (for list elements). */
export function classify<K extends Kind>(value: unknown, kind: K): Read<KindType[K]> {
  if (value === undefined || value === null) return { state: "absent" };
  if (isUnknown(value)) return { state: "unknown" };
  if (!hasKind(value, kind)) return { state: "invalid", value, expected: EXPECTED[kind] };
  return { state: "present", value: value as KindType[K] };
}

/** A short rendering of a bad value for messages (never the whole of a huge input). */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

type Step = { parent: Step; key: string | number } | undefined;

function pathOf(step: Step): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at = step; at !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * A deep copy of a JSON-like tree, made without recursion: the engine delivers inputs nested deeper
 * than `structuredClone` or a recursive copy survive (about 1,500 levels overflow the stack).
 * `substitute` may replace any value before it is copied; `path` is computed only when asked for.
 */
export function copyTree(root: unknown, substitute: (value: unknown, path: () => Array<string | number>) => unknown = (value) => value): unknown {
  const holder: Record<string | number, unknown> = {};
  const work: Array<{ value: unknown; into: Record<string | number, unknown>; key: string | number; at: Step }> = [{ value: root, into: holder, key: 0, at: undefined }];
  while (work.length > 0) {
    const { value, into, key, at } = work.pop()!;
    const current = substitute(value, () => pathOf(at));
    if (Array.isArray(current) || isObject(current)) {
      const copy = (Array.isArray(current) ? new Array<unknown>(current.length) : {}) as Record<string | number, unknown>;
      into[key] = copy;
      // Pushed in reverse, so that siblings are copied (and keys inserted) in their original order.
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const childKey = Array.isArray(current) ? Number(entries[i][0]) : entries[i][0];
        work.push({ value: entries[i][1], into: copy, key: childKey, at: { parent: at, key: childKey } });
      }
    } else {
      into[key] = current;
    }
  }
  return holder[0];
}
