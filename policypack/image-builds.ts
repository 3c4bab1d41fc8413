/**
 * Images built in the stack, read from their resources' inputs into the catalogue's ImageBuild
 * (rules/docker/image-build.ts), Dockerfile included: the pack is the adapter that reads files.
 *
 * Reads, per resource type (inputs as the provider's Check returns them, which is what the pack sees):
 *   docker:index/image:Image            build.{context,dockerfile,target,args}
 *     Check fills context "." and dockerfile `path.Join(context, "Dockerfile")` and keeps relative
 *     paths relative; the provider resolves them against the Pulumi program's directory (its own
 *     working directory), as `docker build -f` does (pulumi-docker provider/image.go `Check`).
 *   docker:index/remoteImage:RemoteImage build.{context,dockerfile,target,buildArgs,useLegacyBuilder,remoteContext}
 *     dockerfile defaults to "Dockerfile"; the buildx builder resolves a relative dockerfile against
 *     the context (terraform-provider-docker `resolveDockerfilePath`), the legacy builder against the
 *     working directory (docker/cli `GetContextFromLocalDir`). Without `build` it pulls: not a build.
 *   docker-build:index:Image            context.{location,named}, dockerfile.{location,inline}, target, buildArgs
 *     Check fills dockerfile.location `filepath.Join(context.location, "Dockerfile")` for an on-disk
 *     context and keeps it relative (pulumi-docker-build provider/internal/context.go).
 * The pack runs in its own directory and the analyzer protocol does not carry the program's, so a
 * relative path (or a remote context) cannot be read: that is a violation saying how to make it
 * readable, never a pass.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { Finding } from "../rules/types";
import { unknownValue, unreadable, violation } from "../rules/findings";
import { REMOTE, type ImageBuild } from "../rules/docker/image-build";
import { isObject, isUnknown, read, type JsonObject } from "../rules/values";

export type ReadText = (path: string) => string;

/** Where the Dockerfile's text comes from, or why it cannot be had. */
type Source = ImageBuild["dockerfile"];

function readFrom(path: string, field: string, readText: ReadText): Source {
  try {
    return { text: readText(path), origin: path, field };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { finding: violation(field, undefined, `The Dockerfile ${path} could not be read (${reason}), so the user the image runs as cannot be verified. Point ${field} at the Dockerfile the build uses.`) };
  }
}

function notLocated(field: string, path: string, why: string, fix: string): Source {
  return {
    finding: violation(field, undefined, `The Dockerfile could not be located: ${field} is ${JSON.stringify(path)}, ${why}. The policy pack runs in its own directory and is not told the Pulumi program's, so it cannot read the file or verify the user the image runs as. ${fix}`),
  };
}

/** A string input: its value, or the finding that stops the review. */
function stringAt(container: unknown, key: string, field: string, needed: string): { value?: string } | { finding: Finding } {
  const value = read(container, key, "string");
  if (value.state === "unknown") return { finding: unknownValue(field, undefined, needed) };
  if (value.state === "invalid") return { finding: unreadable(field, undefined, value.value, value.expected) };
  return value.state === "present" ? { value: value.value } : {};
}

function dockerImage(props: JsonObject, readText: ReadText): ImageBuild | Finding {
  const build = props.build;
  if (isUnknown(build)) return unknownValue("build", undefined, "a build whose Dockerfile ends with a non-root USER");
  if (build !== undefined && build !== null && !isObject(build)) return unreadable("build", undefined, build, "an object");
  const context = stringAt(build, "context", "build.context", "a directory");
  if ("finding" in context) return context.finding;
  const dockerfile = stringAt(build, "dockerfile", "build.dockerfile", "the path of a Dockerfile whose final stage has a non-root USER");
  if ("finding" in dockerfile) return dockerfile.finding;
  const contextPath = context.value ?? ".";
  const path = dockerfile.value ?? join(contextPath, "Dockerfile");
  const field = dockerfile.value === undefined ? "build.context" : "build.dockerfile";
  const source = isAbsolute(path)
    ? readFrom(path, field, readText)
    : notLocated(field, dockerfile.value ?? contextPath, "a relative path that the Docker provider resolves against the Pulumi program's directory", 'Pass an absolute path, e.g. build: { context: path.join(__dirname, "app"), dockerfile: path.join(__dirname, "app", "Dockerfile") }.');
  return { dockerfile: source, targetPath: "build.target", target: isObject(build) ? build.target : undefined, argsPath: "build.args", args: isObject(build) ? build.args : undefined, namedContexts: [] };
}

