/**
 * Variables in a Compose file's values, as Compose interpolates them (compose-go `template`):
 * `$$` is a literal `$`; `$NAME` and `${NAME}` are the variable; `${NAME:-default}` /
 * `${NAME-default}` give a default when it is unset or empty / unset (the default may itself hold
 * variables); `${NAME:?message}` / `${NAME?message}` make it required; `${NAME:+other}` /
 * `${NAME+other}` substitute `other` when it is set and not empty / set.
 *
 * What the checker knows of the environment Compose will run in is the `.env` file next to the
 * Compose file (checker/compose-dotenv.ts), which Compose reads too; the shell and a pipeline's
 * secrets cannot be seen. So a variable the `.env` file sets takes that value, one it does not set
 * takes its default, and anything else is not known: a value that holds one is replaced by the
 * unknown sentinel, which every rule reports as `unknown` (never a pass), and the reason is kept
 * for the message.
 */
import { copyTree, isUnknown, UNKNOWN, type Unknown } from "../rules/values";

/** The variables the `.env` file sets; a value that is itself not known is NOT_KNOWN. */
export type Environment = ReadonlyMap<string, string | Unknown>;

export type Interpolation = { state: "resolved"; value: string; used: string[] } | { state: "unresolved"; variables: string[] };

/** Why a value could not be resolved, and what makes it verifiable. */
export interface Reason {
  why: string;
  fix: string;
}

/** Why values could not be resolved, by the Compose path of the value (`services.web.user`). */
export type Unresolved = Map<string, Reason>;

/** The fix for a value that depends on the environment. */
export const GIVE_A_DEFAULT = "Give the variable a default that complies (${NAME:-value}) or set it in .env, or check the file with the value written in.";

/** What a value that cannot be known here is replaced with: the catalogue's unknown value. */
export const NOT_KNOWN: Unknown = UNKNOWN;

const NO_ENVIRONMENT: Environment = new Map();
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

interface Scan {
  environment: Environment;
  missing: string[];
  used: string[];
}

/** The end of the `${...}` whose `$` is at `start`, nested `${...}` skipped; -1 when it has none. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** A word of an operator (a default, an alternative), expanded in turn. */
function word(text: string, scan: Scan): string {
  const result = interpolate(text, scan.environment);
  if (result.state === "unresolved") {
    scan.missing.push(...result.variables);
    return "";
  }
  scan.used.push(...result.used);
  return result.value;
}

/** One `${...}` body: `NAME`, or `NAME` followed by an operator and a word. */
function braced(body: string, scan: Scan): string {
  const name = NAME.exec(body)?.[0];
  const rest = name === undefined ? "" : body.slice(name.length);
  const operator = /^(:-|-|:\?|\?|:\+|\+)?/.exec(rest)![0];
  if (name === undefined || (rest !== "" && operator === "")) {
    // Not a variable Compose accepts (it refuses the file): nothing can be known of it.
    scan.missing.push(`\${${body}}`);
    return "";
  }
  const value = scan.environment.get(name);
  if (isUnknown(value)) {
    scan.missing.push(name);
    return "";
  }
  const set = value !== undefined;
  const nonEmpty = set && value !== "";
  const alternative = rest.slice(operator.length);
  const given = (result: string) => {
    scan.used.push(name);
    return result;
  };
  switch (operator) {
    case ":-":
      return nonEmpty ? given(value) : word(alternative, scan);
    case "-":
      return set ? given(value) : word(alternative, scan);
    case ":+":
      // Unset here may be set by the shell: which branch applies is not known.
      if (!set) break;
      return nonEmpty ? given(word(alternative, scan)) : given("");
    case "+":
      if (!set) break;
      return given(word(alternative, scan));
    default:
      // `${NAME}`, `${NAME:?...}`, `${NAME?...}`: the value itself.
      if (operator === ":?" ? nonEmpty : set) return given(value!);
  }
  scan.missing.push(name);
  return "";
}

/** The value of one string with its variables resolved from `environment` and defaults, or the variables it depends on. */
export function interpolate(text: string, environment: Environment = NO_ENVIRONMENT): Interpolation {
  const scan: Scan = { environment, missing: [], used: [] };
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (character !== "$") {
      out += character;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "{") {
      const close = closingBrace(text, i);
      if (close < 0) {
        scan.missing.push(text.slice(i));
        break;
      }
      out += braced(text.slice(i + 2, close), scan);
      i = close;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (name === undefined) out += "$";
      else {
        out += braced(name, scan);
        i += name.length;
      }
    }
  }
  return scan.missing.length > 0 ? { state: "unresolved", variables: [...new Set(scan.missing)] } : { state: "resolved", value: out, used: [...new Set(scan.used)] };
}

/** A dotted Compose path from the keys of a value (`services.web.volumes[0]`). */
export function composePath(keys: ReadonlyArray<string | number>): string {
  return keys.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

/**
 * A copy of `tree` (found at `root` in the file) with every string interpolated; a string that
 * cannot be resolved becomes the unknown value, and why is recorded in `unresolved`; a value
 * that took a variable from `environment` is recorded in `used` (`environmentFile` names it).
 */
export function interpolateTree(
  tree: unknown,
  root: ReadonlyArray<string | number>,
  unresolved: Unresolved,
  environment: Environment = NO_ENVIRONMENT,
  used?: { notes: Map<string, string>; environmentFile: string },
): unknown {
  return copyTree(tree, (value, path) => {
    if (typeof value !== "string" || !value.includes("$")) return value;
    const result = interpolate(value, environment);
    if (result.state === "resolved") {
      if (used && result.used.length > 0) used.notes.set(composePath([...root, ...path()]), `${result.used.map((name) => `\${${name}}`).join(", ")} from ${used.environmentFile}`);
      return result.value;
    }
    const variables = result.variables.map((name) => (name.startsWith("$") ? name : `\${${name}}`)).join(", ");
    unresolved.set(composePath([...root, ...path()]), { why: `it uses ${variables} with no default, whose value Compose takes from the environment when it runs`, fix: GIVE_A_DEFAULT });
    return NOT_KNOWN;
  });
}
