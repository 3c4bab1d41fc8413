/**
 * selinux-options — no container picks a custom SELinux type, user or role.
 *
 * Reads (pod, then init, regular and ephemeral containers):
 *   spec.securityContext.seLinuxOptions.{type,user,role}
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seLinuxOptions.{type,user,role}
 * Allowed, exact and case-sensitive, wherever it is written (a pod-level value is judged even when
 *   every container sets its own):
 *   type: unset, "", container_t, container_init_t, container_kvm_t, container_engine_t
 *     (container_engine_t since policy version 1.31, so at latest);
 *   user, role: unset or "".
 *   level (the MCS categories) is not read.
 * Exempt: nothing (PSA has no Windows or user-namespace exemption for this check).
 * No automatic fix: a custom SELinux label is a deliberate choice only its author can undo.
 * PSS: baseline, control "SELinux" (check seLinuxOptions).
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { ALLOWED_SELINUX_TYPES } from "../selinux";
import { everyPlace, fieldAt, judge, nested, type Place } from "./context-places";
import type { KubernetesRule } from "./rule";
import type { PodSubject } from "./workloads";

function checkPlace(pod: PodSubject, place: Place): Finding[] {
  const options = fieldAt(pod, place, "seLinuxOptions", "object");
  const whole = judge(options, place.name, "an object with an allowed type and no user or role");
  if (!whole) return [];
  if ("finding" in whole) return [whole.finding];
  const findings: Finding[] = [];
  const type = nested(options, "type", "string");
  const judgedType = judge(type, place.name, ALLOWED_SELINUX_TYPES.join(", "));
  if (judgedType && "finding" in judgedType) findings.push(judgedType.finding);
  else if (judgedType && judgedType.value !== "" && !ALLOWED_SELINUX_TYPES.includes(judgedType.value)) {
    const hint = judgedType.value === "spc_t" ? " (the super-privileged container type, which SELinux does not confine)" : "";
    findings.push(
      violation(type.path, place.name, `${place.label} sets the SELinux type ${JSON.stringify(judgedType.value)}${hint}, which can lift the confinement of container processes. Remove seLinuxOptions.type (the runtime assigns container_t) or use one of ${ALLOWED_SELINUX_TYPES.join(", ")}.`),
    );
  }
  for (const key of ["user", "role"]) {
    const field = nested(options, key, "string");
    const judged = judge(field, place.name, "unset");
    if (judged && "finding" in judged) findings.push(judged.finding);
    else if (judged && judged.value !== "") {
      findings.push(violation(field.path, place.name, `${place.label} sets the SELinux ${key} ${JSON.stringify(judged.value)}; a custom SELinux ${key} is forbidden. Remove seLinuxOptions.${key}.`));
    }
  }
  return findings;
}

export const selinuxOptions: KubernetesRule = {
  meta: {
    id: "selinux-options",
    title: "No custom SELinux type, user or role",
    description:
      "On SELinux hosts the runtime labels every container process container_t with its own categories. Setting another type (such as spc_t), or an SELinux user or role, can run the container unconfined by SELinux.",
    severity: "medium",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "SELinux (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { source: "CIS Docker Benchmark", control: "5.2 Ensure that, if applicable, SELinux security options are set" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "Leave seLinuxOptions unset, or set only the level or an allowed type:\n  securityContext:\n    seLinuxOptions:\n      type: container_t        # or container_init_t, container_kvm_t, container_engine_t\n      level: \"s0:c123,c456\"   # allowed; user and role are not",
    options: [],
  },
  check(pod) {
    return everyPlace(pod).flatMap((place) => checkPlace(pod, place));
  },
};