function remoteImage(props: JsonObject, readText: ReadText): ImageBuild | Finding | undefined {
  const build = props.build;
  if (build === undefined || build === null) return undefined;
  if (isUnknown(build)) return unknownValue("build", undefined, "a build whose Dockerfile ends with a non-root USER");
  if (!isObject(build)) return unreadable("build", undefined, build, "an object");
  const context = stringAt(build, "context", "build.context", "a directory");
  if ("finding" in context) return context.finding;
  const dockerfile = stringAt(build, "dockerfile", "build.dockerfile", "the path of a Dockerfile whose final stage has a non-root USER");
  if ("finding" in dockerfile) return dockerfile.finding;
  const legacy = read(build, "useLegacyBuilder", "boolean");
  if (legacy.state === "unknown") return unknownValue("build.useLegacyBuilder", undefined, "true or false");
  const remoteContext = read(build, "remoteContext", "string");
  const name = dockerfile.value ?? "Dockerfile";
  const contextPath = context.value ?? ".";
  const fix = 'Pass an absolute context, e.g. build: { context: path.join(__dirname, "app") } (the Dockerfile is then found in it).';
  let source: Source;
  if (remoteContext.state !== "absent") {
    source = notLocated("build.remoteContext", String(remoteContext.state === "present" ? remoteContext.value : "not known yet"), "a remote context", "Build from a local context with an absolute path, or verify the image's USER where it is built.");
  } else if (isAbsolute(name)) {
    source = readFrom(name, "build.dockerfile", readText);
  } else if (legacy.state === "present" && legacy.value) {
    source = notLocated("build.dockerfile", name, "a relative path that the legacy builder (useLegacyBuilder: true) resolves against the Pulumi program's directory", 'Pass an absolute path, e.g. dockerfile: path.join(__dirname, "app", "Dockerfile").');
  } else if (isAbsolute(contextPath)) {
    source = readFrom(join(contextPath, name), "build.dockerfile", readText);
  } else {
    source = notLocated("build.context", contextPath, "a relative path that the Docker provider resolves against the Pulumi program's directory", fix);
  }
  return { dockerfile: source, targetPath: "build.target", target: build.target, argsPath: "build.buildArgs", args: build.buildArgs, namedContexts: [] };
}

function dockerBuildImage(props: JsonObject, readText: ReadText): ImageBuild | Finding {
  const context = props.context;
  if (isUnknown(context)) return unknownValue("context", undefined, "a build context whose Dockerfile ends with a non-root USER");
  const location = stringAt(context, "location", "context.location", "a directory");
  if ("finding" in location) return location.finding;
  const dockerfile = props.dockerfile;
  if (isUnknown(dockerfile)) return unknownValue("dockerfile", undefined, "a Dockerfile whose final stage has a non-root USER");
  const inline = stringAt(dockerfile, "inline", "dockerfile.inline", "a Dockerfile whose final stage has a non-root USER");
  if ("finding" in inline) return inline.finding;
  const file = stringAt(dockerfile, "location", "dockerfile.location", "the path of a Dockerfile whose final stage has a non-root USER");
  if ("finding" in file) return file.finding;
  const named = read(context, "named", "object");
  if (named.state === "unknown") return unknownValue("context.named", undefined, "named contexts that do not replace a stage running as root");

  const contextPath = location.value ?? ".";
  const fix = 'Pass an absolute path, e.g. context: { location: path.join(__dirname, "app") } (the Dockerfile defaults to the one in it), or dockerfile: { inline: "..." }.';
  let source: Source;
  if (inline.value !== undefined) {
    source = { text: inline.value, origin: "dockerfile.inline", field: "dockerfile.inline" };
  } else if (file.value !== undefined && REMOTE.test(file.value)) {
    source = notLocated("dockerfile.location", file.value, "a remote URL", "Use a local Dockerfile with an absolute path, or dockerfile.inline.");
  } else if (file.value !== undefined) {
    source = isAbsolute(file.value)
      ? readFrom(file.value, "dockerfile.location", readText)
      : notLocated("dockerfile.location", file.value, "a relative path that the provider resolves against the Pulumi program's directory", fix);
  } else if (REMOTE.test(contextPath)) {
    source = notLocated("context.location", contextPath, "a remote context whose Dockerfile is not available here", "Use a local context with an absolute path, or dockerfile.inline.");
  } else {
    source = isAbsolute(contextPath)
      ? readFrom(join(contextPath, "Dockerfile"), "context.location", readText)
      : notLocated("context.location", contextPath, "a relative path that the provider resolves against the Pulumi program's directory", fix);
  }
  const namedContexts = named.state === "present" ? Object.keys(named.value) : [];
  return { dockerfile: source, targetPath: "target", target: props.target, argsPath: "buildArgs", args: props.buildArgs, namedContexts };
}

const READERS: Record<string, (props: JsonObject, readText: ReadText) => ImageBuild | Finding | undefined> = {
  "docker:index/image:Image": dockerImage,
  "docker:index/remoteImage:RemoteImage": remoteImage,
  "docker-build:index:Image": dockerBuildImage,
};

/**
 * The build a resource of `type` describes, or the finding that stops it being read, or undefined
 * when `type` builds no image. `readText` reads a Dockerfile (tests pass their own).
 */
export function imageBuildOf(type: string, props: JsonObject, readText: ReadText = (path) => readFileSync(path, "utf8")): ImageBuild | undefined {
  const build = READERS[type]?.(props, readText);
  if (build === undefined || "dockerfile" in build) return build;
  // Inputs that stop the build being read: the finding is all there is to judge.
  return { dockerfile: { finding: build }, targetPath: "", target: undefined, argsPath: "", args: undefined, namedContexts: [] };
}
