/**
 * The build of a Compose service that builds its image and sets no `user`: the container then runs
 * as the USER its Dockerfile ends with, which the checker can read, because it knows the Compose
 * file's directory (the Pulumi pack cannot: policypack/image-builds.ts).
 *
 * Reads `build` as Compose does: a string is the context; the long syntax has `context` (default
 * `.`, relative to the Compose file's directory), `dockerfile` (default `Dockerfile`, relative to the
 * context), `dockerfile_inline`, `target`, `args` (a map, or a list of `NAME=value`; a name without
 * a value takes it from the environment, so it is not known here) and `additional_contexts` (named
 * contexts, which replace a stage of that name). The catalogue computes the Dockerfile's user as
 * BuildKit does and judges it (rules/docker/image-build.ts), as it does for the pack's images.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Finding } from "../rules/types";
import { unknownValue, unreadable, violation } from "../rules/findings";
import { isObject, isUnknown, type JsonObject, setOwnProperty } from "../rules/values";
import { REMOTE, type ImageBuild } from "../rules/docker/image-build";
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
      setOwnProperty(out, name, entry === null || entry === undefined ? NOT_KNOWN : isUnknown(entry) ? entry : String(entry as string));
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
    setOwnProperty(out, name, equals < 0 ? NOT_KNOWN : entry.slice(equals + 1));
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

/**
 * The build of the image a service makes (`build` as written, interpolated), for the catalogue to
 * judge (rules/docker/image-build.ts): the Dockerfile read from disk, or the finding that says why
 * it cannot be.
 */
export function composeImageBuild(build: unknown, context: BuildContext): ImageBuild {
  const at = `${context.prefix}.build`;
  const failed = (finding: Finding): ImageBuild => ({ dockerfile: { finding }, targetPath: `${at}.target`, target: undefined, argsPath: `${at}.args`, args: undefined, namedContexts: [] });
  if (isUnknown(build)) return failed(unknownValue(at, undefined, NEEDED));
  if (typeof build !== "string" && !isObject(build)) return failed(unreadable(at, undefined, build, "a build context or a build mapping"));
  const source = dockerfileOf(build, context);
  if ("outcome" in source) return failed(source);
  const spec = typeof build === "string" ? {} : build;
  const named = namedValues(spec.additional_contexts, `${at}.additional_contexts`, context);
  return {
    dockerfile: source,
    targetPath: `${at}.target`,
    target: spec.target,
    argsPath: `${at}.args`,
    args: namedValues(spec.args, `${at}.args`, context),
    namedContexts: Object.keys(named ?? {}),
    instead: ` Or set ${context.prefix}.user to a non-root user, e.g. "65532:65532": a user set on the service overrides the image's.`,
  };
}
