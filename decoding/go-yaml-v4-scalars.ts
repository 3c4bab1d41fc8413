/**
 * What a YAML scalar becomes in go.yaml.in/yaml/v4 (v4.0.0, the version compose-go v2.16.2 is built
 * with by docker compose v5.7.1) when it is decoded into an `interface{}`: the resolver of
 * internal/libyaml/resolver.go (`resolve`) and the scalar constructors of constructor.go.
 *
 * It is neither YAML 1.1 nor YAML 1.2 exactly:
 * - booleans are only true/True/TRUE/false/False/FALSE: `yes`, `on`, `y`, `off` are strings;
 * - null is ``, `~`, null/Null/NULL;
 * - integers are read by Go's strconv.ParseInt with base 0 after removing every `_`, so `0x1F`,
 *   `0o17`, `0b101` and also `010` (octal: 8) are integers; a leading-zero number that is no octal
 *   (`08`, `09.5`) falls through to a float; past int64 comes uint64, past that a float;
 * - floats match `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (underscores removed);
 *   `.inf`, `.nan` (three spellings each), `-0` and `-0.0` (negative zero); a float out of range
 *   (`1e999`) is a string;
 * - plain `YYYY-M-D`, with `T`/`t`/` ` and a time, is a timestamp (Go time.Parse of four layouts);
 * - an explicit tag is honoured (`!!str 010` is a string, `!!float 1` a float) or refused when the
 *   value cannot be read as it (`!!bool yes`); any other tag (`!reset`, `!custom`, `!`) leaves the
 *   scalar a string.
 */

/** A scalar's Go value: null, a boolean, a number (int, uint64 and float64 alike), a string or a timestamp. */
export type GoScalar = null | boolean | number | string | Date;

export type ScalarResult = { tag: string; value: GoScalar } | { error: string };

export const STR = "!!str";
const INT = "!!int";
const FLOAT = "!!float";
const BOOL = "!!bool";
const NULL = "!!null";
const TIMESTAMP = "!!timestamp";
export const BINARY = "!!binary";
export const MERGE = "!!merge";

const LONG_PREFIX = "tag:yaml.org,2002:";

/** A tag in go-yaml's short form (`tag:yaml.org,2002:int` is `!!int`). */
export function shortTag(tag: string): string {
  return tag.startsWith(LONG_PREFIX) ? `!!${tag.slice(LONG_PREFIX.length)}` : tag;
}

