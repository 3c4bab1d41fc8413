/** A deterministic mix of workloads for benchmarks: kinds, secure and insecure, init containers, CRDs, Docker containers. */
import type { Resource } from "../../testing/index";

const KINDS: Array<[string, (spec: object) => object]> = [
  ["kubernetes:core/v1:Pod", (spec) => ({ spec })],
  ["kubernetes:apps/v1:Deployment", (spec) => ({ spec: { selector: {}, template: { spec } } })],
  ["kubernetes:apps/v1:StatefulSet", (spec) => ({ spec: { selector: {}, template: { spec } } })],
  ["kubernetes:apps/v1:DaemonSet", (spec) => ({ spec: { selector: {}, template: { spec } } })],
  ["kubernetes:batch/v1:Job", (spec) => ({ spec: { template: { spec } } })],
  ["kubernetes:batch/v1:CronJob", (spec) => ({ spec: { schedule: "* * * * *", jobTemplate: { spec: { template: { spec } } } } })],
  ["kubernetes:argoproj.io/v1alpha1:Rollout", (spec) => ({ spec: { template: { spec } } })],
  ["kubernetes:core/v1:ConfigMap", () => ({ data: { key: "value" } })],
  ["docker:index/container:Container", (spec) => dockerContainer(spec)],
];

/** The Docker counterpart of a pod spec: hardened or not as its first container is. */
function dockerContainer(spec: object): object {
  const insecure = JSON.stringify(spec).includes('"privileged":true');
  return insecure
    ? { image: "registry.example/app:1", privileged: true, capabilities: { adds: ["SYS_ADMIN"] }, volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }] }
    : { image: "registry.example/app:1", user: "65532:65532", capabilities: { drops: ["ALL"] }, readOnly: true, securityOpts: ["no-new-privileges:true"], memory: 256, cpus: "0.5" };
}

const HARDENED = { runAsNonRoot: true, runAsUser: 65532, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } };
const INSECURE = { privileged: true, capabilities: { add: ["SYS_ADMIN"] }, runAsUser: 0 };

function podSpec(i: number): object {
  const context = i % 3 === 0 ? INSECURE : HARDENED;
  const containers = Array.from({ length: 1 + (i % 3) }, (_, c) => ({ name: `c${c}`, image: "registry.example/app:1", securityContext: context, ports: [{ containerPort: 8080 }] }));
  return {
    hostNetwork: i % 7 === 0,
    automountServiceAccountToken: false,
    initContainers: i % 2 === 0 ? [{ name: "init", image: "busybox", securityContext: context }] : [],
    containers,
    volumes: i % 5 === 0 ? [{ name: "host", hostPath: { path: "/var/run/docker.sock" } }] : [{ name: "tmp", emptyDir: {} }],
  };
}

export function mixedWorkloads(count: number): Resource[] {
  return Array.from({ length: count }, (_, i) => {
    const [type, wrap] = KINDS[i % KINDS.length];
    const name = `w${i}`;
    return { type, name, props: { metadata: { name, namespace: `ns${i % 10}` }, ...wrap(podSpec(i)) } };
  });
}

/** A container as rendered Helm charts write them: env, ports, probes, resources, mounts. */
function chartContainer(name: string, hardened: boolean): object {
  return {
    name,
    image: `registry.example/${name}:1.4.2`,
    imagePullPolicy: "IfNotPresent",
    args: ["--config=/etc/app/config.yaml", "--log-level=info", "--metrics-port=9090"],
    env: Array.from({ length: 15 }, (_, i) => (i % 4 === 0 ? { name: `SECRET_${i}`, valueFrom: { secretKeyRef: { name: "app-secrets", key: `key-${i}` } } } : { name: `SETTING_${i}`, value: `value-${i}` })),
    ports: [
      { name: "http", containerPort: 8080, protocol: "TCP" },
      { name: "metrics", containerPort: 9090, protocol: "TCP" },
    ],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    livenessProbe: { httpGet: { path: "/healthz", port: "http" }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: "/ready", port: "http" }, periodSeconds: 5, timeoutSeconds: 2 },
    volumeMounts: [
      { name: "config", mountPath: "/etc/app", readOnly: true },
      { name: "secrets", mountPath: "/var/run/secrets/app", readOnly: true },
      { name: "tmp", mountPath: "/tmp" },
      { name: "cache", mountPath: "/var/cache/app" },
    ],
    securityContext: hardened ? HARDENED : { runAsUser: 0, allowPrivilegeEscalation: true, capabilities: { add: ["NET_ADMIN"] } },
  };
}

/**
 * Deployments shaped like those of rendered Helm charts (labels, annotations, two containers with
 * fifteen environment variables, probes, resources and mounts, four volumes, affinity and
 * tolerations): the size of input a pack really sees. Two in three are hardened.
 */
export function chartLikeDeployments(count: number): Resource[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `app-${i}`;
    const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "release", "app.kubernetes.io/version": "1.4.2", "app.kubernetes.io/component": "server", "app.kubernetes.io/part-of": "shop", "app.kubernetes.io/managed-by": "Helm" };
    const hardened = i % 3 !== 0;
    return {
      type: "kubernetes:apps/v1:Deployment",
      name,
      props: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace: `team-${i % 10}`, labels, annotations: { "meta.helm.sh/release-name": "release", "meta.helm.sh/release-namespace": `team-${i % 10}` } },
        spec: {
          replicas: 3,
          revisionHistoryLimit: 10,
          selector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "release" } },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
          template: {
            metadata: { labels, annotations: { "checksum/config": "3f2a9c1b7e5d4f60a8b2c9d1e0f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9" } },
            spec: {
              serviceAccountName: name,
              automountServiceAccountToken: false,
              securityContext: hardened ? { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } } : {},
              containers: [chartContainer("server", hardened), chartContainer("sidecar", true)],
              volumes: [
                { name: "config", configMap: { name: `${name}-config` } },
                { name: "secrets", secret: { secretName: `${name}-secrets` } },
                { name: "tmp", emptyDir: {} },
                { name: "cache", emptyDir: { sizeLimit: "256Mi" } },
              ],
              affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { "app.kubernetes.io/name": name } } } }] } },
              tolerations: [{ key: "dedicated", operator: "Equal", value: "shop", effect: "NoSchedule" }],
              nodeSelector: { "kubernetes.io/os": "linux" },
            },
          },
        },
      },
    };
  });
}
