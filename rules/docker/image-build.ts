/**
 * The user an image runs as, from the build that makes it: the USER in force at the end of the
 * stage built (rules/docker/dockerfile-user.ts), judged by run-as-non-root (an image built in a
 * Pulumi stack; a Compose service that builds its image and sets no user; a Dockerfile on its own).
 *
 * The catalogue reads no files: each adapter finds the Dockerfile where its surface says it is (the
 * pack from a docker.Image's inputs, the checker from a Compose `build` or a path it was given) and
 * hands over its text, or the finding that says why it could not be read.
 * Allowed: the stage built ends with a USER that is not root (`root`, `0`, `root:*`, `0:*`).
 * Not allowed: a root USER; no USER (FROM scratch: root; an image: its user is not visible here);
 *   a USER that cannot be resolved from the Dockerfile and the build arguments.
 * Unknown: a target or build argument the USER depends on that is not known yet.
 */
import type { Finding } from "../types";
import { unknownValue, unreadable, violation } from "../findings";
import { classify, isObject, isUnknown } from "../values";
import { DockerfileSyntaxError, parseDockerfile } from "./dockerfile";
import { effectiveUser, splitStages, type EffectiveUser } from "./dockerfile-user";
import type { VariableValue } from "./dockerfile-substitution";

/** A build, as far as the user of its image goes. Paths are in the surface's own names (`build.target`). */
export interface ImageBuild {
  /**
   * The Dockerfile's text, how messages name it and the field that named it (where findings about
   * its content go; `stageField`, if given, takes those about the built stage as a whole: no USER);
   * or why it cannot be had.
   */
  dockerfile: { text: string; origin: string; field: string; stageField?: string } | { finding: Finding };
  targetPath: string;
  /** The stage to build, as written (a string, absent, unknown, or of the wrong type). */
  target: unknown;
  argsPath: string;
  /** The build arguments: a map of names to values, as written. */
  args: unknown;
  /** Named build contexts, which replace a stage of that name. */
  namedContexts: string[];
  /** Added to violations about the user (e.g. that a user set on the service would override it). */
  instead?: string;
}

/** A build context or Dockerfile that is fetched rather than read from disk. */
export const REMOTE = /^(https?:\/\/|git@|git:\/\/|github\.com\/|ssh:\/\/)/;
// A numeric UID needs no /etc/passwd entry, so it works from scratch too.
const NON_ROOT_USER = "USER 10001 (any numeric UID but 0)";

/** The build argument of a name from a map of them (an unknown map or value is not known yet; an absent or non-string value is not given). */
export function buildArgLookup(args: unknown): (name: string) => VariableValue | undefined {
  if (isUnknown(args)) return () => ({ state: "not-known-yet" });
  if (!isObject(args)) return () => undefined;
  return (name) => {
    if (!Object.prototype.hasOwnProperty.call(args, name)) return undefined;
    const value = args[name];
    if (isUnknown(value)) return { state: "not-known-yet" };
    return typeof value === "string" ? { state: "set", value } : undefined;
  };
}

/**
 * `Dockerfile line 3 (stage "build")`; the stage is named only when there are several (a Dockerfile
 * of one stage is called by its own name, not BuildKit's `stage-0`).
 */
export function userLocation(known: { origin: string; stages: number }, user: { line: number; stage: string }): string {
  return `${known.origin} line ${user.line}${known.stages > 1 ? ` (stage "${user.stage}")` : ""}`;
}

/** `the stage that is built ("final")`, or the Dockerfile itself when it has one stage. */
function builtStage(known: { origin: string; stages: number }, stage: string, start = "the"): string {
  return known.stages > 1 ? `${start} stage that is built ("${stage}")` : known.origin;
}

/**
 * run-as-non-root's findings for the user an image runs as: `origin` names the Dockerfile in messages,
 * its stage only when it has several,
 * `field` is where findings about its content are reported, `inputs` where the target and the build
 * arguments are set. Findings about the Dockerfile's content carry the line that decides.
 */
