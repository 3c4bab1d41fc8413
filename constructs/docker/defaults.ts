/**
 * SecureContainer's hardened defaults, and the one place its props are resolved against them:
 * every hardening input the component gives docker.Container is decided here, every loosening is
 * checked for its reason here, and a prop that would produce a container the catalogue refuses is
 * an error here (at construction, naming the prop) rather than a finding later.
 */
import { canonicalCapability } from "../../rules/capabilities";
import { noHostNamespaces } from "../../rules/docker/no-host-namespaces";
import { noPrivilegeEscalation } from "../../rules/docker/no-privilege-escalation";
import { nonRootUidGid } from "../../rules/docker/non-root-uid-gid";
import { readOnlyRootFilesystem } from "../../rules/docker/read-only-root-filesystem";
import { resourceLimits } from "../../rules/docker/resource-limits";
import { restrictAddedCapabilities } from "../../rules/docker/restrict-added-capabilities";
import { runAsNonRoot } from "../../rules/docker/run-as-non-root";
import { ALLOWED_SELINUX_TYPES } from "../../rules/selinux";
import { DEFAULT_OPTIONS } from "../../rules/options";
import type { ResolvedLoosening } from "../kubernetes/defaults";
import type { Loosening, RestartPolicy, SecureContainerArgs, WritablePath } from "./props";

export const DOCKER_SECURE_DEFAULTS = Object.freeze({
  /** `nonroot` in distroless and Chainguard images, far above host users. */
  user: "65532:65532",
  writablePaths: Object.freeze(["/tmp"]),
  writablePathSize: "64m",
  /** MB. */
  memory: 256,
  cpus: "0.5",
  restart: "unless-stopped" as RestartPolicy,
});

const RESTART_POLICIES: readonly RestartPolicy[] = ["no", "on-failure", "always", "unless-stopped"];

/** The hardening inputs of docker.Container, resolved. */
export interface ResolvedHardening {
  /** Undefined with `imageUser`: the image's USER. */
  user?: string;
  capabilities: { drops: string[]; adds?: string[] };
  readOnly: boolean;
  tmpfs: Record<string, string>;
  securityOpts: string[];
  memory?: number;
  cpus?: string;
  restart: RestartPolicy;
  maxRetryCount?: number;
  networkMode?: string;
  loosenings: ResolvedLoosening[];
}

/** The reason of a loosening that is used, refused when empty (an exemption must say why). */
function reasonOf(loosening: Loosening, prop: string): string {
  const reason = typeof loosening.reason === "string" ? loosening.reason.trim() : "";
  if (reason === "") throw new Error(`${prop}: give a reason ({ reason: "why" }); it is written on the container as the exemption's reason.`);
  return reason;
}

function resolveUser(props: SecureContainerArgs, where: string, loosenings: ResolvedLoosening[]): string | undefined {
  if (props.imageUser) {
    if (props.user !== undefined) throw new Error(`${where}: imageUser runs as the image's USER, so it cannot be combined with user.`);
    const reason = `the image's USER: ${reasonOf(props.imageUser, `${where}.imageUser`)}`;
    loosenings.push({ rule: runAsNonRoot.id, reason }, { rule: nonRootUidGid.id, reason });
    return undefined;
  }
  const user = props.user ?? DOCKER_SECURE_DEFAULTS.user;
  const match = /^(\d+)(?::(\d+))?$/.exec(user);
  if (!match) throw new Error(`${where}: user "${user}" must be a numeric uid or uid:gid (a name cannot be verified as non-root before the container starts).`);
  const [uid, gid] = [Number(match[1]), match[2] === undefined ? undefined : Number(match[2])];
  if (uid === 0) throw new Error(`${where}: user "${user}" is root (UID 0); run-as-non-root refuses it. Use a UID of at least ${DEFAULT_OPTIONS.minimumId}.`);
  if (gid === 0) throw new Error(`${where}: user "${user}" has group 0 (root's group); non-root-uid-gid refuses it. Use a GID of at least ${DEFAULT_OPTIONS.minimumId}.`);
  const low = [uid, gid].filter((id): id is number => id !== undefined && id < DEFAULT_OPTIONS.minimumId);
  if (low.length > 0) {
    if (!props.lowIds) throw new Error(`${where}: user "${user}" has IDs below ${DEFAULT_OPTIONS.minimumId}, where they can collide with users of the host (non-root-uid-gid); use higher IDs or give lowIds: { reason }.`);
    loosenings.push({ rule: nonRootUidGid.id, reason: `user ${user}: ${reasonOf(props.lowIds, `${where}.lowIds`)}` });
  }
  return user;
}

