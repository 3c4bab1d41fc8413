/**
 * One JSON value as kubectl reads it from a JSON manifest: the syntax of Go's encoding/json Decoder
 * (which cuts the stream into values; nesting deeper than 10000 is a syntax error) and the values of
 * sigs.k8s.io/json UnmarshalCaseSensitivePreserveInts, which the API machinery decodes objects with:
 * an integer without "." that fits int64 is an int64 (so -0 is 0), any other number a float64 (out
 * of range: this one object cannot be decoded), the last of duplicate keys wins, and a \u escape of
 * a lone surrogate is U+FFFD. Built without recursion.
 */

import { setOwnProperty } from "../rules/values";

/** A syntax error at an offset; like YamlSyntaxError, not an Error (no stack trace to capture). */
export class JsonSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Where each part of a JSON value is written, for locate(). */
export interface JsonPositions {
  offset: number;
  members?: Map<string, { keyOffset: number; positions: JsonPositions }>;
  items?: JsonPositions[];
}

export interface JsonValue {
  value: unknown;
  /** Offset just after the value. */
  end: number;
  /** Offsets of keys that repeat an earlier key of their object (the strict decoder refuses them). */
  duplicates: Array<{ offset: number; key: string }>;
  /** A number the API machinery cannot decode, which makes the object unreadable for Kubernetes. */
  numberError?: { offset: number; message: string };
  positions?: JsonPositions;
}

/** encoding/json's scanner maxNestingDepth. */
const MAX_DEPTH = 10000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

interface Open {
  container: Record<string, unknown> | unknown[];
  positions: JsonPositions | undefined;
  /** For an object: the key whose value comes next, and where it is written. */
  key: string;
  keyOffset: number;
  seen: Set<string> | undefined;
}

/** Reads the JSON value that starts at `start` (a non-whitespace character). */
export function readJsonValue(text: string, start: number, withPositions = false): JsonValue {
  const result: JsonValue = { value: undefined, end: start, duplicates: [] };
  const open: Open[] = [];
  let pos = start;
  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(at >= text.length ? "unexpected end of JSON input" : message, at);
  };
  const skipWhitespace = () => {
    while (pos < text.length && isJsonWhitespace(text.charCodeAt(pos))) pos++;
  };
  // Places a finished value in its container (or as the result) and says whether the whole is done.
  const place = (value: unknown, positions: JsonPositions | undefined): boolean => {
    const top = open[open.length - 1];
    if (!top) {
      result.value = value;
      result.positions = positions;
      return true;
    }
    if (Array.isArray(top.container)) {
      top.container.push(value);
      top.positions?.items!.push(positions!);
    } else {
      setOwnProperty(top.container, top.key, value);
      top.positions?.members!.set(top.key, { keyOffset: top.keyOffset, positions: positions! });
    }
    return false;
  };

  for (;;) {
    // A value starts at pos.
    skipWhitespace();
    const valueStart = pos;
    const c = text.charCodeAt(pos);
    let value: unknown;
    let done = false;
    if (c === 0x7b || c === 0x5b) {
      if (open.length >= MAX_DEPTH) fail("exceeded max depth");
      const isObject = c === 0x7b;
      const positions: JsonPositions | undefined = withPositions ? { offset: valueStart, ...(isObject ? { members: new Map() } : { items: [] }) } : undefined;
      open.push({ container: isObject ? {} : [], positions, key: "", keyOffset: 0, seen: undefined });
      pos++;
      skipWhitespace();
      const close = isObject ? 0x7d : 0x5d;
      if (text.charCodeAt(pos) !== close) {
        if (isObject) readKey();
        continue;
      }
      pos++;
      const finished = open.pop()!;
      done = place(finished.container, finished.positions);
    } else {
      value = readScalar();
      done = place(value, withPositions ? { offset: valueStart } : undefined);
    }
    // Close every container the value completes.
    while (!done) {
      skipWhitespace();
      const top = open[open.length - 1]!;
      const isObject = !Array.isArray(top.container);
      const next = text.charCodeAt(pos);
      if (next === 0x2c) {
        pos++;
        if (isObject) readKey();
        break;
      }
      if (next !== (isObject ? 0x7d : 0x5d)) fail(`invalid character after ${isObject ? "object key:value pair" : "array element"}`);
      pos++;
      open.pop();
      done = place(top.container, top.positions);
    }
    if (done) break;
  }
  result.end = pos;
  return result;

  function readKey(): void {
    skipWhitespace();
    if (text.charCodeAt(pos) !== 0x22) fail("invalid character looking for beginning of object key string");
    const top = open[open.length - 1]!;
    top.keyOffset = pos;
    top.key = readString();
    top.seen ??= new Set();
    if (top.seen.has(top.key)) result.duplicates.push({ offset: top.keyOffset, key: top.key });
    top.seen.add(top.key);
    skipWhitespace();
    if (text.charCodeAt(pos) !== 0x3a) fail("invalid character after object key");
    pos++;
  }

  function readScalar(): unknown {
    const c = text.charCodeAt(pos);
    if (c === 0x22) return readString();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    number.lastIndex = pos;
    const match = number.exec(text);
    if (!match || match[0] === "-") fail("invalid character looking for beginning of value");
    const literal = match![0];
    // Go's scanner fails when the number stops in the middle of its grammar ("1.", "1e", "1e+");
    // after a complete number the next character is the container's (or the next value's) business.
    const after = text.charCodeAt(pos + literal.length);
    const hasExponent = /[eE]/.test(literal);
    if ((after === 0x2e && !literal.includes(".") && !hasExponent) || ((after === 0x65 || after === 0x45) && !hasExponent)) {
      fail("invalid character in numeric literal", pos + literal.length);
    }
    const offset = pos;
    pos += literal.length;
    return numberValue(literal, offset);
  }

  function numberValue(literal: string, offset: number): number {
    const value = Number(literal);
    if (!literal.includes(".") && /^-?[0-9]+$/.test(literal)) {
      const fitsInt64 = literal.length < 19 || (BigInt(literal) >= INT64_MIN && BigInt(literal) <= INT64_MAX);
      if (fitsInt64) return value + 0; // int64: no negative zero
    }
    if (!Number.isFinite(value)) result.numberError ??= { offset, message: `cannot unmarshal number ${literal} into Go value of type float64` };
    return value;
  }

  function readString(): string {
    pos++;
    let out = "";
    let run = pos;
    for (;;) {
      if (pos >= text.length) fail("unexpected end of JSON input");
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(run, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail("invalid character in string literal");
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(run, pos);
      const escape = text[pos + 1];
      const simple = escape === undefined ? undefined : SIMPLE_ESCAPES[escape];
      if (simple !== undefined) {
        out += simple;
        pos += 2;
      } else if (escape === "u") {
        const unit = hex4(pos + 2);
        if (unit < 0) fail("invalid character in \\u hexadecimal character escape", pos + 2);
        pos += 6;
        if (unit >= 0xd800 && unit < 0xe000) {
          // A surrogate: a valid pair only as high then low; anything else is U+FFFD.
          const low = text.startsWith("\\u", pos) ? hex4(pos + 2) : -1;
          if (unit < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
            out += String.fromCharCode(unit, low);
            pos += 6;
          } else {
            out += "\ufffd";
          }
        } else {
          out += String.fromCharCode(unit);
        }
      } else {
        fail("invalid character in string escape code", pos + 1);
      }
      run = pos;
    }
  }

  function hex4(at: number): number {
    const digits = text.slice(at, at + 4);
    return /^[0-9a-fA-F]{4}$/.test(digits) ? parseInt(digits, 16) : -1;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
