/**
 * The Dockerfile reader: a Dockerfile's text as the list of instructions BuildKit would see.
 *
 * It follows BuildKit's parser (moby/buildkit frontend/dockerfile/parser/parser.go):
 * - parser directives (`# escape=`, `# syntax=`, `# check=`) only before any instruction, comment or
 *   blank line; `escape` is `\` (default) or a backtick;
 * - a line ending in the escape character (trailing spaces/tabs allowed, not itself escaped) continues
 *   on the next; comment and blank lines inside a continuation are dropped;
 * - a line whose first non-blank character is `#` is a comment;
 * - instruction names are case-insensitive; leading `--flag[=value]` words are the instruction's flags;
 * - RUN, COPY and ADD (and ONBUILD wrapping them) may open heredocs (`<<EOF`, `<<-EOF`, `<<"EOF"`,
 *   `3<<EOF`): the lines up to each terminator are content, never instructions;
 * - JSON form (`["a", "b"]`) is recognised when the arguments parse as a JSON array of strings.
 *
 * Nothing is expanded here; variable substitution is `dockerfile-substitution.ts`.
 */

export interface Instruction {
  /** The instruction name in upper case, e.g. `USER`. */
  keyword: string;
  /** The `--name[=value]` flags before the arguments, e.g. `{ platform: "linux/amd64" }`. */
  flags: Record<string, string>;
  /** The arguments after the flags, continuation lines joined, surrounding whitespace trimmed. */
  args: string;
  /** The arguments as a list when written in JSON form. */
  json?: string[];
  /** The 1-based line the instruction starts on. */
  line: number;
}

export interface Dockerfile {
  /** The escape character: `\` or, with `# escape=\``, a backtick. */
  escape: string;
  instructions: Instruction[];
}

/** A Dockerfile BuildKit itself would refuse (the build fails, so nothing is judged from it). */
/** A Dockerfile BuildKit refuses; `line` is where, when one line is to blame. */
export class DockerfileSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = "DockerfileSyntaxError";
  }
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
// An unknown directive is a comment and, like any comment, ends the directives.
const KNOWN_DIRECTIVES = new Set(["syntax", "escape", "check"]);
const HEREDOC = /^(\d*)<<(-?)\s*([^<]*)$/;
const HEREDOC_INSTRUCTIONS = new Set(["RUN", "COPY", "ADD"]);

function isComment(line: string): boolean {
  return line.trimStart().startsWith("#");
}

