/**
 * HardeningValidation: added to a chart, it makes app.synth() fail on anything the catalogue
 * refuses (raw ApiObjects, cdk8s-plus workloads, objects nested in custom constructs) with messages
 * naming the object, its construct path, the field path, the fix and the rule; the secure
 * constructs pass it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiObject, Chart, Testing } from "cdk8s";
import * as kplus from "cdk8s-plus-33";
import { Construct } from "constructs";
import { HardeningValidation, SecureCronJob, SecureDaemonSet, SecureDeployment, SecureJob, SecurePod, SecureStatefulSet } from "../../../constructs/index";

const INSECURE_DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "legacy" },
  spec: {
    selector: { matchLabels: { app: "legacy" } },
    template: {
      metadata: { labels: { app: "legacy" } },
      spec: { containers: [{ name: "app", image: "registry.example/legacy:1", securityContext: { privileged: true } }] },
    },
  },
};

function chartWith(build: (chart: Chart) => void, props?: ConstructorParameters<typeof HardeningValidation>[1]) {
  const app = Testing.app();
  const chart = new Chart(app, "shop");
  chart.node.addValidation(new HardeningValidation(chart, props));
  build(chart);
  return { app, chart };
}

/** The rules named in the messages, e.g. ["drop-all-capabilities", ...]. */
function rulesOf(messages: string[]): string[] {
  return [...new Set(messages.map((m) => /\[([a-z-]+)\]$/.exec(m)?.[1] ?? m))].sort();
}

