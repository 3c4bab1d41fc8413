/**
 * The insecure stack's application, hardened and built from the project's constructs: the shop's web
 * front end, worker and nightly report are the cdk8s app of examples/cdk8s-app (SecureDeployment,
 * SecureCronJob), synthesized with `app.synthYaml()` into a ConfigGroup; the node agent is the
 * insecure stack's DaemonSet without the node's namespaces or privileges. `pulumi preview` and
 * `pulumi up` under the container-hardening pack report nothing, and `up` renders the manifests.
 */
import * as k8s from "@pulumi/kubernetes";
import { shopApp } from "../cdk8s-app/main";
import { renderProvider } from "../shared/render-provider";

export = async (): Promise<void> => {
  const provider = renderProvider();

  new k8s.yaml.v2.ConfigGroup("shop", { yaml: shopApp().synthYaml() }, { provider });

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
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: agent
          image: busybox:1.36
          command: [sh, -c, "sleep infinity"]
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`,
    },
    { provider },
  );
};