function resolveCapabilities(props: SecureContainerArgs, where: string, loosenings: ResolvedLoosening[]): string[] {
  const adds = [...new Set((props.addCapabilities ?? []).map(canonicalCapability))];
  if (adds.includes("ALL")) throw new Error(`${where}: addCapabilities cannot contain ALL: it grants every capability even with drops: ["ALL"]. Name the capabilities needed.`);
  const beyond = adds.filter((name) => !DEFAULT_OPTIONS.allowedCapabilities.includes(name));
  if (beyond.length > 0) {
    if (!props.unrestrictedCapabilities) {
      throw new Error(`${where}: addCapabilities ${beyond.join(", ")} goes beyond what restrict-added-capabilities allows (${DEFAULT_OPTIONS.allowedCapabilities.join(", ")}); give unrestrictedCapabilities: { reason } to add it anyway.`);
    }
    loosenings.push({ rule: restrictAddedCapabilities.id, reason: `${beyond.join(", ")}: ${reasonOf(props.unrestrictedCapabilities, `${where}.unrestrictedCapabilities`)}` });
  }
  return adds;
}

/**
 * A tmpfs for each writable path, owned by the container's numeric user when it is known. runc keeps
 * the mode of a directory the image already has at that path (a root-owned 755 /data stays 755 on
 * the tmpfs, whatever `mode=` says), so without `uid=` a non-root user cannot write there — measured
 * with dockerd 20.10 and runc 1.1 (test/docker/secure-container-run.test.ts).
 */
function resolveTmpfs(paths: ReadonlyArray<string | WritablePath>, where: string, user: string | undefined): Record<string, string> {
  const [uid, gid] = (user ?? "").split(":");
  const owner = [...(uid ? [`uid=${uid}`] : []), ...(gid ? [`gid=${gid}`] : [])];
  const tmpfs: Record<string, string> = {};
  for (const entry of paths) {
    const { path, size = DOCKER_SECURE_DEFAULTS.writablePathSize, executable = false } = typeof entry === "string" ? { path: entry } : entry;
    if (!path.startsWith("/")) throw new Error(`${where}: writablePaths entry "${path}" must be an absolute path.`);
    if (path.replace(/\/+$/, "") === "") throw new Error(`${where}: writablePaths cannot make "/" writable; use writableRootFilesystem: { reason } if the whole root must be writable.`);
    if (path in tmpfs) throw new Error(`${where}: writablePaths lists "${path}" twice.`);
    if (!/^\d+[kmg]?$/i.test(size)) throw new Error(`${where}: writablePaths size "${size}" for ${path} must be bytes or a number with k, m or g.`);
    tmpfs[path] = ["rw", ...(executable ? [] : ["noexec"]), "nosuid", `size=${size}`, ...owner].join(",");
  }
  return tmpfs;
}