const RESOLVABLE = new Set(["", STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);

type Resolved = { tag: string; value: GoScalar };
const spellings = (texts: string[], resolved: Resolved) => texts.map((text): [string, Resolved] => [text, resolved]);
const KNOWN: ReadonlyMap<string, Resolved> = new Map([
  ...spellings(["true", "True", "TRUE"], { tag: BOOL, value: true }),
  ...spellings(["false", "False", "FALSE"], { tag: BOOL, value: false }),
  ...spellings(["", "~", "null", "Null", "NULL"], { tag: NULL, value: null }),
  ...spellings([".nan", ".NaN", ".NAN"], { tag: FLOAT, value: Number.NaN }),
  ...spellings([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"], { tag: FLOAT, value: Number.POSITIVE_INFINITY }),
  ...spellings(["-.inf", "-.Inf", "-.INF"], { tag: FLOAT, value: Number.NEGATIVE_INFINITY }),
  ...spellings(["-0", "-0.0"], { tag: FLOAT, value: -0 }),
  ...spellings(["<<"], { tag: MERGE, value: "<<" }),
]);

/** The resolver's hint from the first character: which readings are tried. */
function hint(text: string): "N" | "S" | "D" | "M" | "." | undefined {
  if (text === "") return "N";
  const first = text[0]!;
  if (first === "+" || first === "-") return "S";
  if (first >= "0" && first <= "9") return "D";
  if ("yYnNtTfFoO~<".includes(first)) return "M";
  if (first === ".") return ".";
  return undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The digits of Go integer syntax with base 0 (`0x`, `0o`, `0b`, a leading `0` for octal), or undefined. */
function goUnsignedInteger(text: string): bigint | undefined {
  let digits = text;
  let radix = 10;
  const prefix = text.slice(0, 2).toLowerCase();
  if (prefix === "0x" || prefix === "0o" || prefix === "0b") {
    radix = prefix === "0x" ? 16 : prefix === "0o" ? 8 : 2;
    digits = text.slice(2);
  } else if (text.length > 1 && text[0] === "0") {
    radix = 8;
    digits = text.slice(1);
  }
  const allowed = { 16: /^[0-9a-fA-F]+$/, 10: /^[0-9]+$/, 8: /^[0-7]+$/, 2: /^[01]+$/ }[radix as 16 | 10 | 8 | 2];
  if (!allowed.test(digits)) return undefined;
  let value = 0n;
  for (const digit of digits) value = value * BigInt(radix) + BigInt(Number.parseInt(digit, radix));
  return value;
}

/** strconv.ParseInt(text, 0, 64), or undefined when it fails (syntax or range). */
function parseInt64(text: string): bigint | undefined {
  const sign = text[0] === "-" ? -1n : 1n;
  const magnitude = goUnsignedInteger(text[0] === "-" || text[0] === "+" ? text.slice(1) : text);
  if (magnitude === undefined) return undefined;
  const value = sign * magnitude;
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** strconv.ParseUint(text, 0, 64) (no sign), or undefined. */
function parseUint64(text: string): bigint | undefined {
  const value = goUnsignedInteger(text);
  return value === undefined || value > UINT64_MAX ? undefined : value;
}

const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** What strconv.ParseFloat accepts of a text starting with `.` (decimal digits, no underscores). */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/** strconv.ParseFloat of a decimal text already known to be well formed; undefined when out of range. */
function parseFloat64(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const TIMESTAMP_SHAPE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})?)?$/;

function daysIn(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/**
 * go-yaml's parseTimestamp: time.Parse with `2006-1-2T15:4:5.999999999Z07:00` (and `t`),
 * `2006-1-2 15:4:5.999999999` (no zone) and `2006-1-2`, as milliseconds since the epoch (Go keeps
 * nanoseconds; the fraction is cut to milliseconds, as time.Time.UnixMilli cuts it).
 */
export function goTimestamp(text: string): Date | undefined {
  const match = TIMESTAMP_SHAPE.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, separator, h, mi, s, fraction, zone] = match;
  if (separator === " " && zone !== undefined) return undefined;
  if ((separator === "T" || separator === "t") && zone === undefined) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== "Z") {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    // time.Parse accepts offsets up to 24 hours and 60 minutes.
    if (zoneHours > 24 || zoneMinutes > 60) return undefined;
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  const millis = Number((fraction ?? "").padEnd(3, "0").slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

/** A plain (or explicitly tagged) scalar read as go-yaml's `resolve(tag, text)` reads it. */
function resolveText(text: string, tag: string): Resolved {
  const kind = hint(text);
  if (kind === undefined || tag === STR || tag === BINARY) return { tag: STR, value: text };
  const known = KNOWN.get(text);
  if (known) return known;
  if (kind === ".") {
    if (DOT_FLOAT.test(text)) {
      const value = parseFloat64(text);
      if (value !== undefined) return { tag: FLOAT, value };
    }
  } else if (kind === "D" || kind === "S") {
    if (tag === "" || tag === TIMESTAMP) {
      const timestamp = goTimestamp(text);
      if (timestamp) return { tag: TIMESTAMP, value: timestamp };
    }
    const plain = text.replaceAll("_", "");
    const signed = parseInt64(plain);
    if (signed !== undefined) return { tag: INT, value: Number(signed) };
    const unsigned = parseUint64(plain.startsWith("+") ? plain.slice(1) : plain);
    if (unsigned !== undefined) return { tag: INT, value: Number(unsigned) };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const value = parseFloat64(plain);
      if (value !== undefined) return { tag: FLOAT, value };
    }
  }
  return { tag: STR, value: text };
}

/**
 * A scalar node's value. `tag` is the explicit tag in short form ("" when none; `!` is kept);
 * `quoted` for single- or double-quoted and block scalars, which are strings unless tagged.
 */
export function resolveScalar(text: string, tag: string, quoted: boolean): ScalarResult {
  if (tag === STR || ((tag === "" || tag === "!") && quoted)) return { tag: STR, value: text };
  if (!RESOLVABLE.has(tag)) return { tag, value: text };
  const resolved = resolveText(text, tag);
  if (tag === "" || tag === resolved.tag) return resolved;
  if (tag === FLOAT && resolved.tag === INT) return { tag: FLOAT, value: resolved.value };
  return { error: `cannot construct ${resolved.tag} \`${text}\` as a ${tag}` };
}

/** The YAML 1.1 booleans go-yaml v4 reads as strings (a reader used to YAML 1.1 may expect a boolean). */
export const YAML11_BOOLEANS = new Set(["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]);
