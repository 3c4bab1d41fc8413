/**
 * A Container's `securityOpts`, read the way the Docker daemon reads `HostConfig.SecurityOpt`
 * (moby daemon/daemon_unix.go, parseSecurityOpt):
 * - the bare entry `no-new-privileges` means `no-new-privileges=true`; the bare entry `disable`
 *   means `label=disable`;
 * - otherwise the key and value are split at the first `=`, or, when there is none, at the first
 *   `:` (the deprecated separator): `seccomp:unconfined` is `seccomp=unconfined`, and
 *   `label:type:spc_t` is `label=type:spc_t`;
 * - keys are case-sensitive (`Seccomp=unconfined` is refused at creation, not applied), and every
 *   entry is applied in order, so for one key the last entry wins. @pulumi/docker passes the list
 *   as a set, whose order is not the program's: two entries that disagree have no defined winner.
 * - `systempaths=unconfined` is the Docker CLI's: the CLI turns it into empty masked and read-only
 *   paths, and the daemon's parser (as read) has no such key; proc-mount refuses it either way.
 */
import type { Finding } from "../types";
import { field, items, type DockerContainerSubject } from "./subject";

export interface SecurityOpt {
  /** As written. */
  raw: string;
  key: string;
  value: string;
  path: string;
  index: number;
}

export interface SecurityOpts {
  /** The entries that are strings, parsed. */
  entries: SecurityOpt[];
  /** Entries unknown at preview, or of the wrong type (for the rule to report: it cannot tell). */
  findings: Finding[];
  /** The list's own path. */
  path: string;
}

/** The key and value the daemon reads from one entry (an entry without a separator has an empty key). */
export function parseSecurityOpt(raw: string): { key: string; value: string } {
  if (raw === "no-new-privileges") return { key: "no-new-privileges", value: "true" };
  if (raw === "disable") return { key: "label", value: "disable" };
  const separator = raw.includes("=") ? "=" : raw.includes(":") ? ":" : undefined;
  if (separator === undefined) return { key: "", value: raw };
  const at = raw.indexOf(separator);
  return { key: raw.slice(0, at), value: raw.slice(at + 1) };
}

/** The resource's security options, or undefined when its type has none (a Service). */
export function securityOpts(subject: DockerContainerSubject, needed: string): SecurityOpts | undefined {
  const list = field(subject, "securityOpts");
  if (!list) return undefined;
  const { items: strings, findings } = items(list, "string", needed);
  const entries = strings.map(({ value, path, index }) => ({ raw: value, ...parseSecurityOpt(value), path, index }));
  return { entries, findings, path: list.path };
}

/**
 * A Go boolean as strconv.ParseBool reads it (the daemon parses `no-new-privileges=<value>` so):
 * 1 t T TRUE true True, 0 f F FALSE false False; anything else is not a boolean.
 */
export function goBool(text: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
  return undefined;
}

/** Removes, in a fix, the string entries `drop` selects; true when the list could be read. */
export function removeSecurityOpts(subject: DockerContainerSubject, drop: (entry: { key: string; value: string }) => boolean): boolean {
  const list = subject.props.securityOpts;
  if (list === undefined || list === null) return true;
  if (!Array.isArray(list)) return false;
  subject.props.securityOpts = list.filter((entry) => typeof entry !== "string" || !drop(parseSecurityOpt(entry)));
  return true;
}
