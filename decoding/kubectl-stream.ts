/**
 * How kubectl cuts a manifest file into documents (k8s.io/cli-runtime v0.37.2 StreamVisitor over
 * k8s.io/apimachinery v0.37.2 util/yaml YAMLOrJSONDecoder), before each is decoded:
 *
 * - JSON when the first non-space character within the first 4096 bytes is `{`: Go's JSON decoder
 *   reads values one after another. A syntax error after 0 or 1 values rewinds to the end of the
 *   last value, skips white space up to and including the first newline (failing when fewer than 4
 *   bytes are left, or at U+FFFD), and reads the rest as YAML; after 2 or more it ends the stream.
 * - YAML is read line by line (a "\r" before "\n" dropped, the last line given a "\n") and cut at
 *   every line that starts with `---`; after `---` only white space or a `#` comment may follow,
 *   anything else (`--- {a: 1}`, `--- |`, `----`) ends the stream with an error. A `---` line that
 *   ends a document is dropped; one that starts a document (the first line, or right after another
 *   `---`) stays in it, so go-yaml sees an explicit document start (after which `...` alone is an
 *   empty document, where without it `...` is an error).
 */
import { isJsonWhitespace, JsonSyntaxError, readJsonValue, type JsonValue } from "./go-json";

export interface YamlPart {
  format: "yaml";
  /** The document's text as go-yaml receives it. */
  text: string;
  /** Offset in the source of an offset in `text`. */
  toSource(offset: number): number;
}

export interface JsonPart {
  format: "json";
  json: JsonValue;
  start: number;
}

export interface StreamError {
  format: "error";
  message: string;
  offset: number;
}

export type StreamPart = YamlPart | JsonPart | StreamError;

/** kubectl's JSON detection peeks this many bytes (NewYAMLOrJSONDecoder's buffer size). */
const PEEK_BYTES = 4096;

/** Go's unicode.IsSpace. */
export function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** IsJSONBuffer over the first 4096 bytes: white space, then `{` inside those bytes. */
function looksLikeJson(source: string): boolean {
  let bytes = 0;
  for (let i = 0; i < source.length; ) {
    const c = source.codePointAt(i)!;
    if (bytes + utf8Length(c) > PEEK_BYTES) return false;
    if (!isGoSpace(c)) return c === 0x7b;
    bytes += utf8Length(c);
    i += c > 0xffff ? 2 : 1;
  }
  return false;
}

/** YAMLOrJSONDecoder.consumeWhitespace: where YAML starts after a JSON failure, or undefined. */
function yamlStartAfterJson(source: string, from: number): number | undefined {
  for (let i = from; ; ) {
    // It reads 4 bytes at a time and gives up when fewer are left.
    let available = 0;
    for (let j = i; j < source.length && available < 4; ) {
      const c = source.codePointAt(j)!;
      available += utf8Length(c);
      j += c > 0xffff ? 2 : 1;
    }
    if (available < 4) return undefined;
    const c = source.codePointAt(i)!;
    if (c === 0xfffd) return undefined;
    if (!isGoSpace(c)) return i;
    i += c > 0xffff ? 2 : 1;
    if (c === 0x0a) return i;
  }
}

/** The documents (and the error that ends the stream, if any) of a file's contents. */
export function* kubectlStream(source: string): Generator<StreamPart> {
  if (!looksLikeJson(source)) {
    yield* yamlDocuments(source, 0);
    return;
  }
  let pos = 0;
  let lastEnd = 0;
  let count = 0;
  for (;;) {
    while (pos < source.length && isJsonWhitespace(source.charCodeAt(pos))) pos++;
    if (pos >= source.length) return;
    let json: JsonValue;
    try {
      json = readJsonValue(source, pos);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const failure: StreamError = { format: "error", message: `json: ${error.message}`, offset: error.offset };
      const yamlStart = count > 1 ? undefined : yamlStartAfterJson(source, lastEnd);
      if (yamlStart === undefined) {
        yield failure;
        return;
      }
      // Reading YAML from there; if its first document fails, kubectl reports the JSON error.
      let first = true;
      for (const part of yamlDocuments(source, yamlStart)) {
        yield first && part.format === "error" ? failure : part;
        first = false;
      }
      return;
    }
    count++;
    const start = pos;
    pos = lastEnd = json.end;
    if (json.value !== null) yield { format: "json", json, start };
  }
}

/** YAMLReader: documents cut at `---` lines, from `from` on. */
function* yamlDocuments(source: string, from: number): Generator<YamlPart | StreamError> {
  let chunkStart = from;
  let pieces: string[] | undefined;
  /** Offsets in the chunk's text where a "\r" of the source was dropped. */
  let dropped: number[] = [];
  let length = 0;
  const chunk = (end: number): YamlPart => {
    const text = pieces ? pieces.join("") : source.slice(chunkStart, end);
    const start = chunkStart;
    const removed = dropped;
    return {
      format: "yaml",
      text,
      toSource: (offset) => start + offset + removed.filter((at) => at <= offset).length,
    };
  };
  let lineStart = from;
  while (lineStart < source.length) {
    const newline = source.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? source.length : newline;
    const next = newline < 0 ? source.length : newline + 1;
    const dropsReturn = newline >= 0 && lineEnd > lineStart && source.charCodeAt(lineEnd - 1) === 0x0d;
    const contentEnd = dropsReturn ? lineEnd - 1 : lineEnd;
    const separator = source.startsWith("---", lineStart) && contentEnd - lineStart >= 3;
    if (separator) {
      let i = lineStart + 3;
      while (i < contentEnd && isGoSpace(source.charCodeAt(i))) i++;
      if (i < contentEnd && source[i] !== "#") {
        yield { format: "error", message: `invalid Yaml document separator: ${source.slice(lineStart + 3, contentEnd).trim()}`, offset: lineStart };
        return;
      }
    }
    if (separator && length > 0) {
      // The separator ends the document and is dropped.
      yield chunk(lineStart);
      chunkStart = next;
      pieces = undefined;
      dropped = [];
      length = 0;
    } else {
      // Any other line, and a separator that starts a document (YAMLReader keeps it: go-yaml then
      // reads an explicit document start), goes into the document.
      // A line as LineReader returns it: without "\r\n" or "\n", then with "\n".
      if (dropsReturn || newline < 0) {
        pieces ??= [source.slice(chunkStart, lineStart)];
        if (dropsReturn) dropped.push(length + (contentEnd - lineStart));
        pieces.push(source.slice(lineStart, contentEnd), "\n");
      } else if (pieces) {
        pieces.push(source.slice(lineStart, next));
      }
      length += contentEnd - lineStart + 1;
    }
    lineStart = next;
  }
  if (length > 0) yield chunk(source.length);
}
