/**
 * seccomp-profile — containers run under a seccomp profile, never Unconfined.
 *
 * Reads (pod, then init, regular and ephemeral containers):
 *   spec.securityContext.seccompProfile.type
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type
 * Allowed, exact and case-sensitive: "RuntimeDefault" or "Localhost". A seccompProfile without a
 *   type, "Unconfined" or any other string is refused wherever it is written, even at pod level
 *   when every container overrides it.
 *   level baseline:   unset is fine (check seccompProfile_baseline).
 *   level restricted: additionally the pod sets an allowed type, or every container does
 *                     (check seccompProfile_restricted).
 * Not read, as in PSA at latest: localhostProfile (the API server requires it for Localhost), and the
 *   seccomp annotations, which PSA checks only for policy versions before 1.19 and the kubelet
 *   ignores since 1.27.
 * Exempt: Windows pods at level restricted only (PSA's restricted check exempts them and replaces
 *   the baseline one); at level baseline they are judged.
 * PSS: baseline and restricted, control "Seccomp".
 */
import type { Finding, RuleOptions } from "../types";
import { violation } from "../findings";
import { isObject } from "../values";
import { everyPlace, fieldAt, judge, nested, ownerAt, writableContext, type Place } from "./context-places";
import { unlessExempt, windowsPod } from "./pod-conditions";
import type { KubernetesRule } from "./rule";
import type { PodSubject } from "./workloads";

const ALLOWED = ["RuntimeDefault", "Localhost"];
const NEEDED = '"RuntimeDefault" or "Localhost"';

/** The place's own seccomp type: "unset", "allowed", or a finding about it. */
function judgePlace(pod: PodSubject, place: Place): "unset" | "allowed" | Finding {
  const profile = fieldAt(pod, place, "seccompProfile", "object");
  const type = nested(profile, "type", "string");
  const judged = judge(type, place.name, `a seccompProfile with type ${NEEDED}`);
  if (judged && "finding" in judged) return judged.finding;
  if (!judged && profile.read.state === "absent") return "unset";
  if (judged && ALLOWED.includes(judged.value)) return "allowed";
  const override = place.container ? "" : " (PSA refuses it at pod level even when every container sets its own)";
  const what = judged ? `sets seccompProfile.type: ${JSON.stringify(judged.value)}` : "sets a seccompProfile without a type";
  const nearMiss = judged && ALLOWED.find((name) => name.toLowerCase() === judged.value.toLowerCase());
  const advice = nearMiss ? `Write exactly "${nearMiss}" (the value is case-sensitive).` : 'Set seccompProfile.type: RuntimeDefault (or Localhost with a localhostProfile).';
  const consequence = judged?.value === "Unconfined" ? ", which turns off system call filtering" : ", which is not an allowed profile";
  return violation(type.path, place.name, `${place.label} ${what}${consequence}${override}. ${advice}`);
}

function findings(pod: PodSubject, options: RuleOptions): Finding[] {
  const [podLevel, ...containers] = everyPlace(pod);
  const podResult = judgePlace(pod, podLevel!);
  const out: Finding[] = typeof podResult === "string" ? [] : [podResult];
  for (const place of containers) {
    const result = judgePlace(pod, place);
    if (typeof result !== "string") out.push(result);
    else if (result === "unset" && options.level === "restricted" && podResult === "unset" && !pod.patch) {
      out.push(
        violation(
          `${place.container!.path}.securityContext.seccompProfile`,
          place.name,
          `${place.label} runs without a seccomp profile: neither it nor the pod sets one, so the runtime may run it Unconfined. Set ${pod.specPath}.securityContext.seccompProfile.type: RuntimeDefault (for every container) or set it in this container.`,
        ),
      );
    }
  }
  return out;
}

/** Makes this place's profile RuntimeDefault unless it is already allowed or cannot be written. */
function harden(owner: Record<string, unknown>): void {
  const context = writableContext(owner);
  if (!context) return;
  if (isObject(context.seccompProfile) && ALLOWED.includes(context.seccompProfile.type as string)) return;
  context.seccompProfile = { type: "RuntimeDefault" };
}

export const seccompProfile: KubernetesRule = {
  meta: {
    id: "seccomp-profile",
    title: "Run under a seccomp profile",
    description:
      "Seccomp filters the system calls a container may make; the runtime's default profile blocks dozens that are used in container escapes (unshare, keyctl, mount, ...). Unconfined turns the filter off; Pod Security restricted also requires the profile to be set, because the kubelet's default is Unconfined.",
    severity: "high",
    pss: ["baseline", "restricted"],
    references: [
      { source: "Pod Security Standards", control: "Seccomp (baseline and restricted)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/" },
      { source: "CIS Docker Benchmark", control: "5.21 Ensure the default seccomp profile is not Disabled" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "Set the runtime's default profile for the whole pod:\n  spec:\n    securityContext:\n      seccompProfile:\n        type: RuntimeDefault   # or Localhost with localhostProfile: profiles/app.json",
    options: ["level"],
  },
  check(pod, options) {
    if (options.level === "restricted") return unlessExempt(windowsPod(pod), () => findings(pod, options));
    return findings(pod, options);
  },
  fix(pod, options) {
    for (const place of everyPlace(pod)) {
      const owner = ownerAt(pod, place);
      if (isObject(owner.securityContext) && owner.securityContext.seccompProfile !== undefined) harden(owner);
    }
    if (options.level === "restricted") harden(pod.spec);
  },
};
