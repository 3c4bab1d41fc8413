/**
 * Reading untrusted resource inputs.
 *
 * Rules never index into raw inputs directly: every read goes through `read()`, which classifies the
 * value so that a rule can tell "absent" from "not known yet" from "the wrong type". That is what
 * keeps a malformed resource or an unknown value from becoming a silent pass or a crash.
 */

/**
 * A value that is not known yet: an output of another resource during a Pulumi preview, a Compose
 * variable the environment sets when Compose runs. Each adapter maps its own notion to it at its
 * edge (the pack the engine's sentinel strings, the checker unresolved variables), so that the
 * catalogue knows one. It is never taken as compliant. `origin` is what the adapter replaced, for it
 * to restore (the pack's remediation hands the engine its sentinels back).
 */
export class Unknown {
  constructor(readonly origin?: unknown) {}

  toString(): string {
    return "(not known yet)";
  }

  toJSON(): string {
    return this.toString();
  }
}

/** An unknown value with no origin of its own, for tests and for adapters that need none. */
export const UNKNOWN: Unknown = new Unknown();

export type JsonObject = { [key: string]: unknown };

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** A JSON object (not a list, not null, not an unknown value). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Unknown);
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

/**
 * `object[key] = value`, as a data property of the object also when the key is `__proto__`:
 * assigning that key would set the object's prototype instead, hiding the key from Object.keys and
 * lending its fields to every lookup. Keys come from manifests, where `__proto__` is just a name (a
 * Compose service may be called that).
 */
export function setOwnProperty(object: object, key: string | number, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else (object as Record<string | number, unknown>)[key] = value;
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
      setOwnProperty(into, key, copy);
      // Pushed in reverse, so that siblings are copied (and keys inserted) in their original order.
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const childKey = Array.isArray(current) ? Number(entries[i][0]) : entries[i][0];
        work.push({ value: entries[i][1], into: copy, key: childKey, at: { parent: at, key: childKey } });
      }
    } else {
      setOwnProperty(into, key, current);
    }
  }
  return holder[0];
}
