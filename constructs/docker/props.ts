/**
 * The props of SecureContainer: what a developer writes. Every optional field says its `@default`;
 * the values live in defaults.ts, the only place props are resolved. The fields that decide how
 * hardened the container is are plain values (checked at construction); the rest pass through to
 * `docker.Container` and may be Pulumi outputs. Anything that loosens a hardened default takes a
 * `Loosening` (a reason), which the component writes on the container as the exemption labels the
 * catalogue reads, so the loosening is reported with its reason instead of passing silently.
 */
import type * as docker from "@pulumi/docker";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Why a hardened default is loosened; it appears in the exemption label and in every report (the
 * same shape as the Kubernetes constructs' `Loosening`, kept here so this entry needs no cdk8s).
 */
export interface Loosening {
  readonly reason: string;
}

/** A directory the container may write to despite its read-only root: a tmpfs mounted there. */
export interface WritablePath {
  /** Absolute path inside the container. */
  readonly path: string;
  /**
   * Most the tmpfs may hold (Docker's `size=` option: bytes, or with a k, m or g suffix); it counts
   * against the container's memory limit.
   * @default "64m"
   */
  readonly size?: string;
  /**
   * Allow executing files from it (drops the `noexec` mount option).
   * @default false
   */
  readonly executable?: boolean;
}

export type RestartPolicy = "no" | "on-failure" | "always" | "unless-stopped";

export interface SecureContainerArgs {
  /** Image reference; pin a digest (`repo@sha256:…`) for reproducible deployments. */
  readonly image: pulumi.Input<string>;
  /** @default - Pulumi auto-names the container from the resource name */
  readonly name?: pulumi.Input<string>;
  /** @default - the image's CMD */
  readonly command?: pulumi.Input<pulumi.Input<string>[]>;
  /** @default - the image's ENTRYPOINT */
  readonly entrypoints?: pulumi.Input<pulumi.Input<string>[]>;
  /** Environment variables by name. @default {} */
  readonly env?: Record<string, pulumi.Input<string>>;
  /** @default - the image's WORKDIR */
  readonly workingDir?: pulumi.Input<string>;
  /** @default - Docker's default (the container ID) */
  readonly hostname?: pulumi.Input<string>;
  /** Published ports. A non-root process may listen below 1024 on Docker (it sets ip_unprivileged_port_start=0). @default [] */
  readonly ports?: pulumi.Input<pulumi.Input<docker.types.input.ContainerPort>[]>;
  /**
   * The network to join. `host` is refused: it shares the host's network stack (no-host-namespaces);
   * use `networks` or published `ports`.
   * @default "bridge"
   */
  readonly networkMode?: string;
  /** User-defined networks to attach. @default [] */
  readonly networks?: pulumi.Input<pulumi.Input<docker.types.input.ContainerNetworksAdvanced>[]>;
  /** Labels by name (the exemption labels of loosened defaults are added to them). @default {} */
  readonly labels?: Record<string, string>;
  /** @default - the image's HEALTHCHECK */
  readonly healthcheck?: pulumi.Input<docker.types.input.ContainerHealthcheck>;
  /** Volumes and bind mounts; host paths are judged by no-host-path-volumes and no-docker-socket-mount. @default [] */
  readonly volumes?: pulumi.Input<pulumi.Input<docker.types.input.ContainerVolume>[]>;
  /** Mounts; host paths are judged by no-host-path-volumes and no-docker-socket-mount. @default [] */
  readonly mounts?: pulumi.Input<pulumi.Input<docker.types.input.ContainerMount>[]>;
  /** @default - the daemon's log driver */
  readonly logDriver?: pulumi.Input<string>;
  /** @default {} */
  readonly logOpts?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Run an init process (tini) as PID 1, which reaps zombies and forwards signals. @default - the daemon's default (no init) */
  readonly init?: pulumi.Input<boolean>;

  /**
   * The user to run as: a numeric `uid` or `uid:gid`, never 0 (run-as-non-root), at least 10000
   * unless `lowIds` gives a reason (non-root-uid-gid), and a group other than 0. Numeric IDs need no
   * entry in the image's /etc/passwd.
   * @default "65532:65532" (`nonroot` in distroless and Chainguard images)
   */
  readonly user?: string;
  /**
   * Allows a `user` below 10000, where IDs can collide with users of the host.
   * @default - refused
   */
  readonly lowIds?: Loosening;
  /**
   * Run as the image's USER instead of `user` (the container's `user` is left empty). The image's
   * USER is not visible to the policy pack, so run-as-non-root and non-root-uid-gid are exempted
   * with this reason.
   * @default - the container runs as `user`
   */
  readonly imageUser?: Loosening;
  /**
   * Capabilities added back after dropping ALL, in any case, with or without `CAP_` (written upper
   * case without the prefix). Only NET_BIND_SERVICE unless `unrestrictedCapabilities` gives a
   * reason; `ALL` is always refused. A non-root process gets added capabilities only through file
   * capabilities of its binary, and on Docker it can bind ports below 1024 without any.
   * @default []
   */
  readonly addCapabilities?: string[];
  /**
   * Allows `addCapabilities` beyond NET_BIND_SERVICE (restrict-added-capabilities).
   * @default - refused
   */
  readonly unrestrictedCapabilities?: Loosening;
  /**
   * Directories the container may write to (the root file system is read-only): each becomes a
   * tmpfs mounted `rw,noexec,nosuid`, owned by the numeric `user` (`uid=`, `gid=`), so that it can
   * write there even where the image has a root-owned directory at that path (runc keeps that
   * directory's mode on the tmpfs). Giving the list replaces the default, so list `/tmp` if you
   * want it.
   * @default ["/tmp"]
   */
  readonly writablePaths?: Array<string | WritablePath>;
  /**
   * Make the root file system writable (read-only-root-filesystem).
   * @default - read-only
   */
  readonly writableRootFilesystem?: Loosening;
  /**
   * Allow setuid binaries and file capabilities to raise privileges: leaves out
   * `no-new-privileges:true` (no-privilege-escalation).
   * @default - no-new-privileges:true
   */
  readonly privilegeEscalation?: Loosening;
  /**
   * A seccomp profile's JSON (e.g. `fs.readFileSync("profile.json", "utf8")`): the provider passes
   * security options to the daemon's API verbatim, and the API takes the profile itself, not a path
   * (the docker CLI reads the file for you). `unconfined` is refused (seccomp-profile).
   * @default - Docker's default profile
   */
  readonly seccompProfile?: string;
  /**
   * An AppArmor profile loaded on the Docker host. `unconfined` is refused (apparmor-profile).
   * @default - Docker's default profile (docker-default) where AppArmor is enabled
   */
  readonly apparmorProfile?: string;
  /**
   * SELinux labels (`user:…`, `role:…`, `type:…`, `level:…`). `disable` is refused (selinux-options).
   * @default []
   */
  readonly selinuxLabels?: string[];
  /**
   * Memory limit in MB (Docker's `--memory`). Must be positive.
   * @default 256
   */
  readonly memory?: number;
  /**
   * CPU limit as a number of CPUs (Docker's `--cpus`), e.g. "1.5". Must be positive.
   * @default "0.5"
   */
  readonly cpus?: string;
  /**
   * Run without memory and CPU limits (resource-limits).
   * @default - limited by `memory` and `cpus`
   */
  readonly unlimitedResources?: Loosening;
  /**
   * What Docker does when the container exits.
   * @default "unless-stopped"
   */
  readonly restart?: RestartPolicy;
  /**
   * Restarts at most this many times; only with `restart: "on-failure"`.
   * @default - unlimited
   */
  readonly maxRetryCount?: number;
}
