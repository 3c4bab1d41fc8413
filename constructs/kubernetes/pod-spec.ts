/**
 * Serialisation of a resolved pod (defaults.ts) into a core/v1 PodSpec, shared by every workload
 * kind: the hardened security contexts, one emptyDir per writable path mounted into its container,
 * and the user's volumes. Nothing is decided here that defaults.ts did not decide.
 */
import type { ResolvedContainer, ResolvedPod } from "./defaults";
import type { Container, ContainerPort, EnvVar, PodSpec, Volume } from "./k8s";

/** A DNS label for a writable path's volume: `<container>-<path>`, e.g. `web-var-cache-nginx`. */
function writableVolumeName(container: string, path: string): string {
  const slug = `${container}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.slice(0, 63).replace(/-+$/, "");
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

function environment(env: ResolvedContainer["props"]["env"]): EnvVar[] {
  return Object.entries(env ?? {}).map(([name, value]) => (typeof value === "string" ? { name, value } : { name, valueFrom: value }));
}

function ports(given: Array<number | ContainerPort> | undefined): ContainerPort[] {
  return (given ?? []).map((port) => (typeof port === "number" ? { containerPort: port } : port));
}

function buildContainer(resolved: ResolvedContainer, writableVolumes: Volume[]): Container {
  const { props } = resolved;
  const writableMounts = resolved.writablePaths.map(({ path }, i) => ({ name: writableVolumes[i]!.name, mountPath: path }));
  return {
    name: props.name,
    image: props.image,
    imagePullPolicy: props.imagePullPolicy,
    command: props.command,
    args: props.args,
    workingDir: props.workingDir,
    ports: nonEmpty(ports(props.ports)),
    env: nonEmpty(environment(props.env)),
    readinessProbe: props.readiness,
    livenessProbe: props.liveness,
    startupProbe: props.startup,
    resources: resolved.resources,
    securityContext: {
      allowPrivilegeEscalation: resolved.allowPrivilegeEscalation,
      privileged: false,
      readOnlyRootFilesystem: resolved.readOnlyRootFilesystem,
      capabilities: { drop: ["ALL"], add: nonEmpty(resolved.addCapabilities) },
    },
    volumeMounts: nonEmpty([...(props.volumeMounts ?? []), ...writableMounts]),
  };
}

/** The PodSpec of a resolved pod; `extra` holds the kind-specific fields (restartPolicy). */
export function buildPodSpec(pod: ResolvedPod, props: { serviceAccountName?: string; volumes?: Volume[]; terminationGracePeriodSeconds?: number; nodeSelector?: Record<string, string> }, extra: Partial<PodSpec> = {}): PodSpec {
  const volumes: Volume[] = [...(props.volumes ?? [])];
  const build = (resolved: ResolvedContainer) => {
    const writable = resolved.writablePaths.map(({ path, sizeLimit, medium }) => ({ name: writableVolumeName(resolved.props.name, path), emptyDir: { sizeLimit, medium } }));
    volumes.push(...writable);
    return buildContainer(resolved, writable);
  };
  const initContainers = pod.initContainers.map(build);
  const containers = pod.containers.map(build);
  const names = volumes.map((v) => v.name);
  const clash = names.find((name, i) => names.indexOf(name) !== i);
  if (clash !== undefined) throw new Error(`volumes: the name "${clash}" is used twice (writable paths take the name <container>-<path>); rename the volume.`);
  return {
    automountServiceAccountToken: pod.automountServiceAccountToken,
    serviceAccountName: props.serviceAccountName,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: pod.user,
      runAsGroup: pod.group,
      fsGroup: pod.fsGroup,
      seccompProfile: pod.seccompProfile,
    },
    initContainers: nonEmpty(initContainers),
    containers,
    volumes: nonEmpty(volumes),
    terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
    nodeSelector: props.nodeSelector,
    ...extra,
  };
}
