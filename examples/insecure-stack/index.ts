/**
 * The classic container mistakes, each one a rule of the container-hardening pack:
 * `pulumi preview --policy-pack <repo root>` refuses this stack and names every rule and resource.
 *
 * - Deployment "web": runs as root (runAsUser 0), keeps the default capabilities, writable root
 *   filesystem, privilege escalation allowed, mounts the node's / through hostPath.
 * - ConfigGroup "node-agent" (plain YAML, as teams paste it): a privileged DaemonSet sharing the
 *   node's network, PID and IPC namespaces and adding SYS_ADMIN.
 * - Deployment "worker": its user comes from another resource's output, so preview cannot know it.
 *   With config `workerOnly: true` the stack holds just the worker: its preview passes with an
 *   advisory, and `pulumi up` refuses it once the user is known.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
// Deploying writes manifests into this directory instead of calling a cluster.
const provider = new k8s.Provider("render", { renderYamlToDirectory: config.require("renderDirectory") });
const opts = { provider };

/** Root, default capabilities, writable root filesystem, escalation allowed, the node's / mounted. */
function web(): void {
  const labels = { app: "web" };
  new k8s.apps.v1.Deployment("web", {
    metadata: { name: "web", namespace: "shop" },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: labels },
        spec: {
          securityContext: { runAsUser: 0 },
          containers: [{
            name: "web",
            image: "nginx:1.27",
            ports: [{ containerPort: 80 }],
            securityContext: { readOnlyRootFilesystem: false, allowPrivilegeEscalation: true },
            volumeMounts: [{ name: "host", mountPath: "/host" }],
          }],
          volumes: [{ name: "host", hostPath: { path: "/" } }],
        },
      },
    },
  }, opts);
}

/** Pasted YAML: a privileged DaemonSet in the node's namespaces, adding SYS_ADMIN. */
function nodeAgent(): void {
  new k8s.yaml.v2.ConfigGroup("node-agent", {
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: shop
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      hostNetwork: true
      hostPID: true
      hostIPC: true
      containers:
        - name: agent
          image: busybox:1.36
          command: [sh, -c, "sleep infinity"]
          securityContext:
            privileged: true
            capabilities:
              add: [SYS_ADMIN]
`,
  }, opts);
}

/**
 * Hardened except for its user, which is read from a settings object that exists only once it is
 * created: a resource's ID is an output the engine learns at deploy time, so at preview runAsUser is
 * unknown, and at `up` it is 0.
 */
function worker(): void {
  const settings = new k8s.core.v1.ConfigMap("worker-settings", {
    metadata: { namespace: "shop" },
    data: { uid: "0" },
  }, opts);
  const runAsUser = pulumi.all([settings.id, settings.data]).apply(([, data]) => Number(data.uid));
  const labels = { app: "worker" };
  new k8s.apps.v1.Deployment("worker", {
    metadata: { name: "worker", namespace: "shop" },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: labels },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser, seccompProfile: { type: "RuntimeDefault" } },
          containers: [{
            name: "worker",
            image: "busybox:1.36",
            command: ["sh", "-c", "sleep infinity"],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
          }],
        },
      },
    },
  }, opts);
}

if (!config.getBoolean("workerOnly")) {
  web();
  nodeAgent();
}
worker();
