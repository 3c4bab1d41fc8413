/**
 * SecureContainer: a docker.Container with the catalogue's hardening as defaults — a numeric
 * non-root user, every capability dropped, a read-only root with tmpfs where it must write,
 * no-new-privileges, memory and CPU limits, a restart policy. Loosening any of it is a prop with a
 * reason, written on the container as the exemption labels (`container-hardening.io/exempt` and
 * `-reason`), so reports show it with its reason. Defaults and checks live in defaults.ts; this file
 * only maps the resolved values onto docker.Container's inputs.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { withExemptions } from "../kubernetes/exemption-annotations";
import { resolveHardening } from "./defaults";
import type { SecureContainerArgs } from "./props";

export const SECURE_CONTAINER_TYPE = "container-hardening:docker:SecureContainer";

export class SecureContainer extends pulumi.ComponentResource {
  /** The docker.Container this component manages. */
  public readonly container: docker.Container;

  constructor(name: string, args: SecureContainerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SECURE_CONTAINER_TYPE, name, {}, opts);
    const hardening = resolveHardening(args, `SecureContainer "${name}"`);
    const labels = Object.entries(withExemptions(args.labels, hardening.loosenings) ?? {}).map(([label, value]) => ({ label, value }));

    this.container = new docker.Container(
      name,
      {
        image: args.image,
        name: args.name,
        command: args.command,
        entrypoints: args.entrypoints,
        envs: args.env === undefined ? undefined : Object.entries(args.env).map(([key, value]) => pulumi.interpolate`${key}=${value}`),
        workingDir: args.workingDir,
        hostname: args.hostname,
        ports: args.ports,
        networkMode: hardening.networkMode,
        networksAdvanced: args.networks,
        labels: labels.length > 0 ? labels : undefined,
        healthcheck: args.healthcheck,
        volumes: args.volumes,
        mounts: args.mounts,
        logDriver: args.logDriver,
        logOpts: args.logOpts,
        init: args.init,
        user: hardening.user,
        capabilities: hardening.capabilities,
        readOnly: hardening.readOnly,
        tmpfs: hardening.tmpfs,
        securityOpts: hardening.securityOpts,
        memory: hardening.memory,
        cpus: hardening.cpus,
        restart: hardening.restart,
        maxRetryCount: hardening.maxRetryCount,
      },
      { parent: this },
    );
    this.registerOutputs({ container: this.container });
  }
}
