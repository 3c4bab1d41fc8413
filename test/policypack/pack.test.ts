/**
 * The compiled pack, started the way the Pulumi CLI starts it, spoken to over the analyzer protocol:
 * metadata and schemas, each shipped config, unknown and secret values at preview and at up,
 * exemptions, patches, remediation and invalid config.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CATALOGUE } from "../../rules/catalogue";
import { secret, startPack, UNKNOWN, type Diagnostic, type PackConfig, type RunningPack } from "../../testing/index";

const root = join(__dirname, "..", "..", "..");

function shipped(name: string): PackConfig {
  return JSON.parse(readFileSync(join(root, "policy-config", name), "utf8")) as PackConfig;
}

const insecurePod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "shop" },
  spec: {
    hostNetwork: true,
    containers: [{ name: "app", image: "nginx", securityContext: { privileged: true, capabilities: { add: ["CAP_SYS_ADMIN"] } } }],
  },
};

function hardenedContainer(name: string): Record<string, unknown> {
  return {
    name,
    image: "registry.example/app@sha256:0123",
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
  };
}

const secureDeployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "api", namespace: "shop" },
  spec: {
    selector: { matchLabels: { app: "api" } },
    template: {
      metadata: { labels: { app: "api" } },
      spec: {
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
        containers: [hardenedContainer("api")],
        volumes: [{ name: "tmp", emptyDir: {} }],
      },
    },
  },
};

function byPolicy(diagnostics: Diagnostic[]): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) map.set(d.policyName, [...(map.get(d.policyName) ?? []), d]);
  return map;
}

function levelsOf(diagnostics: Diagnostic[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [policy, list] of byPolicy(diagnostics)) out[policy] = [...new Set(list.map((d) => d.enforcementLevel))];
  return out;
}

describe("the pack at preview (dry run)", () => {
  let pack: RunningPack;
  before(async () => {
    pack = await startPack({ dir: root, dryRun: true });
  });
  after(async () => pack?.stop());

  it("describes one policy per catalogue rule, with schemas, remediation and default levels", async () => {
    const info = await pack.info();
    assert.equal(info.name, "container-hardening");
    assert.equal(info.version, JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
    const names = info.policies.map((p) => p.name);
    assert.deepEqual(names, [...CATALOGUE.map((e) => e.meta.id), "exemptions-and-notes"]);
    for (const entry of CATALOGUE) {
      const policy = info.policies.find((p) => p.name === entry.meta.id)!;
      assert.equal(policy.enforcementLevel, entry.meta.pss.length > 0 ? "mandatory" : "advisory", entry.meta.id);
      assert.equal(policy.remediationSteps, entry.meta.remediation);
      assert.ok(policy.configSchema?.properties.exemptions, `${entry.meta.id} takes exemptions`);
      for (const option of entry.meta.options) assert.ok(policy.configSchema?.properties[option], `${entry.meta.id} declares ${option}`);
    }
  });

  it("blocks an insecure pod with the default (hardened) configuration, naming resource, container, field and fix", async () => {
    await pack.configure({});
    const diagnostics = await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: insecurePod });
    const privileged = byPolicy(diagnostics).get("no-privileged")!;
    assert.equal(privileged.length, 1);
    assert.equal(privileged[0].enforcementLevel, "mandatory");
    assert.match(privileged[0].message, /Pod shop\/web: spec\.containers\[0\]\.securityContext\.privileged \(container "app"\)/);
    assert.match(byPolicy(diagnostics).get("restrict-added-capabilities")![0].message, /CAP_SYS_ADMIN/);
    assert.deepEqual(levelsOf(diagnostics)["read-only-root-filesystem"], ["advisory"]);
  });

  it("passes a hardened Deployment with no diagnostic at all", async () => {
    await pack.configure(shipped("hardened.json"));
    assert.deepEqual(await pack.analyze({ type: "kubernetes:apps/v1:Deployment", name: "api", props: secureDeployment }), []);
  });

  it("with pss-baseline.json reports only baseline rules", async () => {
    await pack.configure(shipped("pss-baseline.json"));
    const policies = [...byPolicy(await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: insecurePod })).keys()].sort();
    const baseline = new Set(CATALOGUE.filter((e) => e.meta.pss.includes("baseline")).map((e) => e.meta.id));
    assert.ok(policies.length > 0);
    for (const policy of policies) assert.ok(baseline.has(policy), `${policy} is not a baseline rule`);
    assert.ok(policies.includes("no-privileged"));
    assert.ok(!policies.includes("drop-all-capabilities"));
  });

  it("with pss-restricted.json adds the restricted rules and still not the extra hardening", async () => {
    await pack.configure(shipped("pss-restricted.json"));
    const policies = [...byPolicy(await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: insecurePod })).keys()];
    assert.ok(policies.includes("drop-all-capabilities"));
    assert.ok(policies.includes("run-as-non-root"));
    assert.ok(!policies.includes("read-only-root-filesystem"));
  });

  it("reports a value unknown at preview as an advisory, even for a mandatory policy, and still blocks what is known", async () => {
    await pack.configure(shipped("hardened.json"));
    const deployment = structuredClone(secureDeployment) as any;
    deployment.spec.template.spec.containers[0].securityContext.runAsUser = UNKNOWN;
    deployment.spec.template.spec.containers[0].securityContext.privileged = true;
    const diagnostics = await pack.analyze({ type: "kubernetes:apps/v1:Deployment", name: "api", props: deployment });
    const levels = levelsOf(diagnostics);
    assert.deepEqual(levels["run-as-non-root"], ["advisory"]);
    assert.match(byPolicy(diagnostics).get("run-as-non-root")![0].message, /runAsUser is not known yet/);
    assert.deepEqual(levels["no-privileged"], ["mandatory"]);
  });

  it("reads secret values as their plain value", async () => {
    await pack.configure({});
    const pod = structuredClone(insecurePod) as any;
    pod.spec.containers[0].securityContext.privileged = secret(true);
    const policies = [...byPolicy(await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: pod })).keys()];
    assert.ok(policies.includes("no-privileged"));
  });

  it("judges the resources YAML and Helm expand to, custom resources with a pod template, and patches", async () => {
    await pack.configure({});
    const rollout = { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "r" }, spec: { template: { spec: { containers: [{ name: "c", image: "x", securityContext: { privileged: true } }] } } } };
    assert.ok(byPolicy(await pack.analyze({ type: "kubernetes:argoproj.io/v1alpha1:Rollout", name: "r", props: rollout })).has("no-privileged"));
    const cronJob = { metadata: { name: "nightly" }, spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "job", image: "x", securityContext: { privileged: true } }] } } } } } };
    assert.ok(byPolicy(await pack.analyze({ type: "kubernetes:batch/v1:CronJob", name: "nightly", props: cronJob })).has("no-privileged"), "apiVersion/kind come from the type token when absent");
    const patch = { metadata: { name: "api" }, spec: { template: { spec: { containers: [{ name: "api", image: "x" }] } } } };
    const patchDiagnostics = byPolicy(await pack.analyze({ type: "kubernetes:apps/v1:DeploymentPatch", name: "api", props: patch }));
    assert.ok(!patchDiagnostics.has("drop-all-capabilities"), "absent required values are not judged in a patch");
    assert.match(patchDiagnostics.get("exemptions-and-notes")![0].message, /server-side apply patch/);
    const privilegedPatch = structuredClone(patch) as any;
    privilegedPatch.spec.template.spec.containers[0].securityContext = { privileged: true };
    assert.ok(byPolicy(await pack.analyze({ type: "kubernetes:apps/v1:DeploymentPatch", name: "api", props: privilegedPatch })).has("no-privileged"));
  });

  it("applies exemptions from config and annotations, shows them, and does not honour a reason-less annotation", async () => {
    await pack.configure({ "no-privileged": { enforcementLevel: "mandatory", exemptions: [{ namespace: "shop", name: "web", reason: "GPU driver installer, reviewed" }] } });
    const exempted = byPolicy(await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: insecurePod }));
    assert.ok(!exempted.has("no-privileged"));
    assert.match(exempted.get("exemptions-and-notes")!.map((d) => d.message).join("\n"), /no-privileged exempted by configuration: GPU driver installer, reviewed/);

    await pack.configure({});
    const annotated = structuredClone(insecurePod) as any;
    annotated.metadata.annotations = { "container-hardening.io/exempt": "no-privileged" };
    const unreasoned = byPolicy(await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: annotated }));
    assert.match(unreasoned.get("no-privileged")![0].message, /not honoured: add container-hardening\.io\/exempt-reason/);
    annotated.metadata.annotations["container-hardening.io/exempt-reason"] = "node agent";
    const reasoned = byPolicy(await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: annotated }));
    assert.ok(!reasoned.has("no-privileged"));
    assert.match(reasoned.get("exemptions-and-notes")!.map((d) => d.message).join("\n"), /no-privileged exempted by annotation container-hardening\.io\/exempt: node agent/);
  });

  it("refuses invalid configuration with a message naming the policy and the field", async () => {
    await pack.configure({ "non-root-uid-gid": { enforcementLevel: "mandatory", minimumId: "high" } });
    await assert.rejects(pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: insecurePod }), /invalid configuration of policy "non-root-uid-gid": minimumId must be an integer/);
    await pack.configure({ "no-privileged": { enforcementLevel: "mandatory", exemptions: [{ name: "web" }] } });
    await assert.rejects(pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: insecurePod }), /policy "no-privileged": exemptions\[0\]\.reason is required/);
  });

  it("remediates at level remediate: the hardened inputs then pass the fixed rules", async () => {
    const config: PackConfig = { "drop-all-capabilities": "remediate", "no-privilege-escalation": "remediate", "read-only-root-filesystem": "remediate", "seccomp-profile": "remediate" };
    await pack.configure(config);
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "app", image: "x", env: [{ name: "TOKEN", value: secret("s3cr3t") }] }] } };
    const remediations = await pack.remediate({ type: "kubernetes:core/v1:Pod", name: "p", props: pod });
    let props: Record<string, unknown> = pod;
    for (const r of remediations) if (r.props) props = r.props;
    const context = (props as any).spec.containers[0].securityContext;
    assert.deepEqual(context.capabilities.drop, ["ALL"]);
    assert.equal(context.allowPrivilegeEscalation, false);
    assert.equal(context.readOnlyRootFilesystem, true);
    assert.deepEqual((props as any).spec.containers[0].env[0].value, secret("s3cr3t"), "a remediation keeps secrets secret");
    const after = byPolicy(await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "p", props }));
    for (const policy of Object.keys(config)) assert.ok(!after.has(policy), `${policy} still reports after remediation`);
  });
});

describe("the pack at up (not a dry run)", () => {
  let pack: RunningPack;
  before(async () => {
    pack = await startPack({ dir: root, dryRun: false });
  });
  after(async () => pack?.stop());

  it("enforces a value still unknown at the policy's level", async () => {
    await pack.configure({});
    const pod = { metadata: { name: "p" }, spec: { containers: [{ name: "app", image: "x", securityContext: { privileged: UNKNOWN } }] } };
    const diagnostics = byPolicy(await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "p", props: pod }));
    assert.equal(diagnostics.get("no-privileged")![0].enforcementLevel, "mandatory");
    assert.match(diagnostics.get("no-privileged")![0].message, /not known yet/);
  });
});