describe("HardeningValidation", () => {
  it("fails app.synth() on an insecure raw ApiObject, naming object, construct path, field path, fix and rule", () => {
    const { app, chart } = chartWith((chart) => new ApiObject(chart, "legacy", INSECURE_DEPLOYMENT));
    const messages = chart.node.validate();
    const privileged = messages.find((m) => m.endsWith("[no-privileged]"))!;
    assert.match(privileged, /^Deployment legacy \(shop\/legacy\): spec\.template\.spec\.containers\[0\]\.securityContext\.privileged \(container "app"\): .*Remove securityContext\.privileged \(or set it to false\).* \[no-privileged\]$/);
    assert.deepEqual(rulesOf(messages), [
      "drop-all-capabilities",
      "no-privilege-escalation",
      "no-privileged",
      "no-service-account-token-automount",
      "non-root-uid-gid",
      "read-only-root-filesystem",
      "run-as-non-root",
      "seccomp-profile",
    ]);
    assert.throws(() => app.synth(), (error: Error) => {
      assert.match(error.message, /^Validation failed with the following errors:\n {2}\[shop\] Deployment legacy \(shop\/legacy\): /);
      assert.match(error.message, /\[no-privileged\]/);
      return true;
    });
  });

  it("fails a default cdk8s-plus-33 Deployment: no capability drop and no seccomp profile (Pod Security restricted)", () => {
    const plus = (chart: Chart) => new kplus.Deployment(chart, "web", { containers: [{ image: "nginx", portNumber: 8080 }] });
    const restricted = chartWith(plus, { profile: "pss-restricted" }).chart.node.validate();
    assert.deepEqual(rulesOf(restricted), ["drop-all-capabilities", "seccomp-profile"]);
    assert.match(restricted[0]!, /^Deployment shop-web-c8[0-9a-f]{6} \(shop\/web\/Resource\): spec\.template\.spec\.containers\[0\]\.securityContext\.capabilities\.drop \(container "main"\): /);
    const hardened = chartWith(plus).chart.node.validate();
    assert.deepEqual(rulesOf(hardened), ["drop-all-capabilities", "non-root-uid-gid", "seccomp-profile"]);
  });

  it("finds ApiObjects nested in custom constructs and nested charts", () => {
    const { chart } = chartWith((chart) => {
      const group = new Construct(chart, "legacy-group");
      new ApiObject(group, "inner", INSECURE_DEPLOYMENT);
      new ApiObject(new Chart(chart, "sub"), "pod", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "x" }] } });
    });
    const paths = [...new Set(chart.node.validate().map((m) => /\(([^)]*)\):/.exec(m)?.[1]))];
    assert.deepEqual(paths, ["shop/legacy-group/inner", "shop/sub/pod"]);
  });

  it("passes every secure construct and objects without pod templates, and app.synth() writes them", () => {
    const container = { name: "app", image: "registry.example/app:1" };
    const { app, chart } = chartWith((chart) => {
      new SecureDeployment(chart, "deployment", { containers: [container] });
      new SecureStatefulSet(chart, "stateful-set", { serviceName: "db", containers: [container] });
      new SecureDaemonSet(chart, "daemon-set", { containers: [container] });
      new SecureJob(chart, "job", { containers: [container] });
      new SecureCronJob(chart, "cron-job", { schedule: "@daily", containers: [container] });
      new SecurePod(chart, "pod", { containers: [container] });
      new kplus.ConfigMap(chart, "config", { data: { key: "value" } });
    });
    assert.deepEqual(chart.node.validate(), []);
    assert.doesNotThrow(() => app.synth());
  });

  it("judges a workload's token by its ServiceAccount anywhere in the app, and nowhere else", () => {
    const pod = (name: string, namespace: string) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace }, spec: { serviceAccountName: "reader", containers: [{ name: "c", image: "x" }] } });
    const account = (namespace: string, automountServiceAccountToken?: boolean) => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "reader", namespace }, ...(automountServiceAccountToken === undefined ? {} : { automountServiceAccountToken }) });
    const tokenFindings = (build: (chart: Chart) => void) => chartWith(build).chart.node.validate().filter((m) => m.endsWith("[no-service-account-token-automount]")).map((m) => m.split(":")[0]);
    // The ServiceAccount in another chart of the same app still decides.
    assert.deepEqual(tokenFindings((chart) => { new ApiObject(chart, "pod", pod("p", "shop")); new ApiObject(new Chart(chart.node.scope!, "accounts"), "sa", account("shop", false)); }), []);
    assert.deepEqual(tokenFindings((chart) => { new ApiObject(chart, "pod", pod("p", "shop")); new ApiObject(chart, "sa", account("shop", true)); }), ["Pod shop/p (shop/pod)"]);
    assert.deepEqual(tokenFindings((chart) => { new ApiObject(chart, "pod", pod("p", "shop")); new ApiObject(chart, "sa", account("shop")); }), ["Pod shop/p (shop/pod)"]);
    assert.deepEqual(tokenFindings((chart) => { new ApiObject(chart, "pod", pod("p", "web")); new ApiObject(chart, "sa", account("shop", false)); }), ["Pod web/p (shop/pod)"]);
  });

  it("honours its profile, options and exemptions", () => {
    const legacy = (chart: Chart) => new ApiObject(chart, "legacy", INSECURE_DEPLOYMENT);
    assert.deepEqual(chartWith(legacy, { exemptions: [{ name: "legacy", reason: "retired next sprint" }] }).chart.node.validate(), []);
    assert.deepEqual(rulesOf(chartWith(legacy, { profile: "pss-baseline" }).chart.node.validate()), ["no-privileged"]);
    const lowUid = (chart: Chart) => new SecureDeployment(chart, "web", { user: 20000, group: 20000, fsGroup: 20000, containers: [{ name: "app", image: "x" }] });
    assert.deepEqual(rulesOf(chartWith(lowUid, { options: { minimumId: 30000 } }).chart.node.validate()), ["non-root-uid-gid"]);
  });

  it("refuses settings it cannot use, naming them", () => {
    assert.throws(() => new HardeningValidation(Testing.chart(), { profile: "strict" as never }), /HardeningValidation at test: profile must be one of pss-baseline, pss-restricted, hardened, got "strict"/);
    assert.throws(() => new HardeningValidation(Testing.chart(), { exemptions: [{ name: "x", reason: "" }] }), /exemptions\[0\]\.reason is required/);
    assert.throws(() => new HardeningValidation(Testing.chart(), { options: { minimumid: 5 } as never }), /options\.minimumid is not a rule option/);
    assert.throws(() => new HardeningValidation(Testing.chart(), { profle: "hardened" } as never), /profle is not a setting/);
  });

  it("refuses a misspelt exemption field, which would otherwise exempt every object", () => {
    // The typo that once took a privileged Pod from 9 findings to 0.
    assert.throws(() => new HardeningValidation(Testing.chart(), { exemptions: [{ reason: "legacy", nmae: "x" }] as never }), /HardeningValidation at test: exemptions\[0\]\.nmae is not a field of an exemption/);
    assert.throws(() => new HardeningValidation(Testing.chart(), { exemptions: [{ reason: "legacy" }] as never }), /exemptions\[0\] selects nothing/);
  });

  it("fails on an exemption that matches no object below it, and reports those it applies", () => {
    const lines: string[] = [];
    const legacy = (chart: Chart) => new ApiObject(chart, "legacy", INSECURE_DEPLOYMENT);
    const typo = chartWith(legacy, { exemptions: [{ name: "legcy", reason: "retired next sprint" }], report: (line) => lines.push(line) }).chart.node.validate();
    assert.ok(typo.some((message) => /HardeningValidation at shop: the exemption .*"legcy".* matches no object/.test(message)), typo.join("\n"));
    assert.ok(typo.some((message) => /\[no-privileged\]$/.test(message)), "the object it meant stays judged");
    assert.deepEqual(chartWith(legacy, { exemptions: [{ name: "legacy", reason: "retired next sprint" }], report: (line) => lines.push(line) }).chart.node.validate(), []);
    assert.ok(lines.some((line) => /Deployment legacy \(shop\/legacy\): note: no-privileged: exempted by configuration: retired next sprint/.test(line)), lines.join("\n"));
  });
});
