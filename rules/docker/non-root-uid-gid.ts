/**
 * non-root-uid-gid (Docker) — the container runs with a known, high, non-root UID and GID.
 *
 * Reads:
 *   Container: user, groupAdds
 *   Service:   taskSpec.containerSpec.user, taskSpec.containerSpec.groups
 *   Compose:   services.<name>.user (else the USER of the image its build makes), group_add
 * Allowed: `user` written as numeric `UID:GID`, both >= options.minimumId (default 10000). Refused:
 *   unset (the image's USER cannot be seen); a name for the user or the group (its ID is resolved
 *   from the image's /etc/passwd and /etc/group, which cannot be seen here); a UID without a group
 *   (the group then comes from the image, or is 0 when the image has no entry for the UID); and the
 *   group 0 (root) among the additional groups. Lower additional groups are allowed, as for
 *   Kubernetes' supplementalGroups: they are listed on purpose to share a volume or device.
 * No automatic fix: a UID the image was not built for breaks it.
 */
import type { Finding, RuleOptions } from "../types";
import { violation } from "../findings";
import { imageUser } from "./image-build";
import type { DockerRule } from "./rule";
import { field, items, judge, type DockerContainerSubject } from "./subject";
import { numericId, parseUser } from "./user";

/** The USER the container's image ends with, when its build is known and says it (the container sets no user). */
function userOfImage(subject: DockerContainerSubject): string | undefined {
  const known = subject.image && imageUser(subject.image);
  return known && "user" in known && known.user.state === "user" ? known.user.user : undefined;
}

function checkUser(subject: DockerContainerSubject, minimumId: number): Finding[] {
  const user = field(subject, "user")!;
  const example = `"${Math.max(minimumId, 65532)}:${Math.max(minimumId, 65532)}"`;
  const judged = judge(user, `a numeric UID:GID, both at least ${minimumId}`);
  if (judged && "finding" in judged) return [judged.finding];
  const value = judged && judged.value !== "" ? judged.value : userOfImage(subject);
  if (value === undefined) {
    return [violation(user.path, undefined, `The user is not set, so the UID and GID are the image's, which this policy cannot see. Set ${user.path}: ${example} (numeric UID:GID, both at least ${minimumId}).`)];
  }
  const parsed = parseUser(value);
  const problems: string[] = [];
  const uid = numericId(parsed.user);
  if (uid === undefined) problems.push(`the user "${parsed.user}" is a name, whose UID comes from the image and cannot be verified`);
  else if (uid < minimumId) problems.push(`the UID ${uid} is below ${minimumId}`);
  if (parsed.group === undefined) problems.push("no group is given, so the GID comes from the image (0 when the image has no entry for the UID)");
  else {
    const gid = numericId(parsed.group);
    if (gid === undefined) problems.push(`the group "${parsed.group}" is a name, whose GID comes from the image and cannot be verified`);
    else if (gid < minimumId) problems.push(`the GID ${gid} is below ${minimumId}`);
  }
  if (problems.length === 0) return [];
  return [violation(user.path, undefined, `The user "${value}" is not a high numeric UID:GID: ${problems.join("; ")}. Write it as numeric UID:GID, both at least ${minimumId}, e.g. ${example}.`)];
}

function checkGroups(subject: DockerContainerSubject): Finding[] {
  const list = field(subject, "groups")!;
  const { items: groups, findings } = items(list, "string", "a group other than 0 (root)");
  const out = [...findings];
  for (const group of groups) {
    if (group.value === "root" || numericId(group.value) === 0) out.push(violation(group.path, undefined, `"${group.value}" is root's group, which owns files a container should not write. Remove it from ${list.path}.`));
  }
  return out;
}

export const nonRootUidGid: DockerRule = {
  id: "non-root-uid-gid",
  remediation: 'docker.Container: user: "65532:65532" (numeric, both at least minimumId) and no "0" in groupAdds; docker.Service: taskSpec.containerSpec.user likewise, no "0" in taskSpec.containerSpec.groups.',
  check(subject, options: RuleOptions) {
    return [...checkUser(subject, options.minimumId), ...checkGroups(subject)];
  },
};
