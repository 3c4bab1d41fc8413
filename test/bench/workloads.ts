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
