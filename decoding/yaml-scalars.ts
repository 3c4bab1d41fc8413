/**
 * What a YAML scalar means to go.yaml.in/yaml/v2 v2.4.4 decoding into interface{} (resolve.go
 * resolve(), decode.go scalar()), which is what Kubernetes sees: YAML 1.1 booleans (yes, On, n...),
 * integers parsed by Go's strconv in any base with `_` ignored, floats only in decimal notation,
 * sexagesimal left as a string, timestamps kept as their text, `!!binary` decoded, and a tagged
 * value that does not fit its tag refused.
 */
import { YamlSyntaxError } from "./yaml-scanner";
import { base64Bytes, goString, latin1 } from "./go-bytes";

/** The Go type go-yaml gives a scalar; it decides how a key turns into a JSON key. */
export const enum GoType {
  String,
  /** A `!!binary` value that is not valid UTF-8 (a Go string of arbitrary bytes). */
  Bytes,
  Int,
  /** An integer above 2^63-1: uint64. */
  Uint,
  Float,
  Bool,
  Null,
  /** A string that looks like a timestamp: decoded into interface{} as its text, like a string. */
  Timestamp,
}

export interface GoScalar {
  type: GoType;
  /** string for String, Timestamp and Bytes (with U+FFFD for each invalid byte, as encoding/json
   * writes it), number or bigint for Int and Uint, number for Float, boolean, null. */
  value: string | number | bigint | boolean | null;
  /** For Bytes: the bytes, one character each, which is what tells two such keys apart. */
  bytes?: string;
}

const TAG_PREFIX = "tag:yaml.org,2002:";
export const STR_TAG = TAG_PREFIX + "str";
export const MERGE_TAG = TAG_PREFIX + "merge";
const BOOL_TAG = TAG_PREFIX + "bool";
const INT_TAG = TAG_PREFIX + "int";
const FLOAT_TAG = TAG_PREFIX + "float";
const NULL_TAG = TAG_PREFIX + "null";
const TIMESTAMP_TAG = TAG_PREFIX + "timestamp";
const BINARY_TAG = TAG_PREFIX + "binary";

/** Tags whose values go-yaml resolves from the text (resolvableTag); any other tag gives a string. */
const RESOLVABLE_TAGS = new Set(["", STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG]);

/** The spellings go-yaml resolves by table (resolve.go resolveMapList). */
const FIXED_VALUES = new Map<string, GoScalar>();
for (const [type, value, spellings] of [
  [GoType.Bool, true, "y Y yes Yes YES true True TRUE on On ON"],
  [GoType.Bool, false, "n N no No NO false False FALSE off Off OFF"],
  [GoType.Null, null, "~ null Null NULL"],
  [GoType.Float, NaN, ".nan .NaN .NAN"],
  [GoType.Float, Infinity, ".inf .Inf .INF +.inf +.Inf +.INF"],
  [GoType.Float, -Infinity, "-.inf -.Inf -.INF"],
] as const) {
  for (const spelling of spellings.split(" ")) FIXED_VALUES.set(spelling, Object.freeze({ type, value }));
}
FIXED_VALUES.set("", Object.freeze({ type: GoType.Null, value: null }));

/** go-yaml's hint from a scalar's first byte: which resolutions are worth trying. */
const enum Hint {
  None,
  Sign,
  Digit,
  InTable,
  Dot,
}
const HINTS = new Uint8Array(128);
HINTS[0x2b] = HINTS[0x2d] = Hint.Sign;
for (let c = 0x30; c <= 0x39; c++) HINTS[c] = Hint.Digit;
for (const c of "yYnNtTfFoO~") HINTS[c.charCodeAt(0)] = Hint.InTable;
HINTS[0x2e] = Hint.Dot;

