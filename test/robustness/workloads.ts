/** A Deployment that passes every rule, and the fields of it the rules read, to break one at a time. */
import type { JsonObject } from "../../rules/values";

/** A pod template that passes every rule of the catalogue. */
export function securePod(): JsonObject {
  return {
    automountServiceAccountToken: false,
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
    os: { name: "linux" },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: "RuntimeDefault" },
      seLinuxOptions: { level: "s0:c1,c2" },
      sysctls: [{ name: "net.ipv4.ip_local_port_range", value: "1024 65535" }],
      appArmorProfile: { type: "RuntimeDefault" },
    },
    containers: [
      {
        name: "app",
        image: "registry.example/app:1",
        ports: [{ containerPort: 8080 }],
        livenessProbe: { httpGet: { path: "/healthz", port: 8080 } },
        securityContext: {
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          runAsUser: 10001,
          capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
          procMount: "Default",
          seccompProfile: { type: "RuntimeDefault" },
          windowsOptions: { hostProcess: false },
        },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
      },
    ],
    volumes: [{ name: "tmp", emptyDir: {} }],
  };
}

export function deployment(pod: JsonObject): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop" },
    spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: pod } },
  };
}

const POD = "spec.template.spec";
const CONTAINER = `${POD}.containers[0]`;

/** Fields the rules read, relative to the Deployment; each must be judged whatever it holds. */
export const READ_FIELDS = [
  "spec.template",
  POD,
  `${POD}.hostNetwork`,
  `${POD}.hostPID`,
  `${POD}.hostIPC`,
  `${POD}.automountServiceAccountToken`,
  `${POD}.securityContext`,
  `${POD}.securityContext.runAsNonRoot`,
  `${POD}.securityContext.runAsUser`,
  `${POD}.securityContext.runAsGroup`,
  `${POD}.securityContext.fsGroup`,
  `${POD}.securityContext.seccompProfile`,
  `${POD}.securityContext.seccompProfile.type`,
  `${POD}.securityContext.seLinuxOptions`,
  `${POD}.securityContext.sysctls`,
  `${POD}.securityContext.sysctls[0]`,
  `${POD}.securityContext.sysctls[0].name`,
  `${POD}.securityContext.appArmorProfile`,
  `${POD}.securityContext.appArmorProfile.type`,
  `${POD}.volumes`,
  `${POD}.volumes[0]`,
  `${POD}.containers`,
  CONTAINER,
  `${CONTAINER}.ports`,
  `${CONTAINER}.ports[0]`,
  `${CONTAINER}.ports[0].hostPort`,
  `${CONTAINER}.livenessProbe`,
  `${CONTAINER}.livenessProbe.httpGet`,
  `${CONTAINER}.livenessProbe.httpGet.host`,
  `${CONTAINER}.securityContext`,
  `${CONTAINER}.securityContext.allowPrivilegeEscalation`,
  `${CONTAINER}.securityContext.privileged`,
  `${CONTAINER}.securityContext.readOnlyRootFilesystem`,
  `${CONTAINER}.securityContext.runAsNonRoot`,
  `${CONTAINER}.securityContext.runAsUser`,
  `${CONTAINER}.securityContext.capabilities`,
  `${CONTAINER}.securityContext.capabilities.drop`,
  `${CONTAINER}.securityContext.capabilities.drop[0]`,
  `${CONTAINER}.securityContext.capabilities.add`,
  `${CONTAINER}.securityContext.capabilities.add[0]`,
  `${CONTAINER}.securityContext.procMount`,
  `${CONTAINER}.securityContext.seccompProfile`,
  `${CONTAINER}.securityContext.windowsOptions`,
];

function steps(path: string): (string | number)[] {
  return path.split(/\.|(?=\[)/).map((step) => (step.startsWith("[") ? Number(step.slice(1, -1)) : step));
}

export function setAt(object: JsonObject, path: string, value: unknown): JsonObject {
  const copy = structuredClone(object);
  const keys = steps(path);
  let node = copy as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy;
}

export function valueAt(object: JsonObject, path: string): unknown {
  return steps(path).reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], object);
}

export function kindOf(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
}

