/**
 * JSON files read whole (a --config policy config, a Compose service's seccomp profile): the value
 * as JSON.parse reads it, and a refusal in encoding/json's words with line and column, as Pulumi and
 * Docker (Go programs) would refuse the file. The engine's own message is never shown: V8 and
 * QuickJS (the native build) word it differently, and neither says where in lines.
 */
import { isJsonWhitespace, JsonSyntaxError, readJsonValue } from "./go-json";

export class JsonFileError extends Error {}

function skipWhitespace(text: string, from: number): number {
  let pos = from;
  while (pos < text.length && isJsonWhitespace(text.charCodeAt(pos))) pos++;
  return pos;
}

function lineAndColumn(text: string, offset: number): string {
  const lines = text.slice(0, offset).split("\n");
  return `line ${lines.length}, column ${lines.at(-1)!.length + 1}`;
}

function refusal(text: string): string {
  const start = skipWhitespace(text, 0);
  if (start === text.length) return "unexpected end of JSON input";
  try {
    const after = skipWhitespace(text, readJsonValue(text, start).end);
    return after < text.length ? `${lineAndColumn(text, after)}: invalid character after top-level value` : "not JSON";
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return `${lineAndColumn(text, error.offset)}: ${error.message}`;
  }
}

/** The value of JSON text; throws JsonFileError saying where and why it is not JSON. */
export function parseJsonFile(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new JsonFileError(refusal(text));
  }
}
