/**
 * .gitignore patterns, matched as git matches them (gitignore(5), git 2.39): blank lines and `#`
 * comments skipped, trailing spaces dropped unless escaped, `\` escapes the next character; `!`
 * re-includes; a trailing `/` matches directories only; a pattern with a `/` at the start or in
 * the middle is matched against the path relative to the .gitignore's directory, one without
 * against the name at any depth; `*`, `?` and `[...]` never match `/`; `**` matches any number of
 * directories when it is a whole path segment (leading, trailing or between slashes), and is a
 * plain `*` elsewhere; brackets take ranges, `!`/`^` negation and POSIX classes (`[[:digit:]]`).
 * Within a file the last matching pattern wins, and a deeper .gitignore's patterns win over its
 * parents'. A path inside an ignored directory is never re-included: the walk does not enter
 * ignored directories.
 */

export interface IgnorePattern {
  /** The directory the pattern is relative to (absolute, `/`-separated, no trailing `/`). */
  base: string;
  negate: boolean;
  directoryOnly: boolean;
  /** Matched against the name alone (no `/` in the pattern) or the path relative to `base`. */
  basenameOnly: boolean;
  regex: RegExp;
}

/** The POSIX classes wildmatch knows inside brackets (`[[:digit:]]`), as regex class contents (ASCII, as git's ctype). */
const POSIX_CLASSES: Record<string, string> = {
  alnum: "a-zA-Z0-9",
  alpha: "a-zA-Z",
  blank: " \\t",
  cntrl: "\\x00-\\x1f\\x7f",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: " \\t\\n\\v\\f\\r",
  upper: "A-Z",
  xdigit: "0-9A-Fa-f",
};

/** `[...]` at `start` as a regex class that never matches `/`, and where it ends; undefined when unclosed (then `[` is literal). */
function bracket(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  const negate = pattern[i] === "!" || pattern[i] === "^";
  if (negate) i++;
  let body = "";
  for (let first = true; i < pattern.length; first = false, i++) {
    let char = pattern[i]!;
    if (char === "]" && !first) return { source: negate ? `[^/${body}]` : `(?!/)[${body}]`, end: i };
    const posix = char === "[" ? /^\[:([a-z]+):\]/.exec(pattern.slice(i)) : null;
    if (posix && POSIX_CLASSES[posix[1]!] !== undefined) {
      body += POSIX_CLASSES[posix[1]!];
      i += posix[0].length - 1;
      continue;
    }
    const escaped = char === "\\" && i + 1 < pattern.length;
    if (escaped) char = pattern[++i]!;
    body += char === "-" && !escaped && !first && pattern[i + 1] !== "]" ? "-" : char.replace(/[\\\]^[-]/, "\\$&");
  }
  return undefined;
}

/** The regex source of a glob (already stripped of `!`, the leading and the trailing `/`). */
function globSource(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === "\\") {
      if (i + 1 < glob.length) out += glob[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    } else if (char === "*") {
      let end = i;
      while (glob[end + 1] === "*") end++;
      const doubled = end > i;
      const atStart = i === 0 || glob[i - 1] === "/";
      const atEnd = end + 1 === glob.length || glob[end + 1] === "/";
      if (doubled && atStart && atEnd) {
        // `**/` (any directories, none included), or a final `**` (everything below).
        if (end + 1 === glob.length) out += ".*";
        else {
          out += "(?:.*/)?";
          end++;
        }
      } else out += "[^/]*";
      i = end;
    } else if (char === "?") out += "[^/]";
    else if (char === "[") {
      const klass = bracket(glob, i);
      if (klass) {
        out += klass.source;
        i = klass.end;
      } else out += "\\[";
    } else out += char.replace(/[.+^${}()|\]\\/]/g, "\\$&");
  }
  return out;
}

/** One line of a .gitignore, or undefined for a blank line or comment. */
export function parsePattern(line: string, base: string): IgnorePattern | undefined {
  let text = line.replace(/\r$/, "");
  // Trailing spaces go, from the first one that follows no escaped character.
  let lastSpace: number | undefined;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === " ") lastSpace ??= i;
    else {
      lastSpace = undefined;
      if (text[i] === "\\") i++;
    }
  }
  if (lastSpace !== undefined) text = text.slice(0, lastSpace);
  if (text === "" || text.startsWith("#")) return undefined;
  const negate = text.startsWith("!");
  if (negate) text = text.slice(1);
  const directoryOnly = text.endsWith("/");
  if (directoryOnly) text = text.slice(0, -1);
  if (text === "") return undefined;
  const basenameOnly = !text.includes("/");
  if (text.startsWith("/")) text = text.slice(1);
  return { base, negate, directoryOnly, basenameOnly, regex: new RegExp(`^${globSource(text)}$`) };
}

/** The patterns of a .gitignore's text, relative to `base`. */
export function parseIgnoreFile(text: string, base: string): IgnorePattern[] {
  return text.split("\n").flatMap((line) => parsePattern(line, base) ?? []);
}

/**
 * Whether `path` (absolute, `/`-separated) is ignored by the pattern lists, ordered from the
 * lowest precedence (the repository root's) to the highest (the deepest directory's, then the
 * command line's).
 */
export function isIgnored(lists: readonly IgnorePattern[][], path: string, isDirectory: boolean): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  for (let l = lists.length - 1; l >= 0; l--) {
    const patterns = lists[l]!;
    for (let p = patterns.length - 1; p >= 0; p--) {
      const pattern = patterns[p]!;
      if (pattern.directoryOnly && !isDirectory) continue;
      if (!path.startsWith(`${pattern.base}/`)) continue;
      if (pattern.regex.test(pattern.basenameOnly ? name : path.slice(pattern.base.length + 1))) return !pattern.negate;
    }
  }
  return false;
}
