/**
 * Reviewing a Dockerfile on its own: the rules that judge images (run-as-non-root) over the image it
 * builds — the USER in force at the end of the stage built (`--target`, else the last stage), with
 * ARG values from `--build-arg` — the same review as a docker.Image in the pack. A finding carries
 * the line of the USER instruction that decides, or of the built stage's FROM when no USER does. A
 * Dockerfile BuildKit would refuse is an unreadable input.
 */
import type { Configuration } from "../rules/configuration";
import { DockerfileSyntaxError, parseDockerfile } from "../rules/docker/dockerfile";
import { splitStages, type Stage } from "../rules/docker/dockerfile-user";
import type { ImageBuild } from "../rules/docker/image-build";
import { review } from "../rules/review";
import { imageSubject } from "../rules/subject";
import { checkedObject, type CheckedObject } from "./checked-object";

/**
 * Names a Dockerfile goes by: Dockerfile (docker build also takes dockerfile), Containerfile,
 * Dockerfile.prod, app.Dockerfile, app.dockerfile. `Dockerfile.<suffix>` must be spelt with a capital
 * and not end like source code or data, so that dockerfile.ts or Dockerfile.md is not taken for one,
 * nor Dockerfile.dockerignore (the ignore file BuildKit reads for the Dockerfile of that name).
 */
const DOCKERFILE = /^(dockerfile|containerfile)$|.\.(dockerfile|containerfile)$/i;
const DOCKERFILE_VARIANT = /^(Dockerfile|Containerfile)\.[^.]/;
const NOT_A_DOCKERFILE = /\.(c?m?[jt]s|map|md|json|ya?ml|txt|sh|py|go|rs|html?|dockerignore)$/i;

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE.test(name) || (DOCKERFILE_VARIANT.test(name) && !NOT_A_DOCKERFILE.test(name));
}

export interface DockerfileSettings {
  configuration: Configuration;
  /** `--target`. */
  target?: string;
  /** `--build-arg NAME=value`. */
  buildArgs: ReadonlyMap<string, string>;
}

/** The review of one Dockerfile, or the error that stops it being read. */
export function reviewDockerfile(file: string, text: string, settings: DockerfileSettings): { object: CheckedObject } | { error: string } {
  let stages: Stage[];
  try {
    stages = splitStages(parseDockerfile(text)).stages;
  } catch (error) {
    if (!(error instanceof DockerfileSyntaxError)) throw error;
    const shown = error.reason.length > 120 ? `${error.reason.slice(0, 117)}...` : error.reason;
    return { error: `${file}${error.line === undefined ? "" : `:${error.line}`}: not a valid Dockerfile (${shown}); BuildKit refuses it too. Fix the file or leave it out.` };
  }
  const build: ImageBuild = {
    dockerfile: { text, origin: file, field: "USER", stageField: "FROM" },
    targetPath: "--target",
    target: settings.target,
    argsPath: "--build-arg",
    args: Object.fromEntries(settings.buildArgs),
    namedContexts: [],
  };
  const target = settings.target?.toLowerCase();
  const stage = target === undefined ? stages[stages.length - 1] : stages.find((candidate) => candidate.named && candidate.name === target);
  const reviewed = review(imageSubject(build, { kind: "Dockerfile", name: file, labels: {}, annotations: {} }), settings.configuration);
  // A Dockerfile of one stage is just the Dockerfile; BuildKit's name for an unnamed stage (stage-0) is not the user's.
  const subject = stages.length === 1 && stage ? "Dockerfile" : stage && !stage.named ? "Dockerfile (final stage)" : `Dockerfile (stage ${stage?.name ?? settings.target})`;
  return { object: checkedObject({ source: file, file }, reviewed, subject) };
}
