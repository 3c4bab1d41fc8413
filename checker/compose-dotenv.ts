/**
 * The `.env` file Compose reads from the project directory (the Compose file's) to interpolate it,
 * read as compose-go's dotenv reads it: `NAME=value` lines, optionally after `export `; `#` starts a
 * comment line, or a comment after an unquoted value when preceded by a blank; a value in single
 * quotes is literal, one in double quotes understands `\n`, `\"` and `\\`; unquoted and double-quoted
 * values expand variables set earlier in the file. A value that depends on something the file does
 * not set is NOT_KNOWN (it is set when Compose runs, to something that cannot be seen here).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Unknown } from "../rules/values";
import { interpolate, NOT_KNOWN, type Environment } from "./compose-variables";

export interface DotenvFile {
  /** The file's path, undefined when there is none. */
  file?: string;
  environment: Environment;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/** A value as written after `=`: its text, and whether variables in it are expanded. */
function valueOf(raw: string): { text: string; expand: boolean } {
  const quote = raw[0];
  if (quote === "'" || quote === '"') {
    const close = raw.indexOf(quote, 1);
    let text = raw.slice(1, close < 0 ? undefined : close);
    if (quote === '"') text = text.replace(/\\([n"\\])/g, (_, escaped: string) => (escaped === "n" ? "\n" : escaped));
    return { text, expand: quote === '"' };
  }
  return { text: raw.replace(/\s+#.*$/, "").trim(), expand: true };
}

/** The variables of `.env` in `directory` (none when it has no such file). */
export function readDotenv(directory: string): DotenvFile {
  const file = join(directory, ".env");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { environment: new Map() };
  }
  const environment = new Map<string, string | Unknown>();
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (!match || line.trimStart().startsWith("#")) continue;
    const { text: value, expand } = valueOf(match[2]!);
    if (!expand || !value.includes("$")) {
      environment.set(match[1]!, value);
      continue;
    }
    const expanded = interpolate(value, environment);
    environment.set(match[1]!, expanded.state === "resolved" ? expanded.value : NOT_KNOWN);
  }
  return { file, environment };
}