function resolveSecurityOpts(props: SecureContainerArgs, where: string, loosenings: ResolvedLoosening[]): string[] {
  const opts: string[] = [];
  if (props.privilegeEscalation) {
    loosenings.push({ rule: noPrivilegeEscalation.id, reason: reasonOf(props.privilegeEscalation, `${where}.privilegeEscalation`) });
  } else {
    opts.push("no-new-privileges:true");
  }
  if (props.seccompProfile !== undefined) {
    if (props.seccompProfile.trim().toLowerCase() === "unconfined") throw new Error(`${where}: seccompProfile "unconfined" turns seccomp off (seccomp-profile); leave it unset for Docker's default profile.`);
    opts.push(`seccomp=${props.seccompProfile}`);
  }
  if (props.apparmorProfile !== undefined) {
    if (props.apparmorProfile.trim().toLowerCase() === "unconfined") throw new Error(`${where}: apparmorProfile "unconfined" turns AppArmor off (apparmor-profile); leave it unset for docker-default.`);
    opts.push(`apparmor=${props.apparmorProfile}`);
  }
  for (const label of props.selinuxLabels ?? []) {
    const [key = "", value = ""] = label.split(/:(.*)/s);
    const allowed = (key === "type" && ALLOWED_SELINUX_TYPES.includes(value)) || (key === "level" && value !== "");
    if (!allowed) {
      throw new Error(`${where}: selinuxLabels "${label}" is refused by selinux-options: only type:${ALLOWED_SELINUX_TYPES.join("|type:")} and level:<level> are allowed (disable, user and role are not).`);
    }
    opts.push(`label=${label}`);
  }
  return opts;
}

function resolveLimits(props: SecureContainerArgs, where: string, loosenings: ResolvedLoosening[]): { memory?: number; cpus?: string } {
  if (props.unlimitedResources) {
    if (props.memory !== undefined || props.cpus !== undefined) throw new Error(`${where}: unlimitedResources removes the limits, so it cannot be combined with memory or cpus.`);
    loosenings.push({ rule: resourceLimits.id, reason: reasonOf(props.unlimitedResources, `${where}.unlimitedResources`) });
    return {};
  }
  const memory = props.memory ?? DOCKER_SECURE_DEFAULTS.memory;
  const cpus = props.cpus ?? DOCKER_SECURE_DEFAULTS.cpus;
  if (!Number.isInteger(memory) || memory < 6) throw new Error(`${where}: memory ${memory} must be a whole number of MB, at least 6 (Docker's minimum); give unlimitedResources: { reason } to run without limits.`);
  if (!/^\d*\.?\d+$/.test(cpus) || Number(cpus) <= 0) throw new Error(`${where}: cpus "${cpus}" must be a positive number of CPUs such as "0.5"; give unlimitedResources: { reason } to run without limits.`);
  return { memory, cpus };
}

/** Resolves the props against the hardened defaults; throws, naming the prop, on a contradiction. */
export function resolveHardening(props: SecureContainerArgs, where: string): ResolvedHardening {
  const loosenings: ResolvedLoosening[] = [];
  const user = resolveUser(props, where, loosenings);
  const adds = resolveCapabilities(props, where, loosenings);
  const readOnly = props.writableRootFilesystem === undefined;
  if (!readOnly) loosenings.push({ rule: readOnlyRootFilesystem.id, reason: reasonOf(props.writableRootFilesystem!, `${where}.writableRootFilesystem`) });
  const tmpfs = resolveTmpfs(props.writablePaths ?? DOCKER_SECURE_DEFAULTS.writablePaths, where, user);
  const securityOpts = resolveSecurityOpts(props, where, loosenings);
  const limits = resolveLimits(props, where, loosenings);

  const restart = props.restart ?? DOCKER_SECURE_DEFAULTS.restart;
  if (!RESTART_POLICIES.includes(restart)) throw new Error(`${where}: restart "${restart}" must be one of ${RESTART_POLICIES.join(", ")}.`);
  if (props.maxRetryCount !== undefined && restart !== "on-failure") throw new Error(`${where}: maxRetryCount applies only with restart: "on-failure".`);
  if (props.networkMode !== undefined && props.networkMode.trim().toLowerCase() === "host") {
    throw new Error(`${where}: networkMode "host" shares the host's network stack (${noHostNamespaces.id}); use networks or ports.`);
  }

  return {
    ...(user !== undefined ? { user } : {}),
    capabilities: { drops: ["ALL"], ...(adds.length > 0 ? { adds } : {}) },
    readOnly,
    tmpfs,
    securityOpts,
    ...limits,
    restart,
    ...(props.maxRetryCount !== undefined ? { maxRetryCount: props.maxRetryCount } : {}),
    ...(props.networkMode !== undefined ? { networkMode: props.networkMode } : {}),
    loosenings,
  };
}
