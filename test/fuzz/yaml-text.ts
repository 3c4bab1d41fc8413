/**
 * Writes a generated object as YAML text: the form in which manifests reach kubectl, the API server
 * and the checker, so that each of them decodes the same text itself.
 *
 * Plainly written, every value reads the same in YAML 1.1 — the API server's and kubectl's decoder,
 * sigs.k8s.io/yaml over go-yaml v2, which the checker reproduces (decoding/kubernetes-yaml.ts) — and
 * in YAML 1.2: strings double-quoted with ASCII escapes, booleans `true`/`false`, `null`, integers
 * in decimal, block mappings and sequences.
 *
 * With a `Spelling` from quirkySpelling(seed) (what the tests use), the text also uses what
 * Kubernetes' decoder reads differently from a YAML 1.2 one, or what only some decoders accept, so
 * that a checker reading YAML 1.2 would disagree with the server:
 * - YAML 1.1 booleans (`yes`, `On`, `n`, …), integers (`0o17` and `017` octal, `0x1F`, `1_000`)
 *   and plain strings that YAML 1.1 resolves to a boolean, a number or null;
 * - merge keys: some of a mapping's keys moved into `<<: {…}` (an inline merge, sometimes with a
 *   decoy value that the explicit key overrides);
 * - duplicate keys: a key written twice, a decoy first and the value last.
 * live-differential.test.ts writes them; `npm run fuzz` does with LIVE_YAML_QUIRKS=1.
 */

/** How each value is spelt; plainSpelling writes the unambiguous form. */
export interface Spelling {
  boolean(value: boolean): string;
  integer(value: number): string;
  string(value: string): string;
  /** The keys of a mapping to write inside an inline merge (`<<: {…}`), and whether to add decoys there. */
  merged(keys: string[]): { keys: string[]; decoy: boolean };
  /** Whether to write `key` twice, a decoy first. */
  duplicated(key: string): boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON string literal with every non-ASCII character escaped: valid double-quoted YAML 1.1 and 1.2. */
function quoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export const plainSpelling: Spelling = {
  boolean: (value) => String(value),
  integer: (value) => String(value),
  string: quoted,
  merged: () => ({ keys: [], decoy: false }),
  duplicated: () => false,
};

function scalar(value: null | boolean | number | string, spelling: Spelling): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return spelling.boolean(value);
  if (typeof value === "number") return Number.isSafeInteger(value) ? spelling.integer(value) : String(value);
  return spelling.string(value);
}

/** A value that is not the given one, of the same type, for decoys. */
function decoyOf(value: Json): Json {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value === 0 ? 1 : 0;
  if (typeof value === "string") return value === "decoy" ? "other" : "decoy";
  return null;
}

function isComposite(value: Json): value is Json[] | { [key: string]: Json } {
  return typeof value === "object" && value !== null;
}

function isEmpty(value: Json[] | { [key: string]: Json }): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** A value in flow style (inside `<<: {…}`). */
function flow(value: Json, spelling: Spelling): string {
  if (Array.isArray(value)) return `[${value.map((item) => flow(item, spelling)).join(", ")}]`;
  if (isComposite(value)) return `{${Object.entries(value).map(([k, v]) => `${quoted(k)}: ${flow(v, spelling)}`).join(", ")}}`;
  return scalar(value, spelling);
}

/** `key: value` lines at `indent`. */
function entryLines(key: string, value: Json, indent: string, spelling: Spelling): string[] {
  if (isComposite(value) && !isEmpty(value)) return [`${indent}${quoted(key)}:`, ...blockLines(value, `${indent}  `, spelling)];
  return [`${indent}${quoted(key)}: ${isComposite(value) ? flow(value, spelling) : scalar(value, spelling)}`];
}

function blockLines(value: Json[] | { [key: string]: Json }, indent: string, spelling: Spelling): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isComposite(item) || isEmpty(item)) return [`${indent}- ${isComposite(item) ? flow(item, spelling) : scalar(item, spelling)}`];
      const [first, ...rest] = blockLines(item, `${indent}  `, spelling);
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
    });
  }
  const entries = Object.entries(value);
  const { keys: mergedKeys, decoy } = spelling.merged(entries.map(([key]) => key));
  const merged = new Set(mergedKeys);
  const lines: string[] = [];
  if (merged.size > 0) {
    // An explicit key overrides the merged one: a decoy under a key written explicitly must lose.
    const mergedEntries = entries.filter(([key]) => merged.has(key));
    const decoys = decoy ? entries.filter(([key]) => !merged.has(key)).slice(0, 1).map(([key, v]) => [key, decoyOf(v)] as const) : [];
    // Plain `<<`: a quoted one is an ordinary key, not a merge.
    lines.push(`${indent}<<: ${flow(Object.fromEntries([...mergedEntries, ...decoys]), spelling)}`);
  }
  for (const [key, item] of entries) {
    if (merged.has(key)) continue;
    if (spelling.duplicated(key)) lines.push(...entryLines(key, decoyOf(item), indent, spelling));
    lines.push(...entryLines(key, item, indent, spelling));
  }
  return lines;
}

/** The object as a YAML document. */
export function toYamlText(object: { [key: string]: Json }, spelling: Spelling = plainSpelling): string {
  return `${blockLines(object, "", spelling).join("\n")}\n`;
}

/** A small seeded generator (mulberry32), so that a seed replays the same spellings. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const YAML11_TRUE = ["yes", "Yes", "YES", "on", "On", "ON", "y", "Y", "True", "TRUE"];
const YAML11_FALSE = ["no", "No", "NO", "off", "Off", "OFF", "n", "N", "False", "FALSE"];
/** A string is written plain only when YAML 1.2 reads it back as that string (YAML 1.1 may not). */
const PLAIN_SAFE_IN_YAML12 = /^(?![-?:,[\]{}#&*!|>'"%@`~]|(?:true|false|null|True|False|Null|TRUE|FALSE|NULL)$|[-+]?(?:\.?\d|0[xo]|\.(?:inf|Inf|INF|nan|NaN|NAN)))[^\s:#,[\]{}]+$/;

/** Spellings that YAML 1.1 and 1.2 read differently, or that only some decoders accept (see the header). */
export function quirkySpelling(seed: number): Spelling {
  const next = random(seed);
  const pick = <T>(values: T[]): T => values[Math.floor(next() * values.length)];
  const chance = (p: number) => next() < p;
  return {
    boolean: (value) => (chance(0.5) ? pick(value ? YAML11_TRUE : YAML11_FALSE) : String(value)),
    integer: (value) => {
      if (!chance(0.5)) return String(value);
      const sign = value < 0 ? "-" : "";
      const magnitude = Math.abs(value);
      return pick([
        `${sign}0o${magnitude.toString(8)}`, // octal in YAML 1.2, a string in 1.1
        `${sign}0${magnitude.toString(8)}`, // octal in YAML 1.1, decimal in 1.2
        `${sign}0x${magnitude.toString(16)}`,
        `${sign}${magnitude.toLocaleString("en-US").replace(/,/g, "_")}`, // digit groups: YAML 1.1 only
      ]);
    },
    string: (value) => (PLAIN_SAFE_IN_YAML12.test(value) && chance(0.5) ? value : quoted(value)),
    merged: (keys) => (keys.length >= 2 && chance(0.15) ? { keys: keys.filter(() => chance(0.5)), decoy: chance(0.5) } : { keys: [], decoy: false }),
    duplicated: () => chance(0.005),
  };
}
