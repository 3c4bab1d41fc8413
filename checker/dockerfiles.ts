/**
 * Reviewing a Dockerfile on its own: run-as-non-root over the user the image it builds runs as —
 * the USER in force at the end of the stage built (`--target`, else the last stage), with ARG values
 * from `--build-arg` (rules/docker/dockerfile-user.ts), judged with the pack's words
 * (judgeImageUser). A finding carries the line of the USER instruction that decides, or of the
 * built stage's FROM when no USER does. A Dockerfile BuildKit would refuse is an unreadable input.
 */
import { runAsNonRoot } from "../rules/docker/run-as-non-root";
import { DockerfileSyntaxError, parseDockerfile, type Dockerfile } from "../rules/docker/dockerfile";
import { effectiveUser, type EffectiveUser } from "../rules/docker/dockerfile-user";
import { judgeImageUser } from "../rules/docker/image-build";
import { profileRules, type Profile } from "../rules/profiles";
import type { CheckedObject } from "./format";

/**
 * Names a Dockerfile goes by: Dockerfile (docker build also takes dockerfile), Containerfile,
 * Dockerfile.prod, app.Dockerfile, app.dockerfile. `Dockerfile.<suffix>` must be spelt with a capital
 * and not end like source code or data, so that dockerfile.ts or Dockerfile.md is not taken for one.
 */
const DOCKERFILE = /^(dockerfile|containerfile)$|.\.(dockerfile|containerfile)$/i;
const DOCKERFILE_VARIANT = /^(Dockerfile|Containerfile)\.[^.]/;
const NOT_A_DOCKERFILE = /\.(c?m?[jt]s|map|md|json|ya?ml|txt|sh|py|go|rs|html?)$/i;

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE.test(name) || (DOCKERFILE_VARIANT.test(name) && !NOT_A_DOCKERFILE.test(name));
}

export interface DockerfileSettings {
  profile: Profile;
  /** `--target`. */
  target?: string;
  /** `--build-arg NAME=value`. */
  buildArgs: ReadonlyMap<string, string>;
}

/** The FROM line and the name of the stage that is built, as dockerfile-user picks it. */
function builtStage(dockerfile: Dockerfile, target: string | undefined): { name: string; named: boolean; line: number } | undefined {
  const stages = dockerfile.instructions
    .filter((instruction) => instruction.keyword === "FROM")
    .map((instruction, index) => {
      const words = instruction.args.split(/\s+/);
      const named = words.length === 3 && words[1]!.toLowerCase() === "as";
      return { name: named ? words[2]!.toLowerCase() : `stage-${index}`, named, line: instruction.line };
    });
  return target === undefined ? stages[stages.length - 1] : stages.find((stage) => stage.named && stage.name === target.toLowerCase());
}

/** Where a finding about this user belongs: the USER that decides, or the stage's FROM. */
function placeOf(user: EffectiveUser, stage: { line: number } | undefined): { path: string; line?: number } {
  if (user.state === "no-such-target") return { path: "--target" };
  if (user.state === "scratch" || user.state === "base-image") return { path: "FROM", line: stage?.line };
  return { path: "USER", line: user.line };
}

/** The review of one Dockerfile, or the error that stops it being read. */
export function reviewDockerfile(file: string, text: string, settings: DockerfileSettings): { object: CheckedObject } | { error: string } {
  let dockerfile: Dockerfile;
  let user: EffectiveUser;
  try {
    dockerfile = parseDockerfile(text);
    user = effectiveUser(dockerfile, { target: settings.target, buildArg: (name) => (settings.buildArgs.has(name) ? { state: "set", value: settings.buildArgs.get(name)! } : undefined) });
  } catch (error) {
    if (!(error instanceof DockerfileSyntaxError)) throw error;
    const line = /^line (\d+): /.exec(error.message)?.[1];
    const reason = error.message.replace(/^line \d+: /, "");
    const shown = reason.length > 120 ? `${reason.slice(0, 117)}...` : reason;
    return { error: `${file}${line ? `:${line}` : ""}: not a valid Dockerfile (${shown}); BuildKit refuses it too. Fix the file or leave it out.` };
  }
  const stage = builtStage(dockerfile, settings.target);
  const object: CheckedObject = {
    source: file,
    subject: stage && !stage.named ? "Dockerfile (final stage)" : `Dockerfile (stage ${stage?.name ?? settings.target})`,
    resource: { apiVersion: "", kind: "Dockerfile", name: file, namespace: undefined, labels: {}, annotations: {} },
    findings: [],
    exemptions: [],
  };
  const entry = profileRules(settings.profile).find(({ entry }) => entry.meta.id === runAsNonRoot.id)?.entry;
  if (!entry) return { object };
  const place = placeOf(user, stage);
  object.findings = judgeImageUser(user, { targetPath: "--target", argsPath: "--build-arg" }, file, place.path).map((finding) => ({
    ...finding,
    ...(finding.path === place.path && place.line !== undefined ? { line: place.line } : {}),
    rule: entry.meta.id,
    severity: entry.meta.severity,
  }));
  return { object };
}
