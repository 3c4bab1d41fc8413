/**
 * Where a Docker rule is stricter than what the daemon gives, on purpose: a rule judges what it can
 * see in the configuration, and refuses what it cannot verify or what a later change would turn into
 * a real grant. Each entry names the rule, says why, and recognises the case; a disagreement between
 * a rule and the measured state is accepted only when one of these recognises it (and each must be
 * met in the sample, so none is dead).
 */
import { parseSecurityOpt, goBool } from "../../rules/docker/security-opts";
import type { Measurement } from "./hardened";

/** The settings of a configuration as the rules read them, in either kind's keys. */
export interface Settings {
  user: string | undefined;
  capAdds: string[];
  securityOpts: string[];
  cpuSet: string | undefined;
  privileged: boolean;
}

export interface DeliberateDifference {
  name: string;
  rule: string;
  /** The rule refuses what the daemon's container has (strict), or passes what it lacks. */
  rulePasses: boolean;
  reason: string;
  applies(settings: Settings, m: Measurement): boolean;
}

const canonical = (name: string) => {
  const upper = name.toUpperCase();
  return upper.startsWith("CAP_") ? upper.slice(4) : upper;
};

const userPart = (user: string) => (user.includes(":") ? user.slice(0, user.indexOf(":")) : user);
const groupPart = (user: string) => (user.includes(":") ? user.slice(user.indexOf(":") + 1) : undefined);
const numeric = (part: string | undefined) => part !== undefined && /^[+-]?\d+$/.test(part);

export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    name: "empty user",
    rule: "run-as-non-root",
    rulePasses: false,
    reason: "An empty user runs as the image's USER, which the rule cannot see (the image reference is not followed), so it is refused; here the image says USER 65532:65532.",
    applies: (s) => s.user === undefined || s.user === "",
  },
  {
    name: "empty user (IDs)",
    rule: "non-root-uid-gid",
    rulePasses: false,
    reason: "As for run-as-non-root: the image's UID and GID cannot be seen.",
    applies: (s) => s.user === undefined || s.user === "",
  },
  {
    name: "user or group by name",
    rule: "non-root-uid-gid",
    rulePasses: false,
    reason: "A name's UID or GID comes from the image's /etc/passwd or /etc/group, which the rule cannot see; here the image maps it to high IDs.",
    applies: (s) => s.user !== undefined && (!numeric(userPart(s.user)) || (groupPart(s.user) !== undefined && !numeric(groupPart(s.user)))),
  },
  {
    name: "UID without a group",
    rule: "non-root-uid-gid",
    rulePasses: false,
    reason: "Without a group the GID comes from the image's /etc/passwd entry for the UID (0 when it has none); here the image has an entry with a high GID.",
    applies: (s) => s.user !== undefined && groupPart(s.user) === undefined,
  },
  {
    name: "contradictory no-new-privileges",
    rule: "no-privilege-escalation",
    rulePasses: false,
    reason: "Entries that set no-new-privileges both true and false are refused: the daemon applies the last, and the provider passes a set (Compose a list an override file can reorder), so which one wins is not the program's choice; here the true one came last.",
    applies: (s) => {
      const values = s.securityOpts.map(parseSecurityOpt).filter((o) => o.key === "no-new-privileges").map((o) => goBool(o.value));
      return values.includes(true) && values.includes(false);
    },
  },
  {
    name: "seccomp entries that disagree",
    rule: "seccomp-profile",
    rulePasses: false,
    reason: "With several seccomp entries the daemon applies the last; an entry that turns seccomp off or allows everything is refused wherever it stands, since the provider passes a set and Compose a list an override file can reorder; here an acceptable one came last.",
    applies: (s) => s.securityOpts.map(parseSecurityOpt).filter((o) => o.key === "seccomp").length > 1,
  },
  {
    name: "apparmor entries that disagree",
    rule: "apparmor-profile",
    rulePasses: false,
    reason: "As for seccomp: an unconfined entry is refused even when another entry comes after it.",
    applies: (s) => s.securityOpts.map(parseSecurityOpt).filter((o) => o.key === "apparmor").length > 1,
  },
  {
    name: "adds ALL",
    rule: "drop-all-capabilities",
    rulePasses: false,
    reason: "Adding ALL undoes the drop of ALL (the daemon applies the adds first): drop-all-capabilities reports it as well as restrict-added-capabilities, though what it grants is the adds' doing.",
    applies: (s) => s.capAdds.some((name) => name.toUpperCase() === "ALL"),
  },
  {
    name: "adding a capability already held",
    rule: "restrict-added-capabilities",
    rulePasses: false,
    reason: "An add is judged as written, as Pod Security judges capabilities.add: adding NET_RAW to a container that keeps Docker's defaults grants nothing more, but becomes a grant as soon as the drops say ALL.",
    applies: (s, m) => s.capAdds.some((name) => m.boundingWithoutAdds.has(canonical(name))),
  },
  {
    name: "cpuset of every CPU",
    rule: "resource-limits",
    rulePasses: true,
    reason: "A cpuset counts as a CPU limit; the rule cannot know how many CPUs the host has, so a set that names all of them (0-1 on this 2-CPU machine) limits nothing here.",
    applies: (s, m) => s.cpuSet === m.reference.cpus,
  },
  {
    name: "privileged gets every device",
    rule: "no-host-devices",
    rulePasses: true,
    reason: "A privileged container gets every host device; the rule leaves that to no-privileged, which reports the container (rules/docker/no-host-devices.ts says so).",
    applies: (s) => s.privileged,
  },
  {
    name: "privileged shares the host's cgroup namespace",
    rule: "no-host-namespaces",
    rulePasses: true,
    reason: "On a cgroup v1 host the daemon puts a privileged container in the host's cgroup namespace whatever its default (moby daemon_unix.go adaptContainerSettings); no-privileged reports the container.",
    applies: (s, m) => s.privileged && m.state.hostNamespaces.join() === "cgroup",
  },
];
