/**
 * Variable substitution in a Dockerfile word (USER, ENV and ARG values, FROM names), as BuildKit's
 * shell lexer does it (moby/buildkit frontend/dockerfile/shell/lex.go `ProcessWord`):
 * - `$name`, `${name}`; `${name:-word}` / `${name-word}` (default when unset or empty / unset),
 *   `${name:+word}` / `${name+word}` (alternative when set and non-empty / set), `${name:?msg}` /
 *   `${name?msg}` (the build fails when unset or empty / unset); the word is itself expanded;
 * - single quotes are literal, double quotes allow substitution, the escape character makes the next
 *   character literal (inside double quotes only before `"`, `$` and itself); quotes are removed;
 * - a `$` that starts no name is literal; an unset variable is the empty string.
 * Pattern operators (`#`, `%`, `/`) are not evaluated: the word is reported as not resolvable.
 */

/** What the build knows of a variable at this point. */
export type VariableValue =
  | { state: "set"; value: string }
  | { state: "unset" }
  /** A build argument that is a Pulumi output not known yet (preview). */
  | { state: "not-known-yet" }
  /** Possibly set by the base image's ENV, which the Dockerfile does not show. */
  | { state: "unseen" };

export type Expansion =
  | { state: "resolved"; value: string }
  | { state: "not-known-yet"; variable: string }
  | { state: "unresolvable"; variable: string; reason: string };

class Unresolved extends Error {
  constructor(readonly expansion: Exclude<Expansion, { state: "resolved" }>) {
    super(expansion.variable);
  }
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const SPECIAL = /[*#@?$!-]/;

/** Expands one word; `lookup` says what each variable holds. */
export function expandWord(word: string, escape: string, lookup: (name: string) => VariableValue): Expansion {
  let position = 0;

  function valueOf(name: string): { set: boolean; value: string } {
    const value = lookup(name);
    if (value.state === "set") return { set: true, value: value.value };
    if (value.state === "unset") return { set: false, value: "" };
    if (value.state === "not-known-yet") throw new Unresolved({ state: "not-known-yet", variable: name });
    throw new Unresolved({ state: "unresolvable", variable: name, reason: `$${name} is not declared by an ARG or ENV the build reaches, so its value comes from the base image's environment (or is empty), which the Dockerfile does not show` });
  }

  function readName(): string {
    const start = position;
    if (/[0-9]/.test(word[position] ?? "")) {
      while (/[0-9]/.test(word[position] ?? "")) position++;
    } else if (SPECIAL.test(word[position] ?? "") && !NAME_START.test(word[position] ?? "")) {
      position++;
    } else {
      while (position < word.length && NAME_PART.test(word[position]!)) position++;
    }
    return word.slice(start, position);
  }

  function braced(): string {
    const name = readName();
    if (name === "") throw new Unresolved({ state: "unresolvable", variable: word, reason: `"${word}" has a malformed \${...} substitution` });
    if (word[position] === "}") {
      position++;
      return valueOf(name).value;
    }
    const colon = word[position] === ":";
    if (colon) position++;
    const operator = word[position++];
    if (operator !== "-" && operator !== "+" && operator !== "?") {
      throw new Unresolved({ state: "unresolvable", variable: name, reason: `\${${name}${colon ? ":" : ""}${operator ?? ""}...} uses a pattern operator that is not evaluated here` });
    }
    const alternative = until("}");
    if (word[position] !== "}") throw new Unresolved({ state: "unresolvable", variable: name, reason: `"${word}" has an unterminated \${...} substitution` });
    position++;
    const { set, value } = valueOf(name);
    const present = colon ? set && value !== "" : set;
    if (operator === "-") return present ? value : alternative;
    if (operator === "+") return present ? alternative : "";
    if (!present) throw new Unresolved({ state: "unresolvable", variable: name, reason: `\${${name}?} fails the build when ${name} is ${colon ? "unset or empty" : "unset"}` });
    return value;
  }

  function dollar(): string {
    position++;
    if (word[position] === "{") {
      position++;
      return braced();
    }
    const name = readName();
    return name === "" ? "$" : valueOf(name).value;
  }

  function doubleQuoted(): string {
    let text = "";
    while (position < word.length && word[position] !== '"') {
      const character = word[position]!;
      if (character === "$") {
        text += dollar();
        continue;
      }
      if (character === escape && position + 1 < word.length && ['"', "$", escape].includes(word[position + 1]!)) {
        text += word[position + 1];
        position += 2;
        continue;
      }
      text += character;
      position++;
    }
    position++;
    return text;
  }

  function until(stop: string | undefined): string {
    let text = "";
    while (position < word.length && word[position] !== stop) {
      const character = word[position]!;
      if (character === "'") {
        const end = word.indexOf("'", position + 1);
        const close = end === -1 ? word.length : end;
        text += word.slice(position + 1, close);
        position = close + 1;
      } else if (character === '"') {
        position++;
        text += doubleQuoted();
      } else if (character === "$") {
        text += dollar();
      } else if (character === escape && position + 1 < word.length) {
        text += word[position + 1];
        position += 2;
      } else {
        text += character;
        position++;
      }
    }
    return text;
  }

  try {
    return { state: "resolved", value: until(undefined) };
  } catch (error) {
    if (error instanceof Unresolved) return error.expansion;
    throw error;
  }
}
