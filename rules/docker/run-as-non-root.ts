/**
 * run-as-non-root (Docker) — the container runs as a named non-root user.
 *
 * Reads:
 *   Container: user
 *   Service:   taskSpec.containerSpec.user
 *   Compose:   services.<name>.user, else the USER of the image its `build` makes
 *   an image build (docker.Image and the like, a Dockerfile): the USER the built stage ends with
 * Allowed: a user whose user part is neither `root` nor UID 0 in any spelling (`0`, `00`, `+0`),
 *   nor empty before a `:` (rules/docker/user.ts). Refused:
 *   - root: `root`, `0`, `0:0`, `root:root`, `0:1000`, `:1000`;
 *   - unset or "": the container runs as the image's USER. When the adapter knows the build of that
 *     image (a Compose service's `build`), the image's USER is judged; otherwise it cannot be seen (an
 *     image built in the same stack is judged by its own Dockerfile, on the image resource; the image
 *     reference is not followed), and an image without USER runs as root: a violation, not an
 *     `unknown`, because the image's user does not become known at `pulumi up` either.
 * No automatic fix: which non-root UID the image supports only its author knows.
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import type { DockerRule } from "./rule";
import { checkImageBuild } from "./image-build";
import { field, judge, type DockerContainerSubject } from "./subject";
import { isRootUser, parseUser } from "./user";

const EXAMPLE = '"65532:65532"';

function check(subject: DockerContainerSubject): Finding[] {
  const user = field(subject, "user")!;
  const judged = judge(user, `a non-root user, e.g. ${EXAMPLE}`);
  if (judged && "finding" in judged) return [judged.finding];
  if (!judged || judged.value === "") {
    if (subject.image) return checkImageBuild(subject.image);
    return [
      violation(
        user.path,
        undefined,
        `The user is not set, so the container runs as its image's USER, which this policy cannot see (and an image without USER runs as root). Set ${user.path}: ${EXAMPLE} (a non-root UID:GID the image supports).`,
      ),
    ];
  }
  const parsed = parseUser(judged.value);
  if (!isRootUser(parsed.user)) return [];
  const why = parsed.user === "" ? "has an empty user part, which Docker runs as root (UID 0)" : `runs as root (user part "${parsed.user}")`;
  return [violation(user.path, undefined, `"${judged.value}" ${why}, so a process that escapes the container is root on the host (outside a user namespace). Set ${user.path} to a non-root user, e.g. ${EXAMPLE}.`)];
}

export const runAsNonRoot: DockerRule = {
  id: "run-as-non-root",
  remediation: 'docker.Container: user: "65532:65532"; docker.Service: taskSpec.containerSpec.user: "65532:65532" (a non-root UID:GID the image supports; never empty, which means the image\'s USER).',
  check,
  image: checkImageBuild,
};
