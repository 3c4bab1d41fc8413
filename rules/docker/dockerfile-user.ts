/**
 * The user an image built from a Dockerfile runs as: the USER in force at the end of the stage that
 * is built, computed the way BuildKit computes it (moby/buildkit
 * frontend/dockerfile/dockerfile2llb/convert.go):
 *
 * - The stage built is `target` (stage names are compared in lower case) or the last stage.
 * - `FROM <earlier stage>` starts from that stage's state: its USER, its ENV and the ARG values it
 *   declared (`dispatchState.init` copies the base stage's state), then runs the base stage's ONBUILD
 *   instructions. Only stages defined earlier are stages; the name is matched as written.
 * - `FROM scratch` has no user (root) and no environment. Any other base is an image whose USER and
 *   ENV the Dockerfile does not show: no USER in the chain means the base image's user, and a
 *   variable not declared in the chain may come from its ENV.
 * - A stage overridden by a named build context (docker-build `context.named`) is replaced whole.
 * - ARG before the first FROM is global: visible in FROM lines only; inside a stage it must be
 *   re-declared (`ARG NAME` without a value takes the global value: `dispatchArg` looks it up in
 *   `globalArgs`). A build argument replaces the default of every ARG of that name it reaches
 *   (verbatim, not expanded); an ARG with no value and no build argument sets nothing.
 * - ENV and ARG values are expanded when declared; USER is expanded when it runs (`dispatch` calls
 *   `Expand` with the stage's environment), with the syntax of `dockerfile-substitution.ts`.
 * - The user is root as Docker reads a `user` value (rules/docker/user.ts): `root`, UID 0 in any
 *   spelling, or an empty user part.
 */
import { DockerfileSyntaxError, instructionFrom, splitWords, type Dockerfile, type Instruction } from "./dockerfile";
import { expandWord, type Expansion, type VariableValue } from "./dockerfile-substitution";
import { isRootUser, parseUser } from "./user";

export interface BuildSettings {
  /** The stage to build (`--target`); the last stage when undefined. */
  target?: string;
  /** The build argument of a name (undefined when not given); `not-known-yet` when unknown during preview. */
  buildArg(name: string): VariableValue | undefined;
  /** Names given to named build contexts, which replace a stage of that name. */
  namedContexts?: readonly string[];
}

export type EffectiveUser =
  /** The last USER the build reaches, expanded. */
  | { state: "user"; user: string; root: boolean; line: number; stage: string }
  /** No USER from `FROM scratch` on: the image has no user, so it runs as root (`line`: the built stage's FROM). */
  | { state: "scratch"; stage: string; line: number }
  /** No USER in the Dockerfile's chain: the base image's USER decides, which is not visible here (`line`: the built stage's FROM). */
  | { state: "base-image"; image: string; stage: string; line: number }
  /** The USER depends on a build argument not known yet (Pulumi preview). */
  | { state: "not-known-yet"; variable: string; line: number; stage: string }
  /** The USER (or the stage chain) cannot be determined from the Dockerfile. */
  | { state: "unresolvable"; reason: string; line: number; stage: string }
  /** `target` names no stage: the build fails. */
  | { state: "no-such-target"; target: string; stages: string[] };

/** A build stage of a Dockerfile, from its FROM to the next. */
export interface Stage {
  /** Lower-cased stage name, or `stage-<index>` for an unnamed stage. */
  name: string;
  named: boolean;
  base: string;
  line: number;
  instructions: Instruction[];
}

/** What is in force after a stage: its user and its variables. */
interface StageState {
  user:
    | { state: "inherited"; image: string }
    | { state: "scratch" }
    | { state: "set"; expansion: Expansion; line: number; stage: string };
  variables: Map<string, VariableValue>;
  /** A variable not declared in the chain: unset from scratch, unseen from an image. */
  missing: VariableValue;
  onbuild: Instruction[];
}

const SCRATCH = "scratch";
const UNSEEN: VariableValue = { state: "unseen" };

function lookupIn(variables: ReadonlyMap<string, VariableValue>, missing: VariableValue): (name: string) => VariableValue {
  return (name) => variables.get(name) ?? missing;
}

