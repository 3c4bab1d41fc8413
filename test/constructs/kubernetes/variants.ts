/** The props matrix the construct tests synthesize: pod variants x container variants, per kind. */
import type { Construct } from "constructs";
import type { SecureContainerProps, SecurePodSpecProps, SecureWorkload } from "../../../constructs/index";
import type { JsonObject } from "../../../rules/values";
import { synthWorkload } from "../synth";

export const app: SecureContainerProps = { name: "app", image: "registry.example/app:1.0" };

export const CONTAINER_VARIANTS: Record<string, SecureContainerProps> = {
  defaults: app,
  "ports, env, probes": {
    ...app,
    ports: [8080, { containerPort: 9090, name: "metrics", protocol: "TCP" }],
    env: { MODE: "production", TOKEN: { secretKeyRef: { name: "app", key: "token" } }, POD: { fieldRef: { fieldPath: "metadata.name" } } },
    readiness: { httpGet: { path: "/ready", port: 8080 } },
    liveness: { tcpSocket: { port: 8080 }, periodSeconds: 30 },
    startup: { exec: { command: ["/bin/check"] }, failureThreshold: 30 },
  },
  "grpc probe, command, args, working dir": {
    ...app,
    command: ["/app"],
    args: ["--serve"],
    workingDir: "/srv",
    imagePullPolicy: "Always",
    readiness: { grpc: { port: 9000 } },
  },
  "partial resources": { ...app, resources: { requests: { memory: "1Gi" }, limits: { cpu: "2" } } },
  "writable paths, one in memory": { ...app, writablePaths: ["/tmp", { path: "/var/cache/app", sizeLimit: "2Gi" }, { path: "/run", inMemory: true }] },
  "no writable path": { ...app, writablePaths: [] },
  "NET_BIND_SERVICE in any spelling": { ...app, addCapabilities: ["cap_net_bind_service", "NET_BIND_SERVICE"] },
};

export const POD_VARIANTS: Record<string, Omit<SecurePodSpecProps, "containers">> = {
  defaults: {},
  "init containers": { initContainers: [{ name: "migrate", image: "registry.example/migrate:1.0", writablePaths: [] }] },
  "service account and restricted volumes": {
    serviceAccountName: "app",
    volumes: [
      { name: "config", configMap: { name: "app-config" } },
      { name: "tls", secret: { secretName: "app-tls", defaultMode: 0o400 } },
      { name: "data", persistentVolumeClaim: { claimName: "app-data" } },
      { name: "token", projected: { sources: [{ serviceAccountToken: { audience: "vault", expirationSeconds: 600, path: "token" } }] } },
    ],
  },
  "own IDs": { user: 20000, group: 20001, fsGroup: 20002 },
  "Localhost seccomp": { seccompProfile: { type: "Localhost", localhostProfile: "profiles/app.json" } },
  "metadata and scheduling": {
    metadata: { name: "shop-app", namespace: "shop", labels: { tier: "backend" }, annotations: { owner: "team-a" } },
    terminationGracePeriodSeconds: 60,
    nodeSelector: { "kubernetes.io/os": "linux" },
  },
};

/** Every pod variant with every container variant (mounting the pod's volumes), synthesized. */
export function matrix(make: (scope: Construct, id: string, props: SecurePodSpecProps) => SecureWorkload): Array<{ label: string; object: JsonObject }> {
  return Object.entries(POD_VARIANTS).flatMap(([podName, pod]) =>
    Object.entries(CONTAINER_VARIANTS).map(([containerName, container]) => {
      const mounts = pod.volumes?.map((v) => ({ name: v.name, mountPath: `/mnt/${v.name}`, readOnly: true }));
      const object = synthWorkload((scope, id) => make(scope, id, { ...pod, containers: [{ ...container, volumeMounts: mounts }] }));
      return { label: `pod: ${podName}, container: ${containerName}`, object };
    }),
  );
}
