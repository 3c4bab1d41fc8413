/**
 * The few Kubernetes API shapes the secure constructs read and write (core/v1, apps/v1, batch/v1),
 * typed by hand so the constructs need no generated `cdk8s import`. Fields a hardened workload must
 * not set (hostPath volumes, host namespaces, host ports, probe hosts) are left out on purpose: the
 * compiler refuses them before the rules would.
 */

export type Quantity = string;

export interface ResourceList {
  cpu?: Quantity;
  memory?: Quantity;
  "ephemeral-storage"?: Quantity;
}

export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
}

export interface ContainerPort {
  containerPort: number;
  name?: string;
  protocol?: "TCP" | "UDP" | "SCTP";
}

export interface KeySelector {
  name: string;
  key: string;
  optional?: boolean;
}

export interface EnvVarSource {
  configMapKeyRef?: KeySelector;
  secretKeyRef?: KeySelector;
  fieldRef?: { fieldPath: string; apiVersion?: string };
  resourceFieldRef?: { resource: string; containerName?: string; divisor?: Quantity };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}

/** A probe's action and timing; no `host` field (no-host-probes refuses probes aimed elsewhere). */
export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: "HTTP" | "HTTPS"; httpHeaders?: Array<{ name: string; value: string }> };
  tcpSocket?: { port: number | string };
  grpc?: { port: number; service?: string };
  exec?: { command: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

export interface Capabilities {
  add?: string[];
  drop: string[];
}

export interface SeccompProfile {
  type: "RuntimeDefault" | "Localhost";
  localhostProfile?: string;
}

export interface ContainerSecurityContext {
  allowPrivilegeEscalation: boolean;
  privileged: false;
  readOnlyRootFilesystem: boolean;
  capabilities: Capabilities;
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  env?: EnvVar[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources: ResourceRequirements;
  securityContext: ContainerSecurityContext;
  volumeMounts?: VolumeMount[];
}

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

/** Volume sources Pod Security `restricted` allows (restricted-volume-types), the common ones typed. */
export interface Volume {
  name: string;
  emptyDir?: { medium?: "" | "Memory"; sizeLimit?: Quantity };
  configMap?: { name: string; items?: KeyToPath[]; defaultMode?: number; optional?: boolean };
  secret?: { secretName: string; items?: KeyToPath[]; defaultMode?: number; optional?: boolean };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  projected?: { sources: Array<Record<string, unknown>>; defaultMode?: number };
  downwardAPI?: { items: Array<Record<string, unknown>>; defaultMode?: number };
  csi?: { driver: string; readOnly?: boolean; volumeAttributes?: Record<string, string> };
  ephemeral?: { volumeClaimTemplate: Record<string, unknown> };
}

export interface PodSecurityContext {
  runAsNonRoot: true;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  seccompProfile: SeccompProfile;
}

export interface PodSpec {
  automountServiceAccountToken: boolean;
  serviceAccountName?: string;
  securityContext: PodSecurityContext;
  initContainers?: Container[];
  containers: Container[];
  volumes?: Volume[];
  restartPolicy?: "Always" | "OnFailure" | "Never";
  terminationGracePeriodSeconds?: number;
  nodeSelector?: Record<string, string>;
}

export interface PodTemplateSpec {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

export interface PersistentVolumeClaimTemplate {
  metadata: { name: string };
  spec: {
    accessModes: string[];
    storageClassName?: string;
    resources: { requests: { storage: Quantity } };
  };
}