function asValue(expansion: Expansion): VariableValue {
  if (expansion.state === "resolved") return { state: "set", value: expansion.value };
  return expansion.state === "not-known-yet" ? { state: "not-known-yet" } : UNSEEN;
}

/** `NAME` or `NAME=default` words of an ARG instruction. */
function argDeclarations(instruction: Instruction, escape: string): { name: string; defaultValue?: string }[] {
  return splitWords(instruction.args, escape).map((word) => {
    const equals = word.indexOf("=");
    return equals === -1 ? { name: word } : { name: word.slice(0, equals), defaultValue: word.slice(equals + 1) };
  });
}

/** `NAME=value ...`, or the legacy `NAME value with spaces`. */
function envAssignments(instruction: Instruction, escape: string): { name: string; value: string }[] {
  const words = splitWords(instruction.args, escape);
  if (words.length > 0 && !words[0]!.includes("=")) {
    const [name = "", value = ""] = instruction.args.split(/[\t\v\f\r ]+(.*)/s);
    return [{ name, value }];
  }
  return words.map((word) => {
    const equals = word.indexOf("=");
    return { name: word.slice(0, equals), value: word.slice(equals + 1) };
  });
}

/** The value an ARG takes: the build argument, else the global value (bare ARG), else its default. */
function argValue(
  declaration: { name: string; defaultValue?: string },
  build: BuildSettings,
  globals: ReadonlyMap<string, VariableValue> | undefined,
  expand: (word: string) => Expansion,
): VariableValue | undefined {
  const given = build.buildArg(declaration.name);
  if (given) return given;
  if (declaration.defaultValue === undefined) return globals?.get(declaration.name);
  return asValue(expand(declaration.defaultValue));
}

/** The global ARGs and the stages of a Dockerfile, as BuildKit splits them. Throws DockerfileSyntaxError. */
export function splitStages(dockerfile: Dockerfile): { globals: Instruction[]; stages: Stage[] } {
  const globals: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword === "FROM") {
      const words = instruction.args.split(/\s+/).filter((word) => word !== "");
      const named = words.length === 3 && words[1]!.toLowerCase() === "as";
      if (!named && words.length !== 1) throw new DockerfileSyntaxError("FROM takes an image and optionally AS <name>", instruction.line);
      stages.push({ name: named ? words[2]!.toLowerCase() : `stage-${stages.length}`, named, base: words[0]!, line: instruction.line, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== "ARG") throw new DockerfileSyntaxError(`only ARG may come before the first FROM, not ${instruction.keyword}`, instruction.line);
      globals.push(instruction);
    } else {
      stages[stages.length - 1]!.instructions.push(instruction);
    }
  }
  if (stages.length === 0) throw new DockerfileSyntaxError("the Dockerfile has no FROM");
  return { globals, stages };
}

function globalValues(globals: Instruction[], dockerfile: Dockerfile, build: BuildSettings): Map<string, VariableValue> {
  const values = new Map<string, VariableValue>();
  for (const instruction of globals) {
    for (const declaration of argDeclarations(instruction, dockerfile.escape)) {
      const value = argValue(declaration, build, undefined, (word) => expandWord(word, dockerfile.escape, lookupIn(values, UNSEEN)));
      if (value) values.set(declaration.name, value);
    }
  }
  return values;
}

class StageWalker {
  private readonly states = new Map<Stage, StageState>();

  constructor(
    private readonly dockerfile: Dockerfile,
    private readonly stages: Stage[],
    private readonly globals: Map<string, VariableValue>,
    private readonly build: BuildSettings,
  ) {}

  /** The base of a stage: an earlier stage, scratch, or an image (named as far as it can be). */
  private baseOf(stage: Stage): { stage: Stage } | { scratch: true } | { image: string } | { notKnownYet: string } {
    const expanded = expandWord(stage.base, this.dockerfile.escape, lookupIn(this.globals, { state: "unset" }));
    if (expanded.state === "not-known-yet") return { notKnownYet: expanded.variable };
    if (expanded.state === "unresolvable") return { image: stage.base };
    const earlier = this.stages
      .slice(0, this.stages.indexOf(stage))
      .reverse()
      .find((candidate) => candidate.named && candidate.name === expanded.value);
    if (earlier) return { stage: earlier };
    return expanded.value.toLowerCase() === SCRATCH ? { scratch: true } : { image: expanded.value };
  }

