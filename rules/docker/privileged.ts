/**
 * `privileged` as other Docker rules see it: a privileged container gets every capability, every
 * host device, no seccomp or AppArmor confinement and an unmasked /proc, whatever else it sets
 * (moby: TweakCapabilities returns every capability, and the seccomp, AppArmor and masked-path
 * settings are skipped for privileged containers). Rules whose protection it removes report it, so
 * that turning off no-privileged does not hide what else is lost.
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { field, judge, type DockerContainerSubject } from "./subject";

/** A finding when the container is privileged (or cannot be told not to be); `consequence` says what that does. */
export function privilegedOverrides(subject: DockerContainerSubject, consequence: string): Finding[] {
  const privileged = field(subject, "privileged");
  if (!privileged) return [];
  const judged = judge(privileged, "false or unset");
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  if (!judged.value) return [];
  return [violation(privileged.path, undefined, `The container is privileged, so ${consequence}, whatever else is set. Remove privileged (or set it to false) and grant only what the container needs.`)];
}
