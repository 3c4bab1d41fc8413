/**
 * The classic container mistakes, each one a rule of the container-hardening pack:
 * `pulumi preview --policy-pack <repo root>` refuses this stack and names every rule and resource.
 */
import * as k8s from "@pulumi/kubernetes";
import { kubernetesProvider } from "../shared/kubernetes";

export = async (): Promise<void> => {
  const provider = kubernetesProvider("shop");

  // Runs as root, keeps the default capabilities, writable root filesystem, privilege escalation
  // allowed, and mounts the node's / through hostPath.
  new k8s.apps.v1.Deployment(
    "web",
    {
      metadata: { name: "web", namespace: "shop" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            securityContext: { runAsUser: 0 },
            containers: [
              {
                name: "web",
                image: "nginx:1.27",
                ports: [{ containerPort: 80 }],
                securityContext: { readOnlyRootFilesystem: false, allowPrivilegeEscalation: true },
                volumeMounts: [{ name: "host", mountPath: "/host" }],
              },
            ],
            volumes: [{ name: "host", hostPath: { path: "/" } }],
          },
        },
      },
    },
    { provider },
  );

  // A debugging Pod left behind: root, with NET_ADMIN and SYS_PTRACE added to see the node's traffic
  // and trace other processes.
  new k8s.core.v1.Pod(
    "toolbox",
    {
      metadata: { name: "toolbox", namespace: "shop" },
      spec: {
        containers: [
          {
            name: "toolbox",
            image: "nicolaka/netshoot:v0.13",
            command: ["sleep", "infinity"],
            securityContext: { runAsUser: 0, capabilities: { add: ["NET_ADMIN", "SYS_PTRACE"] } },
          },
        ],
      },
    },
    { provider },
  );

  // YAML pasted from elsewhere: a privileged DaemonSet in the node's network, PID and IPC namespaces,
  // adding SYS_ADMIN.
  new k8s.yaml.v2.ConfigGroup(
    "node-agent",
    {
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
    },
    { provider },
  );
};
