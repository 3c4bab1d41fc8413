/**
 * The security options that switch a confinement off, judged alike for seccomp, AppArmor and
 * /proc masking: every entry of the option's key is read (rules/docker/security-opts.ts); an entry
 * unknown at preview may be the forbidden one, so it is reported as unknown, never passed.
 */
import type { Finding } from "../types";
import { unknownValue, violation } from "../findings";
import { securityOpts } from "./security-opts";
import type { DockerContainerSubject } from "./subject";

export interface Confinement {
  /** The security option's key, e.g. `seccomp`. */
  key: string;
  /** What is wrong with an entry's value (a phrase following the entry, e.g. `turns off ...`), or undefined when it keeps the confinement. */
  refuse(value: string, subject: DockerContainerSubject): string | undefined;
  needed: string;
}

export function confinementFindings(subject: DockerContainerSubject, confinement: Confinement): Finding[] {
  const opts = securityOpts(subject, confinement.needed);
  if (!opts) return [];
  const out = opts.findings.filter((f) => f.outcome === "violation");
  for (const entry of opts.entries) {
    if (entry.key !== confinement.key) continue;
    const problem = confinement.refuse(entry.value, subject);
    if (problem) out.push(violation(entry.path, undefined, `"${entry.raw}" ${problem}`));
  }
  if (out.length === 0 && opts.findings.length > 0) return [unknownValue(opts.path, undefined, confinement.needed)];
  return out;
}
