/**
 * no-privilege-escalation (Docker) — the container runs with no_new_privs set.
 *
 * Reads: Container `securityOpts`, Compose `security_opt` (rules/docker/security-opts.ts).
 * Allowed: an entry that sets no-new-privileges to true, in any spelling the daemon accepts:
 *   `no-new-privileges`, `no-new-privileges=<bool>`, `no-new-privileges:<bool>`, the value read as
 *   Go's strconv.ParseBool reads it (1 t T TRUE true True), and no entry that sets it to false
 *   (0 f F FALSE false False) or to a value that is not a boolean (`yes`, `on`: the daemon refuses
 *   the container). Entries that disagree are refused: the daemon applies the last one, and the
 *   provider passes the list as a set, whose order is not the program's.
 *   Unset is refused: the daemon then applies its own `no-new-privileges` setting (daemon.json),
 *   which this policy cannot see. (Peers' substring matches pass `no-new-privileges=false`.)
 * Service: @pulumi/docker 5.2.0 has no input for it (taskSpec.containerSpec.privileges holds only
 *   seLinuxContext and credentialSpec), so a Service always gets a violation that says so: set
 *   `"no-new-privileges": true` in the daemon.json of every swarm node and exempt the Service with
 *   that reason.
 * Fix (Container): removes entries that set it false or invalid and adds `no-new-privileges=true`.
 */
import type { Finding } from "../types";
import { unknownValue, violation } from "../findings";
import type { DockerRule } from "./rule";
import { goBool, parseSecurityOpt, securityOpts } from "./security-opts";
import { writableOwner, type DockerContainerSubject } from "./subject";

const KEY = "no-new-privileges";
const WRITE = '"no-new-privileges=true"';

function check(subject: DockerContainerSubject): Finding[] {
  const opts = securityOpts(subject, `security options that set ${KEY} to true`);
  if (!opts) {
    return [
      violation(
        "taskSpec.containerSpec.privileges",
        undefined,
        `A swarm service created through @pulumi/docker cannot set no-new-privileges (taskSpec.containerSpec.privileges has no such input), so setuid binaries and file capabilities in it can gain privileges unless every node's daemon sets it. Set "no-new-privileges": true in the daemon.json of every swarm node, then exempt this service from no-privilege-escalation with that reason.`,
      ),
    ];
  }
  const mine = opts.entries.filter((entry) => entry.key === KEY);
  const on = mine.filter((entry) => goBool(entry.value) === true);
  const out: Finding[] = opts.findings.filter((f) => f.outcome === "violation");
  for (const entry of mine) {
    const value = goBool(entry.value);
    if (value === true) continue;
    const order = subject.kind === "Compose" ? "which one wins depends on the order of the list, which an override file or a merge can change" : "the provider passes securityOpts as a set, whose order is not kept";
    const conflict = on.length > 0 ? ` It contradicts ${on.map((e) => `"${e.raw}"`).join(", ")}: the daemon applies the last one, and ${order}.` : "";
    const what = value === false
      ? `turns no_new_privs off, so setuid binaries and file capabilities can make a process root.${conflict}`
      : `is not a boolean to Docker (it parses the value as Go's strconv.ParseBool: 1, t, true, TRUE, ...), so the daemon refuses the container.`;
    out.push(violation(entry.path, undefined, `"${entry.raw}" ${what} Replace it with ${WRITE}.`));
  }
  if (out.length > 0) return out;
  if (opts.findings.length > 0) return [unknownValue(opts.path, undefined, `a list that sets ${KEY} to true and never to false`)];
  if (on.length > 0) return [];
  return [violation(opts.path, undefined, `The container does not set no-new-privileges, so setuid binaries and file capabilities in the image can make a process root (unless the daemon's own default, which this policy cannot see, sets it). Add ${WRITE} to ${opts.path}.`)];
}

export const noPrivilegeEscalation: DockerRule = {
  id: "no-privilege-escalation",
  remediation: 'docker.Container: securityOpts: ["no-new-privileges=true"]; docker.Service: not settable through @pulumi/docker: set "no-new-privileges": true in every swarm node\'s daemon.json and exempt the service with that reason.',
  check,
  fix(subject) {
    const target = writableOwner(subject, "securityOpts");
    if (!target) return;
    const list = target.owner[target.key] ?? [];
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== "string")) return;
    const kept = (list as string[]).filter((entry) => parseSecurityOpt(entry).key !== KEY || goBool(parseSecurityOpt(entry).value) === true);
    target.owner[target.key] = kept.some((entry) => parseSecurityOpt(entry).key === KEY) ? kept : [...kept, "no-new-privileges=true"];
  },
};
