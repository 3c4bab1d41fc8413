/**
 * The insecure stack's application, hardened and built from the project's constructs: the shop's web
 * front end, worker and nightly report are the cdk8s app of examples/cdk8s-app (SecureDeployment,
 * SecureCronJob), synthesized with `app.synthYaml()` into a ConfigGroup; the node agent is the
 * insecure stack's DaemonSet without the node's namespaces or privileges. `pulumi preview` and
 * `pulumi up` under the container-hardening pack report nothing; `up` creates the namespace
 * `secure-shop`, which enforces Pod Security `restricted`, and the workloads in it (apart from the
 * insecure stack's `shop`, so that both can be shown on one cluster).
 */
import * as k8s from "@pulumi/kubernetes";
import { shopApp } from "../cdk8s-app/main";
import { kubernetesProvider, restrictedNamespace } from "../shared/kubernetes";

export = async (): Promise<void> => {
  // The cdk8s chart's objects name no namespace: the provider puts them in secure-shop.
  const provider = kubernetesProvider("secure-shop");
  const namespace = restrictedNamespace("secure-shop", provider);

  new k8s.yaml.v2.ConfigGroup("shop", { yaml: shopApp().synthYaml() }, { provider, dependsOn: [namespace] });

  new k8s.yaml.v2.ConfigGroup(
    "node-agent",
    {
      yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: secure-shop
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
    { provider, dependsOn: [namespace] },
  );
};