/** yamlStyleFloat in resolve.go: decimal floats only (no hex, no inf/nan words, no `_`). */
const DECIMAL_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** The scalar node's value: `tag` is its resolved tag ("" for none), `implicit` as the parser says. */
export function goScalar(tag: string, value: string, implicit: boolean, offset: number): GoScalar {
  if (tag === "" && !implicit) return { type: GoType.String, value };
  if (!RESOLVABLE_TAGS.has(tag)) {
    if (tag === BINARY_TAG) return decodeBinary(value, offset);
    return { type: GoType.String, value };
  }
  const resolved = resolveText(tag, value);
  const resolvedTag = TAG_OF_TYPE[resolved.type];
  if (tag === "" || tag === resolvedTag || tag === STR_TAG) return resolved.type === GoType.Timestamp ? { type: GoType.String, value } : resolved;
  if (tag === FLOAT_TAG && resolved.type === GoType.Int) return { type: GoType.Float, value: Number(resolved.value) };
  throw new YamlSyntaxError(`cannot decode ${shortTag(resolvedTag)} \`${value}\` as a ${shortTag(tag)}`, offset);
}

/** The tag resolve() reports for each type (uint64 is an !!int that !!float does not take). */
const TAG_OF_TYPE: Record<GoType, string> = {
  [GoType.String]: STR_TAG,
  [GoType.Bytes]: BINARY_TAG,
  [GoType.Int]: INT_TAG,
  [GoType.Uint]: INT_TAG,
  [GoType.Float]: FLOAT_TAG,
  [GoType.Bool]: BOOL_TAG,
  [GoType.Null]: NULL_TAG,
  [GoType.Timestamp]: TIMESTAMP_TAG,
};

function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

/** resolve.go resolve(): the text's type and value. */
function resolveText(tag: string, text: string): GoScalar {
  const hint = text === "" ? Hint.InTable : (HINTS[text.charCodeAt(0)] ?? Hint.None);
  if (hint !== Hint.None && tag !== STR_TAG) {
    const fixed = FIXED_VALUES.get(text);
    if (fixed) return fixed;
    if (hint === Hint.Dot) {
      if (DECIMAL_FLOAT.test(text)) {
        const value = Number(text);
        if (Number.isFinite(value)) return { type: GoType.Float, value };
      }
    } else if (hint === Hint.Sign || hint === Hint.Digit) {
      if ((tag === "" || tag === TIMESTAMP_TAG) && isGoYamlTimestamp(text)) return { type: GoType.Timestamp, value: text };
      const plain = text.includes("_") ? text.replaceAll("_", "") : text;
      const int = parseGoInt(plain);
      if (int !== undefined) return { type: GoType.Int, value: int };
      const uint = parseGoUint(plain);
      if (uint !== undefined) return { type: GoType.Uint, value: uint };
      if (DECIMAL_FLOAT.test(plain)) {
        const value = Number(plain);
        if (Number.isFinite(value)) return { type: GoType.Float, value };
      }
      // resolve.go's later "0b" branches cannot succeed where base-0 parsing above failed.
    }
  }
  return { type: GoType.String, value: text };
}

/** strconv.ParseInt(s, 0, 64): sign, then 0x/0o/0b/leading-0 octal/decimal; undefined if invalid or out of range. */
function parseGoInt(s: string): number | bigint | undefined {
  if (s.length <= 15 && /^[-+]?[1-9][0-9]*$/.test(s)) return Number(s);
  const negative = s.startsWith("-");
  const magnitude = parseGoUint(s.startsWith("+") || negative ? s.slice(1) : s);
  if (magnitude === undefined) return undefined;
  const value = BigInt(magnitude);
  if (negative ? value > INT64_MAX + 1n : value > INT64_MAX) return undefined;
  return narrow(negative ? -value : value);
}

/** The digits each base accepts. */
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
/** Digits that always fit in a double exactly (below 2^53), per base. */
const SAFE_DIGITS: Record<number, number> = { 2: 53, 8: 17, 10: 15, 16: 13 };

/** strconv.ParseUint(s, 0, 64). */
function parseGoUint(s: string): number | bigint | undefined {
  if (s === "") return undefined;
  let base = 10;
  let digits = s;
  if (s[0] === "0") {
    const prefix = s.length >= 3 ? s[1]!.toLowerCase() : "";
    base = prefix === "b" ? 2 : prefix === "o" ? 8 : prefix === "x" ? 16 : 8;
    digits = prefix === "b" || prefix === "o" || prefix === "x" ? s.slice(2) : s.slice(1);
    if (digits === "") return 0; // "0" alone (a prefix needs at least one digit after it, see above)
  }
  if (!DIGITS[base]!.test(digits)) return undefined;
  if (digits.length <= SAFE_DIGITS[base]!) return parseInt(digits, base);
  const value = BigInt(base === 10 ? digits : `0${base === 2 ? "b" : base === 8 ? "o" : "x"}${digits}`);
  return value > UINT64_MAX ? undefined : narrow(value);
}

