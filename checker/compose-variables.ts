/**
 * Variables in a Compose file's values, as Compose interpolates them (compose-go `template`):
 * `$$` is a literal `$`; `$NAME` and `${NAME}` are the variable; `${NAME:-default}` /
 * `${NAME-default}` give a default (the default may itself hold variables); `${NAME:?message}` /
 * `${NAME?message}` make it required; `${NAME:+other}` / `${NAME+other}` substitute when it is set.
 *
 * The checker does not know the environment Compose will run in (the shell's, a `.env` file, a
 * pipeline's secrets), so a default is taken as the value and everything else is not known: a
 * value that holds one is replaced by the unknown sentinel, which every rule reports as `unknown`
 * (never a pass), and the reason is kept for the message.
 */
import { copyTree, UNKNOWN_SENTINELS } from "../rules/values";

export type Interpolation = { state: "resolved"; value: string } | { state: "unresolved"; variables: string[] };

/** Why values could not be resolved, by the Compose path of the value (`services.web.user`). */
export type Unresolved = Map<string, string>;

/** The sentinel a value that cannot be known here is replaced with (any sentinel reads as unknown). */
export const NOT_KNOWN: string = [...UNKNOWN_SENTINELS][0]!;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

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

/** One `${...}` body: `NAME`, or `NAME` followed by an operator and a word. */
function braced(body: string, missing: string[]): string {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) {
    missing.push(`\${${body}}`);
    return "";
  }
  const rest = body.slice(name.length);
  const operator = /^(:-|-|:\?|\?|:\+|\+)?/.exec(rest)![0];
  if (rest === "" || (operator !== "-" && operator !== ":-")) {
    // Unset, required, or substituted only when set: all depend on the environment.
    missing.push(name);
    return "";
  }
  const fallback = interpolate(rest.slice(operator.length));
  if (fallback.state === "unresolved") missing.push(...fallback.variables);
  return fallback.state === "resolved" ? fallback.value : "";
}

/** The value of one string with its variables resolved, or the variables it depends on. */
export function interpolate(text: string): Interpolation {
  const missing: string[] = [];
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
        missing.push(text.slice(i));
        break;
      }
      out += braced(text.slice(i + 2, close), missing);
      i = close;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (name === undefined) out += "$";
      else {
        missing.push(name);
        i += name.length;
      }
    }
  }
  return missing.length > 0 ? { state: "unresolved", variables: [...new Set(missing)] } : { state: "resolved", value: out };
}

/** A dotted Compose path from the keys of a value (`services.web.volumes[0]`). */
export function composePath(keys: ReadonlyArray<string | number>): string {
  return keys.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

/**
 * A copy of `tree` (found at `root` in the file) with every string interpolated; a string that
 * cannot be resolved becomes the unknown sentinel, and why is recorded in `unresolved`.
 */
export function interpolateTree(tree: unknown, root: ReadonlyArray<string | number>, unresolved: Unresolved): unknown {
  return copyTree(tree, (value, path) => {
    if (typeof value !== "string" || !value.includes("$")) return value;
    const result = interpolate(value);
    if (result.state === "resolved") return result.value;
    const variables = result.variables.map((name) => (name.startsWith("$") ? name : `\${${name}}`)).join(", ");
    unresolved.set(composePath([...root, ...path()]), `it uses ${variables} with no default, whose value Compose takes from the environment or the .env file when it runs`);
    return NOT_KNOWN;
  });
}
