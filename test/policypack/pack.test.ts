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


const CONTAINER = "docker:index/container:Container";
const SERVICE = "docker:index/service:Service";

/** docker.Container inputs with the classic mistakes, several written the way evasions write them. */
const insecureContainer = {
  image: "nginx",
  user: "0:0",
  privileged: true,
  networkMode: "host",
  capabilities: { adds: ["cap_sys_admin"] },
  securityOpts: ["no-new-privileges=false", "seccomp:unconfined"],
  mounts: [{ type: "bind", source: "//var/run/docker.sock", target: "/var/run/docker.sock" }],
  devices: [{ hostPath: "/dev/mem" }],
};

/** docker.Container inputs that pass every rule. */
const hardenedDockerContainer = {
  image: "registry.example/app@sha256:0123",
  user: "65532:65532",
  capabilities: { drops: ["ALL"] },
  readOnly: true,
  tmpfs: { "/tmp": "rw,noexec,nosuid,size=64m" },
  securityOpts: ["no-new-privileges=true"],
  memory: 256,
  cpus: "0.5",
  mounts: [{ type: "volume", source: "app-data", target: "/data" }],
};

/** docker.Service inputs hardened as far as @pulumi/docker lets a Service be. */
const hardenedService = {
  taskSpec: {
    containerSpec: { image: "registry.example/app@sha256:0123", user: "65532:65532", capDrops: ["ALL"], readOnly: true },
    resources: { limits: { memoryBytes: 268435456, nanoCpus: 500000000 } },
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

  it("refuses an exemption with a misspelt field instead of letting it exempt every resource", async () => {
    await pack.configure({ "no-privileged": { enforcementLevel: "mandatory", exemptions: [{ reason: "legacy", nmae: "x" }] } });
    await assert.rejects(pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: insecurePod }), /policy "no-privileged": exemptions\[0\]\.nmae is not a field of an exemption/);
    await pack.configure({ "no-privileged": { enforcementLevel: "mandatory", exemptions: [{ reason: "legacy" }] } });
    await assert.rejects(pack.analyze({ type: "kubernetes:core/v1:Pod", name: "web", props: insecurePod }), /policy "no-privileged": exemptions\[0\] selects nothing/);
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

  it("blocks an insecure docker.Container with each rule's diagnostic, in the resource's own property names", async () => {
    await pack.configure({});
    const diagnostics = byPolicy(await pack.analyze({ type: CONTAINER, name: "web", props: insecureContainer }));
    const expected: Record<string, RegExp> = {
      "no-privileged": /^Container web: privileged: The container is privileged/m,
      "run-as-non-root": /^Container web: user: "0:0" runs as root/m,
      "restrict-added-capabilities": /^Container web: capabilities\.adds\[0\]: "cap_sys_admin" grants SYS_ADMIN/m,
      "drop-all-capabilities": /^Container web: capabilities\.drops: .*Set capabilities\.drops: \["ALL"\]/m,
      "no-host-namespaces": /^Container web: networkMode: "host" gives/m,
      "no-privilege-escalation": /^Container web: securityOpts\[0\]: "no-new-privileges=false" turns no_new_privs off/m,
      "seccomp-profile": /^Container web: securityOpts\[1\]: "seccomp:unconfined" turns off system call filtering/m,
      "no-docker-socket-mount": /^Container web: mounts\[0\]\.source: The container mounts the container runtime socket \/var\/run\/docker\.sock/m,
      "no-host-devices": /^Container web: devices\[0\]: The container is given the host device \/dev\/mem/m,
      "resource-limits": /^Container web: memory: The container has no memory limit/m,
    };
    for (const [policy, message] of Object.entries(expected)) {
      assert.ok(diagnostics.has(policy), `${policy} reports`);
      assert.ok(diagnostics.get(policy)!.some((d) => message.test(d.message)), `${policy}: ${diagnostics.get(policy)!.map((d) => d.message).join(" | ")}`);
    }
    assert.deepEqual(levelsOf([...diagnostics.values()].flat())["no-privileged"], ["mandatory"]);
    assert.deepEqual(levelsOf([...diagnostics.values()].flat())["resource-limits"], ["advisory"], "beyond PSS: advisory by default");
    assert.ok(!diagnostics.has("no-host-ports"), "no Kubernetes-only rule reports on a container");
  });

  it("passes a hardened docker.Container under hardened.json with no diagnostic at all", async () => {
    await pack.configure(shipped("hardened.json"));
    assert.deepEqual(await pack.analyze({ type: CONTAINER, name: "api", props: hardenedDockerContainer }), []);
  });

  it("passes a hardened docker.Service once its daemon-level no-new-privileges is exempted with a reason, and shows the exemption", async () => {
    await pack.configure(shipped("hardened.json"));
    const unexempted = byPolicy(await pack.analyze({ type: SERVICE, name: "api", props: hardenedService }));
    assert.deepEqual([...unexempted.keys()], ["no-privilege-escalation"], "a Service cannot set no-new-privileges through @pulumi/docker");
    assert.match(unexempted.get("no-privilege-escalation")![0].message, /^Service api: taskSpec\.containerSpec\.privileges: .*daemon\.json/m);
    const config = { ...shipped("hardened.json"), "no-privilege-escalation": { enforcementLevel: "mandatory", exemptions: [{ kind: "Service", reason: "no-new-privileges is set in every node's daemon.json" }] } } as PackConfig;
    await pack.configure(config);
    const exempted = byPolicy(await pack.analyze({ type: SERVICE, name: "api", props: hardenedService }));
    assert.deepEqual([...exempted.keys()], ["exemptions-and-notes"]);
    assert.match(exempted.get("exemptions-and-notes")![0].message, /Service api: no-privilege-escalation exempted by configuration: no-new-privileges is set/);
  });

  it("honours an exemption written as Docker labels, with its reason", async () => {
    await pack.configure({});
    const labelled = { ...hardenedDockerContainer, mounts: [{ type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock" }], labels: [{ label: "container-hardening.io/exempt", value: "no-docker-socket-mount" }, { label: "container-hardening.io/exempt-reason", value: "CI runner, reviewed" }] };
    const diagnostics = byPolicy(await pack.analyze({ type: CONTAINER, name: "runner", props: labelled }));
    assert.ok(!diagnostics.has("no-docker-socket-mount"));
    assert.match(diagnostics.get("exemptions-and-notes")!.map((d) => d.message).join("\n"), /Container runner: no-docker-socket-mount exempted by annotation container-hardening\.io\/exempt: CI runner, reviewed/);
  });

  it("reports Docker values unknown at preview as advisories, and still blocks what is known", async () => {
    await pack.configure(shipped("hardened.json"));
    const container = { ...hardenedDockerContainer, user: UNKNOWN, privileged: true };
    const diagnostics = await pack.analyze({ type: CONTAINER, name: "api", props: container });
    const levels = levelsOf(diagnostics);
    assert.deepEqual(levels["run-as-non-root"], ["advisory"]);
    assert.match(byPolicy(diagnostics).get("run-as-non-root")![0].message, /user is not known yet/);
    assert.deepEqual(levels["no-privileged"], ["mandatory"]);
    const service = structuredClone(hardenedService) as any;
    service.taskSpec.containerSpec = UNKNOWN;
    const serviceLevels = levelsOf(await pack.analyze({ type: SERVICE, name: "api", props: service }));
    assert.deepEqual(serviceLevels["drop-all-capabilities"], ["advisory"], "an unknown containerSpec is never a pass");
  });

  it("judges an image built in the stack by run-as-non-root from its Dockerfile (the last stage's USER)", async () => {
    await pack.configure(shipped("hardened.json"));
    const image = (dockerfile: string) => ({ context: { location: "/srv/app" }, dockerfile: { inline: dockerfile }, push: false });
    const root = byPolicy(await pack.analyze({ type: "docker-build:index:Image", name: "app", props: image("FROM alpine AS build\nUSER 10001\nFROM alpine\nUSER root\n") }));
    assert.deepEqual([...root.keys()], ["run-as-non-root"], "only run-as-non-root judges an image");
    assert.match(root.get("run-as-non-root")![0].message, /^Image app: /m);
    assert.deepEqual(await pack.analyze({ type: "docker-build:index:Image", name: "app", props: image("FROM alpine AS build\nUSER root\nFROM alpine\nUSER 10001:10001\n") }), []);
  });

  it("remediates a docker.Container: the hardened inputs then pass the fixed rules", async () => {
    const config: PackConfig = { "drop-all-capabilities": "remediate", "no-privilege-escalation": "remediate", "read-only-root-filesystem": "remediate", "no-privileged": "remediate", "seccomp-profile": "remediate" };
    await pack.configure(config);
    const container = { image: "x", privileged: true, securityOpts: ["seccomp=unconfined"], envs: [secret("TOKEN=s3cr3t")] };
    let props: Record<string, unknown> = container;
    for (const r of await pack.remediate({ type: CONTAINER, name: "c", props: container })) if (r.props) props = r.props;
    assert.deepEqual((props as any).capabilities.drops, ["ALL"]);
    assert.equal((props as any).privileged, false);
    assert.equal((props as any).readOnly, true);
    assert.deepEqual((props as any).securityOpts, ["no-new-privileges=true"]);
    assert.deepEqual((props as any).envs[0], secret("TOKEN=s3cr3t"), "a remediation keeps secrets secret");
    const after = byPolicy(await pack.analyze({ type: CONTAINER, name: "c", props }));
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