function narrow(value: bigint): number | bigint {
  return value >= -(2n ** 53n) && value <= 2n ** 53n ? Number(value) : value;
}

// --- timestamps ---------------------------------------------------------------------------------

/** resolve.go parseTimestamp: `YYYY-` then one of go-yaml's four time.Parse layouts. */
export function isGoYamlTimestamp(text: string): boolean {
  if (!/^[0-9]{4}-/.test(text)) return false;
  return TIMESTAMP_LAYOUTS.some((layout) => matchesLayout(text, layout));
}

type LayoutPart = "year" | "month" | "day" | "hour" | "minute" | "second" | "fraction" | "zone" | { literal: string };
const DATE: LayoutPart[] = ["year", { literal: "-" }, "month", { literal: "-" }, "day"];
const TIME: LayoutPart[] = ["hour", { literal: ":" }, "minute", { literal: ":" }, "second", "fraction"];
/** "2006-1-2T15:4:5.999999999Z07:00", the same with "t", "2006-1-2 15:4:5.999999999", "2006-1-2". */
const TIMESTAMP_LAYOUTS: LayoutPart[][] = [
  [...DATE, { literal: "T" }, ...TIME, "zone"],
  [...DATE, { literal: "t" }, ...TIME, "zone"],
  [...DATE, { literal: " " }, ...TIME],
  DATE,
];

const isDigitAt = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39;

/** time.Parse's getnum: one digit, or two if the second is a digit too. */
function number(s: string): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  const length = isDigitAt(s, 1) ? 2 : 1;
  return [Number(s.slice(0, length)), s.slice(length)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Go's time.Parse for the layouts above, as far as success or failure goes. */
function matchesLayout(text: string, layout: LayoutPart[]): boolean {
  let rest = text;
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of layout) {
    if (typeof part === "object") {
      if (part.literal === " ") {
        // A space in a layout matches one or more spaces.
        if (!rest.startsWith(" ")) return false;
        rest = rest.replace(/^ +/, "");
      } else if (!rest.startsWith(part.literal)) {
        return false;
      } else {
        rest = rest.slice(1);
      }
      continue;
    }
    switch (part) {
      case "year":
        if (!/^[0-9]{4}/.test(rest)) return false;
        year = Number(rest.slice(0, 4));
        rest = rest.slice(4);
        break;
      case "fraction": {
        const fraction = /^[.,][0-9]+/.exec(rest);
        if (fraction) rest = rest.slice(fraction[0].length);
        break;
      }
      case "zone": {
        if (rest.startsWith("Z")) {
          rest = rest.slice(1);
          break;
        }
        const zone = /^([+-])([0-9]{2}):([0-9]{2})/.exec(rest);
        if (!zone || Number(zone[2]) > 24 || Number(zone[3]) > 60) return false;
        rest = rest.slice(6);
        break;
      }
      default: {
        const parsed = number(rest);
        if (!parsed) return false;
        const [value, after] = parsed;
        rest = after;
        const limit = { month: 12, day: 31, hour: 23, minute: 59, second: 59 }[part];
        if (value > limit || (part === "month" && value === 0)) return false;
        if (part === "month") month = value;
        if (part === "day") day = value;
      }
    }
  }
  return rest === "" && day >= 1 && day <= daysIn(month, year);
}

// --- !!binary -----------------------------------------------------------------------------------

/** base64.StdEncoding.DecodeString (line breaks ignored, padding required), then a Go string. */
function decodeBinary(text: string, offset: number): GoScalar {
  const base64 = text.replace(/[\r\n]/g, "");
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64)) {
    throw new YamlSyntaxError("!!binary value contains invalid base64 data", offset);
  }
  const bytes = base64Bytes(base64);
  const { text: decoded, valid } = goString(bytes);
  return valid ? { type: GoType.String, value: decoded } : { type: GoType.Bytes, value: decoded, bytes: latin1(bytes) };
}