function escapeForRegExp(character: string): string {
  return character.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

/** Splits on whitespace outside quotes, keeping quotes and escapes in the words (BuildKit's parseWords). */
export function splitWords(text: string, escape: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote = "";
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (!quote && /\s/.test(character)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      continue;
    }
    inWord = true;
    word += character;
    if (character === escape && quote !== "'" && index + 1 < text.length) {
      word += text[++index];
    } else if (quote && character === quote) {
      quote = "";
    } else if (!quote && (character === "'" || character === '"')) {
      quote = character;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Removes quotes as a POSIX shell would, with no substitution (enough to name a heredoc terminator). */
function unquoted(word: string): string {
  return word.replace(/'([^']*)'|"([^"]*)"/g, (_match, single: string | undefined, double: string | undefined) => single ?? double ?? "");
}

interface Heredoc {
  terminator: string;
  /** `<<-`: leading tabs are stripped before comparing with the terminator. */
  chomp: boolean;
}

function heredocsOf(line: string): Heredoc[] {
  const heredocs: Heredoc[] = [];
  for (const word of splitWords(line, "\\")) {
    const match = HEREDOC.exec(word);
    if (!match || match[3] === "") continue;
    const terminator = unquoted(match[3]!);
    if (terminator !== "" && !/\s/.test(terminator)) heredocs.push({ terminator, chomp: match[2] === "-" });
  }
  return heredocs;
}

function jsonForm(args: string): string[] | undefined {
  if (!args.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string") ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** One instruction from its text (also how ONBUILD's wrapped instruction is read). */
export function instructionFrom(text: string, line: number): Instruction {
  const trimmed = text.trim();
  const [keyword = "", rest = ""] = trimmed.split(/[\t\v\f\r ]+(.*)/s);
  const flags: Record<string, string> = {};
  let args = rest.trim();
  for (let flag = /^--([A-Za-z0-9-]+)(?:=(\S*))?(?:\s+|$)/.exec(args); flag; flag = /^--([A-Za-z0-9-]+)(?:=(\S*))?(?:\s+|$)/.exec(args)) {
    flags[flag[1]!.toLowerCase()] = flag[2] ?? "true";
    args = args.slice(flag[0].length);
  }
  const json = jsonForm(args);
  return { keyword: keyword.toUpperCase(), flags, args, ...(json ? { json } : {}), line };
}

/** Whether an instruction opens heredocs: RUN/COPY/ADD, directly or under ONBUILD. */
function mayOpenHeredoc(instruction: Instruction): boolean {
  if (HEREDOC_INSTRUCTIONS.has(instruction.keyword)) return true;
  if (instruction.keyword !== "ONBUILD") return false;
  const inner = instruction.args.split(/\s+/, 1)[0] ?? "";
  return HEREDOC_INSTRUCTIONS.has(inner.toUpperCase());
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let escape = "\\";
  let directivesOpen = true;
  const seenDirectives = new Set<string>();
  let continuation = new RegExp(`([^${escapeForRegExp(escape)}])${escapeForRegExp(escape)}[ \\t]*$|^${escapeForRegExp(escape)}[ \\t]*$`);
  const instructions: Instruction[] = [];

  let index = 0;
  while (index < lines.length) {
    const raw = lines[index]!;
    const lineNumber = ++index;
    if (directivesOpen) {
      const directive = DIRECTIVE.exec(raw.trim());
      if (directive && KNOWN_DIRECTIVES.has(directive[1]!.toLowerCase())) {
        const name = directive[1]!.toLowerCase();
        if (seenDirectives.has(name)) throw new DockerfileSyntaxError(`the parser directive "${name}" is given twice`, lineNumber);
        seenDirectives.add(name);
        if (name === "escape") {
          if (directive[2] !== "\\" && directive[2] !== "`") throw new DockerfileSyntaxError(`invalid escape token "${directive[2]}" (only \\ or \` are allowed)`, lineNumber);
          escape = directive[2];
          const token = escapeForRegExp(escape);
          continuation = new RegExp(`([^${token}])${token}[ \\t]*$|^${token}[ \\t]*$`);
        }
        continue;
      }
      directivesOpen = false;
    }
    if (isComment(raw) || raw.trim() === "") continue;

    let logical = raw.trimStart();
    let ended = !continuation.test(logical);
    logical = logical.replace(continuation, "$1");
    while (!ended && index < lines.length) {
      const next = lines[index++]!;
      if (isComment(next) || next.trim() === "") continue;
      ended = !continuation.test(next);
      logical += next.replace(continuation, "$1");
    }
    if (logical.trim() === "") continue;

    const instruction = instructionFrom(logical, lineNumber);
    instructions.push(instruction);
    if (!mayOpenHeredoc(instruction) || !logical.includes("<<")) continue;
    for (const heredoc of heredocsOf(logical)) {
      let terminated = false;
      while (index < lines.length) {
        const body = lines[index++]!;
        const candidate = heredoc.chomp ? body.replace(/^\t+/, "") : body;
        if (candidate === heredoc.terminator) {
          terminated = true;
          break;
        }
      }
      if (!terminated) throw new DockerfileSyntaxError(`the heredoc "${heredoc.terminator}" is never terminated`, lineNumber);
    }
  }
  if (instructions.length === 0) throw new DockerfileSyntaxError("the Dockerfile has no instructions");
  return { escape, instructions };
}
