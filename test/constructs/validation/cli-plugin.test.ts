/**
 * The `cdk8s synth --validate` plugin: unit tests against a recording context, and end-to-end runs of
 * the real cdk8s CLI (node_modules/cdk8s-cli, offline) over tiny apps whose cdk8s.yaml loads the
 * compiled plugin by an absolute path and by a ./ path: the insecure app fails (exit code 2, report
 * naming rule, resource and field), the secure one passes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Validation } from "cdk8s-cli/plugins";
import { stringify } from "yaml";
import { HardeningValidationPlugin, UNREADABLE_MANIFEST, type PluginContext, type PluginViolation } from "../../../constructs/index";
import { ROOT } from "../synth";

/** Compile-time check: the plugin satisfies cdk8s-cli's own Validation interface. */
const asCliPlugin: Validation = new HardeningValidationPlugin();

const work = mkdtempSync(join(tmpdir(), "cdk8s-plugin-test-"));
after(() => rmSync(work, { recursive: true, force: true }));

const INSECURE_POD = { apiVersion: "v1", kind: "Pod", metadata: { name: "legacy" }, spec: { containers: [{ name: "app", image: "registry.example/legacy:1" }] } };

function recordingContext(manifests: string[]) {
  const violations: PluginViolation[] = [];
  const submitted: Array<{ status: string; metadata?: Record<string, string> }> = [];
  const logs: string[] = [];
  const context: PluginContext = {
    manifests,
    report: { addViolation: (v) => violations.push(v), submit: (status, metadata) => submitted.push({ status, metadata }) },
    logger: { log: (message) => logs.push(message) },
  };
  return { context, violations, submitted, logs };
}

function manifest(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe("HardeningValidationPlugin (unit)", () => {
  it("is a cdk8s-cli Validation", () => assert.equal(typeof asCliPlugin.validate, "function"));

  it("reports one violation per rule, each resource with its findings as locations, and submits failure", async () => {
    const path = manifest("insecure.k8s.yaml", stringify(INSECURE_POD));
    const { context, violations, submitted } = recordingContext([path]);
    await new HardeningValidationPlugin({ profile: "pss-restricted" }).validate(context);
    assert.deepEqual(violations.map((v) => v.ruleName).sort(), ["drop-all-capabilities", "no-privilege-escalation", "run-as-non-root", "seccomp-profile"]);
    const drop = violations.find((v) => v.ruleName === "drop-all-capabilities")!;
    assert.match(drop.recommendation, /^Drop all Linux capabilities\. /);
    assert.match(drop.fix, /drop: \["ALL"\]/);
    assert.deepEqual(drop.violatingResources.map((r) => [r.resourceName, r.manifestPath, r.locations.length]), [["legacy", path, 1]]);
    assert.match(drop.violatingResources[0]!.locations[0]!, /^spec\.containers\[0\]\.securityContext\.capabilities\.drop \(container "app"\): .* \[drop-all-capabilities\]$/);
    assert.deepEqual(submitted, [{ status: "failure", metadata: { profile: "pss-restricted", objects: "1", exemptions: "0" } }]);
  });

  it("passes the secure example's manifests, logging nothing", async () => {
    const { context, violations, submitted, logs } = recordingContext([join(ROOT, "examples", "cdk8s-app", "dist", "shop.k8s.yaml")]);
    await new HardeningValidationPlugin().validate(context);
    assert.deepEqual(violations, []);
    assert.deepEqual(submitted, [{ status: "success", metadata: { profile: "hardened", objects: "4", exemptions: "0" } }]);
    assert.deepEqual(logs, []);
  });

  it("honours exemptions, logging each one", async () => {
    const path = manifest("exempt.k8s.yaml", stringify(INSECURE_POD));
    const { context, violations, submitted, logs } = recordingContext([path]);
    await new HardeningValidationPlugin({ profile: "pss-restricted", exemptions: [{ kind: "Pod", reason: "debug pod, deleted after use" }] }).validate(context);
    assert.deepEqual(violations, []);
    assert.equal(submitted[0]!.status, "success");
    assert.equal(logs.length, 4);
    assert.match(logs[0]!, /^container-hardening: Pod legacy: note: .*exempted by configuration: debug pod, deleted after use$/);
  });

  it("judges a workload's token by its ServiceAccount in any manifest of the app", async () => {
    const pod = manifest("reader.k8s.yaml", "apiVersion: v1\nkind: Pod\nmetadata: { name: reader, namespace: shop }\nspec:\n  serviceAccountName: reader\n  containers: [{ name: app, image: registry.example/reader:1 }]\n");
    const quiet = manifest("quiet.k8s.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: reader, namespace: shop }\nautomountServiceAccountToken: false\n");
    const elsewhere = manifest("elsewhere.k8s.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: reader, namespace: web }\nautomountServiceAccountToken: false\n");
    const tokenViolations = async (manifests: string[]) => {
      const { context, violations } = recordingContext(manifests);
      await new HardeningValidationPlugin().validate(context);
      return violations.filter((v) => v.ruleName === "no-service-account-token-automount").flatMap((v) => v.violatingResources.map((r) => r.resourceName));
    };
    assert.deepEqual(await tokenViolations([pod, quiet]), []);
    assert.deepEqual(await tokenViolations([pod, elsewhere]), ["reader"]);
    assert.deepEqual(await tokenViolations([pod]), ["reader"]);
  });

  it("reports a manifest it cannot read instead of skipping it", async () => {
    const path = manifest("broken.k8s.yaml", "kind: [unclosed\n");
    const { context, violations, submitted } = recordingContext([path]);
    await new HardeningValidationPlugin().validate(context);
    assert.deepEqual(violations.map((v) => [v.ruleName, v.violatingResources[0]!.manifestPath]), [[UNREADABLE_MANIFEST, path]]);
    assert.match(violations[0]!.violatingResources[0]!.locations[0]!, /not valid YAML/);
    assert.equal(submitted[0]!.status, "failure");
  });

  it("refuses properties it cannot use, naming them", () => {
    assert.throws(() => new HardeningValidationPlugin({ profile: "baseline" as never }), /plugin properties: profile must be one of/);
    // The typo that once exempted every object (properties come from cdk8s.yaml, unchecked by TypeScript).
    assert.throws(() => new HardeningValidationPlugin({ exemptions: [{ reason: "legacy", nmae: "x" }] } as never), /plugin properties: exemptions\[0\]\.nmae is not a field of an exemption/);
    assert.throws(() => new HardeningValidationPlugin({ exemptions: [{ reason: "legacy" }] } as never), /exemptions\[0\] selects nothing/);
  });
});

/** A directory holding a one-chart cdk8s app and its cdk8s.yaml, with the plugin at `pluginPath`. */
function appDir(name: string, body: string, pluginPath: string): string {
  const dir = join(work, name);
  const cdk8s = JSON.stringify(require.resolve("cdk8s"));
  const constructs = JSON.stringify(join(ROOT, "dist", "constructs", "index.js"));
  rmSync(dir, { recursive: true, force: true });
  spawnSync("mkdir", ["-p", dir]);
  writeFileSync(join(dir, "app.js"), `const { ApiObject, App, Chart } = require(${cdk8s});\nconst hardening = require(${constructs});\nconst app = new App();\nconst chart = new Chart(app, "demo");\n${body}\napp.synth();\n`);
  writeFileSync(join(dir, "plugin.js"), `module.exports = require(${JSON.stringify(join(ROOT, "dist", "constructs", "validation", "cli-plugin.js"))});\n`);
  writeFileSync(join(dir, "cdk8s.yaml"), stringify({ language: "typescript", app: "node app.js", validations: [{ package: pluginPath, class: "HardeningValidationPlugin", version: "0.1.0", properties: { profile: "hardened" } }] }));
  return dir;
}

function cdk8sSynth(dir: string) {
  const cli = join(ROOT, "node_modules", "cdk8s-cli", "bin", "cdk8s");
  const result = spawnSync(process.execPath, [cli, "synth", "--no-check-upgrade", "--validation-reports-output-file", "report.json"], { cwd: dir, encoding: "utf8", env: { ...process.env, HOME: work } });
  const reportFile = join(dir, "report.json");
  const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, "utf8")).reports[0] : undefined;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, report };
}

