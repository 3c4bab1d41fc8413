/**
 * A workload hardened in everything but one value that preview cannot know: its seccomp profile type
 * is computed from another resource's output (the settings ConfigMap's ID, which exists only once the
 * ConfigMap is created). `pulumi preview` under the container-hardening pack passes with an advisory
 * that the value cannot be verified yet; `pulumi up` analyzes the resolved value, which is not an
 * allowed profile type, and refuses the Deployment.
 */
import * as k8s from "@pulumi/kubernetes";
import { kubernetesProvider, restrictedNamespace } from "../shared/kubernetes";

export = async (): Promise<void> => {
  const provider = kubernetesProvider();
  const namespace = restrictedNamespace("late-bound", provider);
  const settings = new k8s.core.v1.ConfigMap("settings", { metadata: { name: "worker-settings", namespace: "late-bound" } }, { provider, dependsOn: [namespace] });

  new k8s.apps.v1.Deployment(
    "worker",
    {
      metadata: { name: "worker", namespace: "late-bound" },
      spec: {
        selector: { matchLabels: { app: "worker" } },
        template: {
          metadata: { labels: { app: "worker" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: settings.id } },
            containers: [
              {
                name: "worker",
                image: "busybox:1.36",
                command: ["sh", "-c", "sleep infinity"],
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              },
            ],
          },
        },
      },
    },
    { provider, dependsOn: [namespace] },
  );
};