function judgeImageUser(known: KnownImageUser, inputs: Pick<ImageBuild, "targetPath" | "argsPath">): Finding[] {
  const { user, origin, field, stageField = field } = known;
  const end = known.stages > 1 ? "End the stage" : "End the Dockerfile";
  switch (user.state) {
    case "user":
      if (!user.root) return [];
      return [{ ...violation(field, undefined, `The image runs as root: ${userLocation(known, user)} sets USER ${user.user}, the last USER${known.stages > 1 ? " of the stage that is built" : ""}, so its containers run as root unless each sets a non-root user. ${end} with ${NON_ROOT_USER}.`), line: user.line }];
    case "scratch":
      return [{ ...violation(stageField, undefined, `The image runs as root: ${builtStage(known, user.stage)} starts FROM scratch and sets no USER. End it with ${NON_ROOT_USER}.`), line: user.line }];
    case "base-image":
      return [{ ...violation(stageField, undefined, `${builtStage(known, user.stage, "The")} sets no USER, so the image runs as the user of its base image ${user.image}, which cannot be seen from here (many base images run as root). ${end} with ${NON_ROOT_USER}.`), line: user.line }];
    case "not-known-yet":
      return [unknownValue(`${inputs.argsPath}.${user.variable}`, undefined, `a value that makes ${userLocation(known, user)} a non-root USER`)];
    case "unresolvable":
      return [{ ...violation(field, undefined, `The user the image runs as cannot be determined: ${userLocation(known, user)}: ${user.reason}. Write a literal USER (e.g. USER 10001), or give the variable a non-root default with ARG in that stage.`), line: user.line }];
    case "no-such-target":
      return [violation(inputs.targetPath, undefined, `${inputs.targetPath} is ${JSON.stringify(user.target)}, but ${origin} has no stage of that name (stages: ${user.stages.join(", ") || "none named"}), so the build fails. Name one of its stages.`)];
  }
}

/** The effective USER of a build's image, with how messages name the Dockerfile and how many stages it has. */
export interface KnownImageUser {
  user: EffectiveUser;
  origin: string;
  field: string;
  stageField?: string;
  stages: number;
}

/** What is known of the user a build's image runs as: the effective USER, or the findings that stop it being known. */
export type ImageUser = KnownImageUser | { findings: Finding[] };

const users = new WeakMap<ImageBuild, ImageUser>();

/** The user of the image `build` makes (computed once per build: several rules ask). */
export function imageUser(build: ImageBuild): ImageUser {
  let known = users.get(build);
  if (!known) users.set(build, (known = computeImageUser(build)));
  return known;
}

function computeImageUser(build: ImageBuild): ImageUser {
  if ("finding" in build.dockerfile) return { findings: [build.dockerfile.finding] };
  const { text, origin, field, stageField } = build.dockerfile;
  const target = classify(build.target, "string");
  if (target.state === "unknown") return { findings: [unknownValue(build.targetPath, undefined, "a stage whose last USER is not root")] };
  if (target.state === "invalid") return { findings: [unreadable(build.targetPath, undefined, target.value, "a stage name")] };
  if (build.args !== undefined && build.args !== null && !isUnknown(build.args) && !isObject(build.args)) {
    return { findings: [unreadable(build.argsPath, undefined, build.args, "a map of names to strings")] };
  }
  try {
    const settings = { target: target.state === "present" ? target.value : undefined, buildArg: buildArgLookup(build.args), namedContexts: build.namedContexts };
    const dockerfile = parseDockerfile(text);
    return { user: effectiveUser(dockerfile, settings), origin, field, stageField, stages: splitStages(dockerfile).stages.length };
  } catch (error) {
    if (!(error instanceof DockerfileSyntaxError)) throw error;
    return { findings: [{ ...violation(field, undefined, `${origin} is not a valid Dockerfile (${error.message}), so the build fails and the user it runs as cannot be verified. Fix the Dockerfile.`), ...(error.line === undefined ? {} : { line: error.line }) }] };
  }
}

/** run-as-non-root's findings for the image a build makes. */
export function checkImageBuild(build: ImageBuild): Finding[] {
  const known = imageUser(build);
  if ("findings" in known) return known.findings;
  const findings = judgeImageUser(known, build);
  if (!build.instead) return findings;
  return findings.map((finding) => (finding.outcome === "violation" && finding.path !== build.targetPath ? { ...finding, message: finding.message + build.instead } : finding));
}