describe("HardeningValidationPlugin under the real cdk8s CLI", () => {
  it("fails synth (exit code 2) on an insecure raw ApiObject, loaded by an absolute path", () => {
    const dir = appDir("insecure", `new ApiObject(chart, "legacy", ${JSON.stringify(INSECURE_POD)});`, join(ROOT, "dist", "constructs", "validation", "cli-plugin.js"));
    const { status, stdout, stderr, report } = cdk8sSynth(dir);
    assert.equal(status, 2, stdout + stderr);
    assert.match(stderr, /Validation failed/);
    assert.match(stdout, /drop-all-capabilities \(1 occurrences\)/);
    assert.match(stdout, /Construct Path: demo\/legacy/);
    assert.match(stdout, /> spec\.containers\[0\]\.securityContext\.capabilities\.drop \(container "app"\)/);
    assert.equal(report.summary.status, "failure");
    const rules = report.violations.map((v: { ruleName: string }) => v.ruleName).sort();
    assert.deepEqual(rules, ["drop-all-capabilities", "no-privilege-escalation", "no-service-account-token-automount", "non-root-uid-gid", "read-only-root-filesystem", "run-as-non-root", "seccomp-profile"]);
    assert.deepEqual(report.violations[0].violatingConstructs[0].constructPath, "demo/legacy");
  });

  it("passes the secure constructs, loaded by a ./ path", () => {
    const body = `new hardening.SecureDeployment(chart, "web", { containers: [{ name: "web", image: "registry.example/web:1", ports: [8080] }] });
new hardening.SecureCronJob(chart, "report", { schedule: "0 3 * * *", containers: [{ name: "report", image: "registry.example/report:1" }] });`;
    const dir = appDir("secure", body, "./plugin.js");
    const { status, stdout, stderr, report } = cdk8sSynth(dir);
    assert.equal(status, 0, stdout + stderr);
    assert.match(stdout, /Validations ended succesfully/);
    assert.deepEqual(report.summary, { status: "success", plugin: join(dir, "plugin.js"), version: "0.1.0", metadata: { profile: "hardened", objects: "2", exemptions: "0" } });
    assert.ok(existsSync(join(dir, "dist", "demo.k8s.yaml")));
  });
});
