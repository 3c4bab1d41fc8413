/**
 * run-as-non-root for a Compose service that builds its image and sets no `user`: the container then
 * runs as the USER its Dockerfile ends with, which the checker can read, because it knows the Compose
 * file's directory (the Pulumi pack cannot: rules/docker/image-build.ts).
 *
 * Reads `build` as Compose does: a string is the context; the long syntax has `context` (default
 * `.`, relative to the Compose file's directory), `dockerfile` (default `Dockerfile`, relative to the
 * context), `dockerfile_inline`, `target`, `args` (a map, or a list of `NAME=value`; a name without
 * a value takes it from the environment, so it is not known here) and `additional_contexts` (named
 * contexts, which replace a stage of that name). The Dockerfile's user is computed as BuildKit does
 * (rules/docker/dockerfile-user.ts) and judged with the pack's words (judgeImageUser).
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Finding } from "../rules/types";
import { unknownValue, unreadable, violation } from "../rules/findings";
import { isObject, isUnknown, type JsonObject } from "../rules/values";
import { DockerfileSyntaxError, parseDockerfile } from "../rules/docker/dockerfile";
import { effectiveUser, type EffectiveUser } from "../rules/docker/dockerfile-user";
import { buildArgLookup, judgeImageUser, REMOTE } from "../rules/docker/image-build";
import { NOT_KNOWN, type Unresolved } from "./compose-variables";
import type { Alias } from "./compose-service";

export interface BuildContext {
  /** `services.<name>`. */
  prefix: string;
  directory: string;
  aliases: Map<string, Alias>;
  unresolved: Unresolved;
}

const NEEDED = "a build whose Dockerfile ends with a non-root USER";

/** A path for messages: relative to the working directory when below it. */
export function displayPath(path: string): string {
  const near = relative(process.cwd(), path);
  return near === "" || near.startsWith("..") || isAbsolute(near) ? path : near;
}

const fromEnvironment = (name: string) => ({ why: `${name} has no value here, so Compose takes it from the environment when it runs`, fix: `Write the value (${name}=...), or check the file with it written in.` });

/** `NAME=value` entries (or a map) as a map; a name with no value is not known here. */
function namedValues(value: unknown, at: string, build: BuildContext): JsonObject | undefined {
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [name, entry] of Object.entries(value)) {
      if (entry === null || entry === undefined) build.unresolved.set(`${at}.${name}`, fromEnvironment(name));
      out[name] = entry === null || entry === undefined ? NOT_KNOWN : isUnknown(entry) ? entry : String(entry as string);
    }
    return out;
  }
  if (!Array.isArray(value)) return undefined;
  const out: JsonObject = {};
  value.forEach((entry, index) => {
    if (typeof entry !== "string" || isUnknown(entry)) return;
    const equals = entry.indexOf("=");
    const name = equals < 0 ? entry : entry.slice(0, equals);
    if (equals < 0) build.unresolved.set(`${at}[${index}]`, fromEnvironment(name));
    out[name] = equals < 0 ? NOT_KNOWN : entry.slice(equals + 1);
    build.aliases.set(`${at}.${name}`, { path: `${at}[${index}]` });
  });
  return out;
}

/** The Dockerfile's text, where it came from, and the field that named it; or the finding that stops the review. */
function dockerfileOf(build: JsonObject | string, context: BuildContext): { text: string; origin: string; field: string } | Finding {
  const at = `${context.prefix}.build`;
  const spec = typeof build === "string" ? { context: build } : build;
  const contextField = typeof build === "string" ? at : `${at}.context`;
  if (isUnknown(spec.context)) return unknownValue(contextField, undefined, NEEDED);
  if (isUnknown(spec.dockerfile)) return unknownValue(`${at}.dockerfile`, undefined, NEEDED);
  if (isUnknown(spec.dockerfile_inline)) return unknownValue(`${at}.dockerfile_inline`, undefined, NEEDED);
  if (typeof spec.dockerfile_inline === "string") return { text: spec.dockerfile_inline, origin: `${at}.dockerfile_inline`, field: `${at}.dockerfile_inline` };
  const contextPath = spec.context ?? ".";
  if (typeof contextPath !== "string") return unreadable(contextField, undefined, contextPath, "a directory");
  if (spec.dockerfile !== undefined && typeof spec.dockerfile !== "string") return unreadable(`${at}.dockerfile`, undefined, spec.dockerfile, "the path of a Dockerfile");
  const field = spec.dockerfile === undefined ? contextField : `${at}.dockerfile`;
  if (REMOTE.test(contextPath) && !(typeof spec.dockerfile === "string" && isAbsolute(spec.dockerfile))) {
    return violation(contextField, undefined, `The build context ${JSON.stringify(contextPath)} is remote, so its Dockerfile cannot be read here and the user the image runs as cannot be verified. Set ${context.prefix}.user to a non-root user, e.g. "65532:65532".`);
  }
  const file = resolve(context.directory, contextPath, spec.dockerfile ?? "Dockerfile");
  try {
    return { text: readFileSync(file, "utf8"), origin: displayPath(file), field };
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    return violation(field, undefined, `The Dockerfile ${displayPath(file)} could not be read (${reason}), so the user the image runs as cannot be verified (and the build fails). Point ${field} at the Dockerfile the build uses.`);
  }
}

export interface BuildReview {
  /** run-as-non-root's findings. */
  findings: Finding[];
  /** The USER the image ends with, when the Dockerfile says it, and where it is written. */
  imageUser?: { user: string; where: string };
}

/** The image a service builds (`build` as written, interpolated), judged by run-as-non-root. */
export function reviewComposeBuild(build: unknown, context: BuildContext): BuildReview {
  const at = `${context.prefix}.build`;
  if (isUnknown(build)) return { findings: [unknownValue(at, undefined, NEEDED)] };
  if (typeof build !== "string" && !isObject(build)) return { findings: [unreadable(at, undefined, build, "a build context or a build mapping")] };
  const source = dockerfileOf(build, context);
  if ("outcome" in source) return { findings: [source] };
  const spec = typeof build === "string" ? {} : build;
  if (isUnknown(spec.target)) return { findings: [unknownValue(`${at}.target`, undefined, "a stage whose last USER is not root")] };
  if (spec.target !== undefined && typeof spec.target !== "string") return { findings: [unreadable(`${at}.target`, undefined, spec.target, "a stage name")] };
  const args = namedValues(spec.args, `${at}.args`, context);
  const named = namedValues(spec.additional_contexts, `${at}.additional_contexts`, context);
  let user: EffectiveUser;
  try {
    user = effectiveUser(parseDockerfile(source.text), { target: spec.target, buildArg: buildArgLookup(args), namedContexts: Object.keys(named ?? {}) });
  } catch (error) {
    if (!(error instanceof DockerfileSyntaxError)) throw error;
    return { findings: [violation(source.field, undefined, `${source.origin} is not a valid Dockerfile (${error.message}), so the build fails and the user it runs as cannot be verified. Fix the Dockerfile.`)] };
  }
  const instead = ` Or set ${context.prefix}.user to a non-root user, e.g. "65532:65532": a user set on the service overrides the image's.`;
  const findings = judgeImageUser(user, { targetPath: `${at}.target`, argsPath: `${at}.args` }, source.origin, source.field).map((finding) =>
    finding.outcome === "violation" && finding.path !== `${at}.target` ? { ...finding, message: finding.message + instead } : finding,
  );
  if (user.state !== "user") return { findings };
  return { findings, imageUser: { user: user.user, where: `the image's USER, ${source.origin} line ${user.line} (stage "${user.stage}")` } };
}
