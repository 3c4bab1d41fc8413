/**
 * The gap the pack closes, shown on a live API server (test/helpers/cluster.ts): the insecure
 * stack's own manifests — rendered by the Kubernetes provider, not copied by hand — applied with
 * `kubectl apply`, bypassing Pulumi, to a namespace that enforces Pod Security `restricted`.
 * The server refuses the Pod, but stores the Deployment and the DaemonSet with a warning only:
 * Pod Security Admission enforces on Pods, and for controllers it warns. On a full cluster the
 * controllers' Pods would then be refused when the ReplicaSet and DaemonSet controllers create
 * them, out of sight of whoever applied; this server has no controller manager, so that step is
 * shown by a dry-run of the Pod each controller would create. In a namespace without the label
 * nothing is refused at all. Generated ValidatingAdmissionPolicies (a later issue) are to refuse
 * the controllers themselves.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { applyWithoutPulumi, BYPASS_NAMESPACE, type Bypass } from "../../scripts/engine/bypass";
import type { Cluster } from "../../scripts/engine/cluster";
import { Workspace } from "../../scripts/engine/workspace";
import { sharedCluster } from "../helpers/cluster";
import { dryRunControllerPod } from "./controller-pods";

describe("kubectl apply of the insecure stack's manifests, bypassing Pulumi, to a namespace enforcing restricted", { timeout: 30 * 60_000 }, () => {
  let workspace: Workspace;
  let cluster: Cluster;
  let bypass: Bypass;
  before(async () => {
    workspace = new Workspace();
    cluster = await sharedCluster();
    bypass = await applyWithoutPulumi(workspace, cluster);
  });
  after(() => workspace?.dispose());

  it("applies what the provider rendered from the stack: the Deployment, the Pod and the DaemonSet", () => {
    assert.deepEqual(bypass.rendered.filter((file) => /deployment-shop-web|pod-shop-toolbox|daemonset-shop-node-agent/.test(file)).length, 3, bypass.rendered.join("\n"));
  });

  it("the server refuses the Pod, naming Pod Security restricted", async () => {
    assert.notEqual(bypass.apply.code, 0, bypass.apply.stderr);
    assert.match(bypass.apply.stderr, /pods "toolbox" is forbidden: violates PodSecurity "restricted:latest": .*runAsNonRoot != true/);
    assert.equal(await cluster.get(`/api/v1/namespaces/${BYPASS_NAMESPACE}/pods/toolbox`), undefined);
  });

  it("the server stores the Deployment and the DaemonSet, with a Pod Security warning only", async () => {
    assert.match(bypass.apply.stdout, /deployment\.apps\/web created/);
    assert.match(bypass.apply.stdout, /daemonset\.apps\/node-agent created/);
    const warnings = bypass.apply.stderr.split("\n").filter((line) => line.startsWith('Warning: would violate PodSecurity "restricted:latest"'));
    assert.equal(warnings.length, 2, bypass.apply.stderr);
    assert.ok(await cluster.get(`/apis/apps/v1/namespaces/${BYPASS_NAMESPACE}/deployments/web`), "the Deployment is not in the server");
    const daemonSet = await cluster.get<{ spec: { template: { spec: { hostPID?: boolean; containers: Array<{ securityContext?: { privileged?: boolean } }> } } } }>(
      `/apis/apps/v1/namespaces/${BYPASS_NAMESPACE}/daemonsets/node-agent`,
    );
    // Stored as written: privileged, in the node's PID namespace.
    assert.equal(daemonSet?.spec.template.spec.hostPID, true);
    assert.equal(daemonSet?.spec.template.spec.containers[0].securityContext?.privileged, true);
  });

  it("the Pods those controllers would create are the ones refused, later and out of sight", async () => {
    for (const path of ["/apis/apps/v1/namespaces/shop/deployments/web", "/apis/apps/v1/namespaces/shop/daemonsets/node-agent"]) {
      const workload = await cluster.get<Parameters<typeof dryRunControllerPod>[2]>(path);
      assert.ok(workload, path);
      const pod = await dryRunControllerPod(cluster, BYPASS_NAMESPACE, workload);
      assert.equal(pod.status, 403, `${path}: ${pod.body}`);
      assert.match((JSON.parse(pod.body) as { message: string }).message, /violates PodSecurity "restricted:latest"/);
    }
  });
});
