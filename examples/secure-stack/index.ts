/**
 * The insecure stack's application, hardened: every container runs as a non-root UID with no
 * capabilities, no privilege escalation, a read-only root filesystem and the RuntimeDefault seccomp
 * profile; nothing shares the node's namespaces or filesystem. `pulumi preview` and `pulumi up` with
 * the container-hardening pack report nothing, and `up` writes the manifests into renderDirectory.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
// Deploying writes manifests into this directory instead of calling a cluster.
const provider = new k8s.Provider("render", { renderYamlToDirectory: config.require("renderDirectory") });
const opts = { provider };

const uid = 10001;
const podSecurity = { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: "RuntimeDefault" } };
const containerSecurity = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } };

/** nginx's unprivileged image listens on 8080 and writes only to /tmp. */
function web(): void {
  const labels = { app: "web" };
  new k8s.apps.v1.Deployment("web", {
    metadata: { name: "web", namespace: "shop" },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurity,
          containers: [{
            name: "web",
            image: "nginxinc/nginx-unprivileged:1.27",
            ports: [{ containerPort: 8080 }],
            securityContext: containerSecurity,
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
          }],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  }, opts);
}

/** The node agent as YAML, with none of the node's namespaces and nothing but its own scratch space. */
function nodeAgent(): void {
  new k8s.yaml.v2.ConfigGroup("node-agent", {
    objs: [{
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "node-agent", namespace: "shop" },
      spec: {
        selector: { matchLabels: { app: "node-agent" } },
        template: {
          metadata: { labels: { app: "node-agent" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: podSecurity,
            containers: [{ name: "agent", image: "busybox:1.36", command: ["sh", "-c", "sleep infinity"], securityContext: containerSecurity }],
          },
        },
      },
    }],
  }, opts);
}

function worker(): void {
  const labels = { app: "worker" };
  new k8s.apps.v1.Deployment("worker", {
    metadata: { name: "worker", namespace: "shop" },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurity,
          containers: [{ name: "worker", image: "busybox:1.36", command: ["sh", "-c", "sleep infinity"], securityContext: containerSecurity }],
        },
      },
    },
  }, opts);
}

web();
nodeAgent();
worker();
