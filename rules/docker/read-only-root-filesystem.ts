/**
 * read-only-root-filesystem (Docker) — the container's root file system is read-only.
 *
 * Reads:
 *   Container: readOnly
 *   Service:   taskSpec.containerSpec.readOnly
 *   Compose:   read_only
 * Allowed: true, explicitly (unset means writable).
 * Fix: sets it to true, as the Kubernetes rule's fix does; paths the application writes then need a
 *   tmpfs (Container `tmpfs`, or a `mounts` entry of type tmpfs) or a volume.
 */
import { violation } from "../findings";
import type { DockerRule } from "./rule";
import { field, judge, writableOwner, type DockerContainerSubject } from "./subject";

/** How each kind of resource gives a path a tmpfs. */
const TMPFS: Record<DockerContainerSubject["kind"], string> = {
  Container: 'tmpfs: { "/tmp": "rw,noexec,nosuid" }',
  Service: 'a mounts entry { type: "tmpfs", target: "/tmp" }',
  Compose: 'tmpfs: ["/tmp:rw,noexec,nosuid"]',
};

export const readOnlyRootFilesystem: DockerRule = {
  id: "read-only-root-filesystem",
  remediation: 'docker.Container: readOnly: true, with tmpfs: { "/tmp": "rw,noexec,nosuid,size=64m" } for each path it writes; docker.Service: taskSpec.containerSpec.readOnly: true, with a mounts entry of type "tmpfs".',
  check(subject) {
    const readOnly = field(subject, "readOnly")!;
    const judged = judge(readOnly, "true");
    if (judged && "finding" in judged) return [judged.finding];
    if (judged?.value === true) return [];
    const tmpfs = TMPFS[subject.kind];
    const state = judged ? "false" : "not set";
    const key = readOnly.path.slice(readOnly.path.lastIndexOf(".") + 1);
    return [violation(readOnly.path, undefined, `The container's root file system is writable (${key} ${state}): an attacker can replace binaries or drop tools in it. Set ${readOnly.path}: true, and give each path it must write a tmpfs (${tmpfs}) or a volume.`)];
  },
  fix(subject) {
    const target = writableOwner(subject, "readOnly");
    if (target && typeof target.owner[target.key] !== "string") target.owner[target.key] = true;
  },
};
