/**
 * The two pod-wide conditions under which Pod Security Admission relaxes some container checks:
 * - a Windows pod (`spec.os.name` exactly "windows"): exempt from capabilities_restricted,
 *   allowPrivilegeEscalation and seccompProfile_restricted since 1.25;
 * - a pod in a user namespace (`spec.hostUsers` set to false): exempt from runAsNonRoot, runAsUser
 *   and the baseline procMount check since 1.35 (pod-security-admission `helpers.go`).
 * Either condition may be unknown at preview or of the wrong type; then a rule cannot tell whether
 * its violations stand, and says so instead of guessing.
 */
import type { Finding } from "../types";
import { unknownValue, unreadable } from "../findings";
import { read, type Read } from "../values";
import type { PodSubject } from "./workloads";

export type Condition = { holds: true } | { holds: false } | { holds: "cannot-tell"; finding: Finding };

function condition<T>(value: Read<T>, path: string, needed: string, test: (value: T) => boolean): Condition {
  switch (value.state) {
    case "absent":
      return { holds: false };
    case "unknown":
      return { holds: "cannot-tell", finding: unknownValue(path, undefined, needed) };
    case "invalid":
      return { holds: "cannot-tell", finding: unreadable(path, undefined, value.value, value.expected) };
    case "present":
      return { holds: test(value.value) };
  }
}

/** Whether PSA treats the pod as a Windows pod. */
export function windowsPod(pod: PodSubject): Condition {
  const path = `${pod.specPath}.os`;
  const os = read(pod.spec, "os", "object");
  if (os.state !== "present") return condition(os, path, 'known ("windows" or "linux")', () => false);
  return condition(read(os.value, "name", "string"), `${path}.name`, 'known ("windows" or "linux")', (name) => name === "windows");
}

/** Whether the pod runs in its own user namespace (`hostUsers: false`), as PSA reads it. */
export function userNamespacePod(pod: PodSubject): Condition {
  return condition(read(pod.spec, "hostUsers", "boolean"), `${pod.specPath}.hostUsers`, "known (true or false)", (hostUsers) => !hostUsers);
}

/**
 * The findings of a check that an exempting condition switches off: none when it holds, all when it
 * does not, and when it cannot be told, the condition's own finding in place of the violations
 * (which would stand only if the condition turns out false).
 */
export function unlessExempt(exempt: Condition, findings: () => Finding[]): Finding[] {
  if (exempt.holds === true) return [];
  const result = findings();
  if (exempt.holds === false || result.length === 0) return result;
  return [exempt.finding, ...result.filter((f) => f.outcome === "unknown")];
}
