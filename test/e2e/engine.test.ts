/**
 * The pack where users run it: the real Pulumi CLI (built by scripts/setup-engine.sh) and the real
 * Kubernetes provider, on the example stacks — Pulumi TypeScript programs run as the Automation
 * API's inline programs — against a local file backend, deploying to a live Kubernetes API server
 * on loopback (test/helpers/cluster.ts; no nodes, so the stacks run with `skipAwait`, see
 * examples/shared/kubernetes.ts). What `up` creates and `destroy` removes is read back from the server.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { NOTES_POLICY } from "../../rules/exemptions";
import { pssRules } from "../../rules/catalogue";
import type { Cluster } from "../../scripts/engine/cluster";
import { type PolicyViolation, REPO_ROOT, type RunResult, type Stack, Workspace } from "../../scripts/engine/workspace";
import { sharedCluster } from "../helpers/cluster";
import { dryRunControllerPod } from "./controller-pods";

const BASELINE = new Set(pssRules("baseline").map((entry) => entry.meta.id));

function mandatory(result: RunResult): PolicyViolation[] {
  return result.violations.filter((violation) => violation.level === "mandatory");
}

/** `rule resource` pairs, to compare what was reported without depending on message wording. */
function pairs(violations: PolicyViolation[]): Set<string> {
  return new Set(violations.map((violation) => `${violation.policy} ${violation.resource}`));
}

function assertIncludes(actual: Set<string>, expected: string[], result: RunResult): void {
  const missing = expected.filter((pair) => !actual.has(pair));
  assert.deepEqual(missing, [], `not reported: ${missing.join(", ")}\n${result.output}`);
}

interface ObjectMeta {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string };
  status?: { phase?: string };
}

/** What the server holds of the kinds a stack here may create: `<kind> <namespace>/<name>`, sorted. */
async function serverObjects(cluster: Cluster): Promise<string[]> {
  const paths: Record<string, string> = {
    Namespace: "/api/v1/namespaces",
    Pod: "/api/v1/pods",
    ConfigMap: "/api/v1/configmaps",
    Service: "/api/v1/services",
    Deployment: "/apis/apps/v1/deployments",
    DaemonSet: "/apis/apps/v1/daemonsets",
    CronJob: "/apis/batch/v1/cronjobs",
  };
  const names: string[] = [];
  for (const [kind, path] of Object.entries(paths)) {
    const list = await cluster.get<{ items: ObjectMeta[] }>(path);
    for (const item of list?.items ?? []) names.push(`${kind} ${item.metadata.namespace ?? ""}/${item.metadata.name}`);
  }
  return names.sort();
}

