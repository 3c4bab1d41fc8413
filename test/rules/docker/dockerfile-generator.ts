/**
 * fast-check arbitraries for multi-stage Dockerfiles biased toward what decides the user an image
 * runs as: USER in every spelling of root and non-root, written literally or through ARG/ENV
 * substitution (`$V`, `${V}`, `${V:-x}`, `${V-x}`, `${V:+x}`, `${V+x}`, quotes); global ARGs that a
 * stage does or does not re-declare; ENV in both forms; stages built on earlier stages (by name,
 * or through a global ARG in FROM), on images and on scratch; ONBUILD USER; heredocs whose bodies
 * say USER; comments and continuation lines; any case of instruction names; the escape directive;
 * build arguments and targets, including a target that does not exist.
 */
import fc from "fast-check";

export interface GeneratedBuild {
  dockerfile: string;
  target?: string;
  buildArgs: Record<string, string>;
}

const VARIABLES = ["U", "G", "APP_UID"];
const STAGE_NAMES = ["base", "build", "app", "final"];
const LITERAL_USERS = ["root", "0", "00", "0:0", "root:staff", "10001", "10001:10001", "65532", "app", "1000:0", "nobody"];

const variable = fc.constantFrom(...VARIABLES);
const literal = fc.constantFrom(...LITERAL_USERS);

/** A USER (or ARG/ENV value) word, literal or substituted. */
const word: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: literal, weight: 3 },
  { arbitrary: variable.map((v) => `$${v}`), weight: 2 },
  { arbitrary: variable.map((v) => `\${${v}}`), weight: 2 },
  { arbitrary: fc.tuple(variable, fc.constantFrom(":-", "-", ":+", "+"), literal).map(([v, op, l]) => `\${${v}${op}${l}}`), weight: 3 },
  { arbitrary: variable.map((v) => `"$${v}"`), weight: 1 },
  { arbitrary: literal.map((l) => `'${l}'`), weight: 1 },
  { arbitrary: fc.tuple(literal, variable).map(([l, v]) => `${l.split(":")[0]}:$${v}`), weight: 1 },
);

/** An instruction name in upper, lower or mixed case. */
function keyword(name: string): fc.Arbitrary<string> {
  return fc.constantFrom(name, name.toLowerCase(), name[0] + name.slice(1).toLowerCase());
}

function line(parts: Array<fc.Arbitrary<string>>): fc.Arbitrary<string> {
  return fc.tuple(...parts).map((pieces) => pieces.join(" "));
}

const argInstruction = line([
  keyword("ARG"),
  fc.oneof(
    variable,
    fc.tuple(variable, word.filter((w) => !/\s/.test(w))).map(([v, w]) => `${v}=${w}`),
    variable.map((v) => `${v}=`),
    fc.tuple(variable, variable, literal).map(([a, b, l]) => `${a}=${l} ${b}`),
  ),
]);

const envInstruction = line([
  keyword("ENV"),
  fc.oneof(
    fc.tuple(variable, word).map(([v, w]) => `${v}=${w}`),
    fc.tuple(variable, literal).map(([v, l]) => `${v} ${l}`),
    fc.tuple(variable, literal, variable, word).map(([a, l, b, w]) => `${a}=${l} ${b}=${w}`),
  ),
]);

/** One instruction inside a stage; the escape character decides how a continuation is written. */
function stageInstruction(escape: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: line([keyword("USER"), word]), weight: 5 },
    { arbitrary: argInstruction, weight: 3 },
    { arbitrary: envInstruction, weight: 2 },
    { arbitrary: line([keyword("ONBUILD"), keyword("USER"), literal]), weight: 1 },
    { arbitrary: line([keyword("RUN"), fc.constant("echo building")]), weight: 1 },
    { arbitrary: literal.map((l) => `RUN <<EOT\necho USER\nUSER ${l}\nEOT`), weight: 1 },
    { arbitrary: literal.map((l) => `COPY <<-"CONF" /etc/app.conf\n\tUSER ${l}\n\tCONF`), weight: 1 },
    { arbitrary: literal.map((l) => `# USER ${l}`), weight: 1 },
    { arbitrary: word.map((w) => `USER ${escape}\n# a comment inside the continuation\n    ${w}`), weight: 1 },
  );
}

interface StageDraft {
  base: "image" | "scratch" | "earlier" | "from-arg";
  earlier: number;
  named: boolean;
  instructions: string[];
}

function stageDraft(escape: string): fc.Arbitrary<StageDraft> {
  return fc.record({
    base: fc.constantFrom("image", "image", "scratch", "earlier", "earlier", "from-arg"),
    earlier: fc.nat(),
    named: fc.boolean(),
    instructions: fc.array(stageInstruction(escape), { maxLength: 5 }),
  });
}

export const generatedBuild: fc.Arbitrary<GeneratedBuild> = fc
  .record({
    escape: fc.constantFrom("\\", "\\", "`"),
    globals: fc.array(argInstruction, { maxLength: 2 }),
    drafts: fc.constantFrom("\\", "`").chain((escape) => fc.tuple(fc.constant(escape), fc.array(stageDraft(escape), { minLength: 1, maxLength: 4 }))),
    buildArgs: fc.dictionary(variable, literal, { maxKeys: 2 }),
    // No target, a stage the Dockerfile names (by position among them), or one it does not have.
    target: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.nat(), weight: 4 }, { arbitrary: fc.constant("missing"), weight: 1 }),
    base: fc.option(fc.constantFrom("alpine:3.20", "base", "build", "scratch"), { nil: undefined }),
  })
  .map(({ globals, drafts: [escape, drafts], buildArgs, target, base }) => {
    const lines: string[] = escape === "`" ? ["# escape=`"] : [];
    lines.push(...globals);
    // A global ARG that FROM can use; a build argument may point it elsewhere.
    if (base !== undefined) lines.push(`ARG BASE=${base}`);
    const names: string[] = [];
    drafts.forEach((draft, index) => {
      const earlier = names.filter((name) => name !== "");
      let from = "alpine:3.20";
      if (draft.base === "scratch") from = "scratch";
      else if (draft.base === "earlier" && earlier.length > 0) from = earlier[draft.earlier % earlier.length]!;
      else if (draft.base === "from-arg" && base !== undefined) from = "${BASE}";
      const name = draft.named ? STAGE_NAMES[index]! : "";
      names.push(name);
      lines.push(name ? `FROM ${from} AS ${name}` : `FROM ${from}`, ...draft.instructions);
    });
    const named = names.filter((name) => name !== "");
    const chosen = typeof target === "number" ? named[target % Math.max(named.length, 1)] : target;
    return { dockerfile: `${lines.join("\n")}\n`, ...(chosen !== undefined ? { target: chosen } : {}), buildArgs };
  });