  stateOf(stage: Stage): StageState | EffectiveUser {
    const known = this.states.get(stage);
    if (known) return known;
    if (stage.named && this.build.namedContexts?.some((name) => name.toLowerCase() === stage.name)) {
      // The named context replaces the stage: none of its instructions run.
      return { user: { state: "inherited", image: `the named build context "${stage.name}"` }, variables: new Map(), missing: UNSEEN, onbuild: [] };
    }
    const start = this.startOf(stage);
    if (!("variables" in start)) return start;
    const state = stage.instructions.reduce((current, instruction) => this.apply(current, instruction, stage), start);
    this.states.set(stage, state);
    return state;
  }

  private startOf(stage: Stage): StageState | EffectiveUser {
    const base = this.baseOf(stage);
    if ("notKnownYet" in base) return { state: "not-known-yet", variable: base.notKnownYet, line: stage.line, stage: stage.name };
    if ("scratch" in base) return { user: { state: "scratch" }, variables: new Map(), missing: { state: "unset" }, onbuild: [] };
    if ("image" in base) return { user: { state: "inherited", image: base.image }, variables: new Map(), missing: UNSEEN, onbuild: [] };
    const parent = this.stateOf(base.stage);
    if (!("variables" in parent)) return parent;
    const inherited: StageState = { user: parent.user, variables: new Map(parent.variables), missing: parent.missing, onbuild: [] };
    // The base stage's ONBUILD triggers run first in the stage built on it.
    return parent.onbuild.reduce((state, instruction) => this.apply(state, instruction, stage), inherited);
  }

  private apply(state: StageState, instruction: Instruction, stage: Stage): StageState {
    const escape = this.dockerfile.escape;
    const expand = (word: string): Expansion => expandWord(word, escape, lookupIn(state.variables, state.missing));
    switch (instruction.keyword) {
      case "ARG": {
        const variables = new Map(state.variables);
        for (const declaration of argDeclarations(instruction, escape)) {
          const value = argValue(declaration, this.build, this.globals, (word) => expandWord(word, escape, lookupIn(variables, state.missing)));
          if (value) variables.set(declaration.name, value);
        }
        return { ...state, variables };
      }
      case "ENV": {
        // Every value of one ENV is expanded with the variables from before it.
        const variables = new Map(state.variables);
        for (const { name, value } of envAssignments(instruction, escape)) variables.set(name, asValue(expand(value)));
        return { ...state, variables };
      }
      case "USER":
        return { ...state, user: { state: "set", expansion: expand(instruction.args), line: instruction.line, stage: stage.name } };
      case "ONBUILD":
        return { ...state, onbuild: [...state.onbuild, instructionFrom(instruction.args, instruction.line)] };
      default:
        return state;
    }
  }
}

function judge(state: StageState, stage: Stage): EffectiveUser {
  const { user } = state;
  if (user.state === "scratch") return { state: "scratch", stage: stage.name, line: stage.line };
  if (user.state === "inherited") return { state: "base-image", image: user.image, stage: stage.name, line: stage.line };
  const { expansion, line } = user;
  if (expansion.state === "not-known-yet") return { state: "not-known-yet", variable: expansion.variable, line, stage: user.stage };
  if (expansion.state === "unresolvable") return { state: "unresolvable", reason: expansion.reason, line, stage: user.stage };
  return { state: "user", user: expansion.value, root: isRootUser(parseUser(expansion.value).user), line, stage: user.stage };
}

/** The user the image built from `dockerfile` with `build` runs as. Throws DockerfileSyntaxError. */
export function effectiveUser(dockerfile: Dockerfile, build: BuildSettings): EffectiveUser {
  const { globals, stages } = splitStages(dockerfile);
  const target = build.target === undefined ? stages[stages.length - 1]! : stages.find((stage) => stage.named && stage.name === build.target!.toLowerCase());
  if (!target) return { state: "no-such-target", target: build.target!, stages: stages.filter((stage) => stage.named).map((stage) => stage.name) };
  const walker = new StageWalker(dockerfile, stages, globalValues(globals, dockerfile, build), build);
  const state = walker.stateOf(target);
  return "variables" in state ? judge(state, target) : state;
}