describe("pulumi preview, up and destroy with the pack, against a live API server (real engine)", { timeout: 30 * 60_000 }, () => {
  let workspace: Workspace;
  let cluster: Cluster;
  before(async () => {
    workspace = new Workspace();
    cluster = await sharedCluster();
  });
  after(() => workspace?.dispose());

  /** A new stack of the example deploying to the live server. */
  const stack = (example: string, name: string): Promise<Stack> => workspace.stack(example, name, { cluster });

  it("preview of the insecure stack fails, naming each violated rule and resource", async () => {
    const result = await (await stack("insecure-stack", "preview-hardened")).preview();
    assert.notEqual(result.code, 0, result.output);
    const reported = pairs(mandatory(result));
    // web, toolbox: a Deployment and a Pod written in the program; node-agent:shop/node-agent: a
    // DaemonSet expanded from the ConfigGroup node-agent (the provider names expanded objects
    // <group>:<namespace>/<name>).
    assertIncludes(reported, [
      "run-as-non-root web",
      "no-host-path-volumes web",
      "no-privilege-escalation web",
      "drop-all-capabilities web",
      "seccomp-profile web",
      "run-as-non-root toolbox",
      "restrict-added-capabilities toolbox",
      "no-privileged node-agent:shop/node-agent",
      "no-host-namespaces node-agent:shop/node-agent",
      "restrict-added-capabilities node-agent:shop/node-agent",
      "drop-all-capabilities node-agent:shop/node-agent",
    ], result);
    // The rules beyond the Pod Security Standards are advisory by default.
    const advisory = pairs(result.violations.filter((violation) => violation.level !== "mandatory"));
    assertIncludes(advisory, ["read-only-root-filesystem web", "no-service-account-token-automount node-agent:shop/node-agent"], result);
    assert.match(result.output, /no-host-path-volumes/);
    assert.match(result.output, /hostPath/);
  });

  it("with pss-baseline.json only the baseline violations remain", async () => {
    const config = join(REPO_ROOT, "policy-config", "pss-baseline.json");
    const result = await (await stack("insecure-stack", "preview-baseline")).preview({ policyPackConfig: config });
    assert.notEqual(result.code, 0, result.output);
    const policies = new Set(result.violations.map((violation) => violation.policy));
    const outside = [...policies].filter((policy) => !BASELINE.has(policy) && policy !== NOTES_POLICY);
    assert.deepEqual(outside, [], result.output);
    assertIncludes(pairs(mandatory(result)), [
      "no-host-path-volumes web",
      "restrict-added-capabilities toolbox",
      "no-privileged node-agent:shop/node-agent",
      "no-host-namespaces node-agent:shop/node-agent",
      "restrict-added-capabilities node-agent:shop/node-agent",
    ], result);
  });

  it("up of the insecure stack is refused, and nothing reaches the server", async () => {
    const before = await serverObjects(cluster);
    const result = await (await stack("insecure-stack", "up")).up();
    assert.notEqual(result.code, 0, result.output);
    assert.ok(mandatory(result).length > 0, result.output);
    assert.deepEqual(await serverObjects(cluster), before);
  });

  it("up of the secure stack creates its namespace and workloads in the server, and destroy removes them", async () => {
    const secure = await stack("secure-stack", "secure");
    const preview = await secure.preview();
    assert.equal(preview.code, 0, preview.output);
    assert.deepEqual(preview.violations, []);
    const up = await secure.up();
    assert.equal(up.code, 0, up.output);
    assert.deepEqual(up.violations, []);

    const namespace = await cluster.get<ObjectMeta>("/api/v1/namespaces/secure-shop");
    // Made by the PodSecurityNamespace component: enforce, warn and audit at restricted.
    for (const mode of ["enforce", "warn", "audit"]) assert.equal(namespace?.metadata.labels?.[`pod-security.kubernetes.io/${mode}`], "restricted", mode);
    const workloads = {
      "/apis/apps/v1/namespaces/secure-shop/deployments/web": "web front end, from the cdk8s chart",
      "/apis/apps/v1/namespaces/secure-shop/deployments/worker": "worker, from the cdk8s chart",
      "/apis/batch/v1/namespaces/secure-shop/cronjobs/nightly-report": "nightly report, from the cdk8s chart",
      "/apis/apps/v1/namespaces/secure-shop/daemonsets/node-agent": "node agent",
      "/api/v1/namespaces/secure-shop/services/web": "web Service, from the cdk8s chart",
    };
    for (const path of Object.keys(workloads)) {
      const object = await cluster.get<ObjectMeta & Parameters<typeof dryRunControllerPod>[2]>(path);
      assert.ok(object, `not in the server: ${path}`);
      // Put there for a cluster without nodes (examples/shared/kubernetes.ts).
      assert.equal(object.metadata.annotations?.["pulumi.com/skipAwait"], "true", path);
      // The Pods its controller would create pass the namespace's Pod Security enforcement.
      if (object.kind === "Service") continue;
      const pod = await dryRunControllerPod(cluster, "secure-shop", object);
      assert.equal(pod.status, 201, `${path}: ${pod.body}`);
      assert.deepEqual(pod.warnings, [], path);
    }

    const destroy = await secure.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    for (const path of Object.keys(workloads)) assert.equal(await cluster.get(path), undefined, `still in the server: ${path}`);
    // Deleting a namespace marks it Terminating; removing it is the namespace controller's work, and
    // this server has no controller manager.
    const deleted = await cluster.get<ObjectMeta>("/api/v1/namespaces/secure-shop");
    assert.ok(deleted === undefined || (deleted.metadata.deletionTimestamp && deleted.status?.phase === "Terminating"), JSON.stringify(deleted));
  });

  it("a value unknown at preview is an advisory at preview and enforced at up, before the workload reaches the server", async () => {
    const late = await stack("late-bound-stack", "late");
    const preview = await late.preview();
    assert.equal(preview.code, 0, preview.output);
    const atPreview = preview.violations.filter((violation) => violation.policy === "seccomp-profile");
    assert.ok(atPreview.length > 0, preview.output);
    assert.ok(atPreview.every((violation) => violation.level !== "mandatory"), preview.output);
    assert.match(atPreview[0].message, /not known|unknown|cannot be verified/i);

    const up = await late.up();
    assert.notEqual(up.code, 0, up.output);
    assert.ok(mandatory(up).some((violation) => violation.policy === "seccomp-profile" && violation.resource === "worker"), up.output);
    // The ConfigMap whose ID the seccomp type was computed from exists (it had to, for the value to
    // be known); the refused Deployment does not.
    assert.ok(await cluster.get("/api/v1/namespaces/late-bound/configmaps/worker-settings"), "the ConfigMap was not created");
    assert.equal(await cluster.get("/apis/apps/v1/namespaces/late-bound/deployments/worker"), undefined, "the refused Deployment reached the server");
  });
});
