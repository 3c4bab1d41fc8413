/**
 * The pack where users run it: the real Pulumi CLI (built by scripts/setup-engine.sh) and the real
 * Kubernetes provider, on the example stacks — Pulumi TypeScript programs run as the Automation
 * API's inline programs — against a local file backend. `up` renders manifests to a directory
 * instead of calling a cluster.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { NOTES_POLICY } from "../../rules/exemptions";
import { pssRules } from "../../rules/catalogue";
import { type PolicyViolation, REPO_ROOT, type RunResult, Workspace } from "../../scripts/engine/workspace";

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

describe("pulumi preview and up with the pack (real engine)", { timeout: 30 * 60_000 }, () => {
  let workspace: Workspace;
  before(() => {
    workspace = new Workspace();
  });
  after(() => workspace?.dispose());

  it("preview of the insecure stack fails, naming each violated rule and resource", async () => {
    const result = await (await workspace.stack("insecure-stack", "preview-hardened")).preview();
    assert.notEqual(result.code, 0, result.output);
    const reported = pairs(mandatory(result));
    // web: a Deployment written in the program; node-agent:shop/node-agent: a DaemonSet expanded from
    // the ConfigGroup node-agent (the provider names expanded objects <group>:<namespace>/<name>).
    assertIncludes(reported, [
      "run-as-non-root web",
      "no-host-path-volumes web",
      "no-privilege-escalation web",
      "drop-all-capabilities web",
      "seccomp-profile web",
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
    const result = await (await workspace.stack("insecure-stack", "preview-baseline")).preview({ policyPackConfig: config });
    assert.notEqual(result.code, 0, result.output);
    const policies = new Set(result.violations.map((violation) => violation.policy));
    const outside = [...policies].filter((policy) => !BASELINE.has(policy) && policy !== NOTES_POLICY);
    assert.deepEqual(outside, [], result.output);
    assertIncludes(pairs(mandatory(result)), [
      "no-host-path-volumes web",
      "no-privileged node-agent:shop/node-agent",
      "no-host-namespaces node-agent:shop/node-agent",
      "restrict-added-capabilities node-agent:shop/node-agent",
    ], result);
  });

  it("preview and up of the secure stack pass with zero violations, and up renders the manifests", async () => {
    const stack = await workspace.stack("secure-stack", "secure");
    const preview = await stack.preview();
    assert.equal(preview.code, 0, preview.output);
    assert.deepEqual(preview.violations, []);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    assert.deepEqual(up.violations, []);
    const rendered = stack.rendered();
    assert.ok(rendered.some((file) => /deployment.*web/i.test(file)), `no web Deployment among ${rendered.join(", ")}`);
    assert.ok(rendered.some((file) => /daemonset.*node-agent/i.test(file)), `no node-agent DaemonSet among ${rendered.join(", ")}`);
    // The cdk8s constructs' output, composed into the stack with app.synthYaml().
    assert.ok(rendered.some((file) => /deployment.*worker/i.test(file)), `no worker Deployment among ${rendered.join(", ")}`);
    assert.ok(rendered.some((file) => /cronjob.*nightly-report/i.test(file)), `no nightly-report CronJob among ${rendered.join(", ")}`);
  });

  it("up of the insecure stack is refused before anything is rendered", async () => {
    const stack = await workspace.stack("insecure-stack", "up");
    const result = await stack.up();
    assert.notEqual(result.code, 0, result.output);
    assert.ok(mandatory(result).length > 0, result.output);
    assert.deepEqual(stack.rendered(), []);
  });

  it("a value unknown at preview is an advisory at preview and enforced at up", async () => {
    const stack = await workspace.stack("late-bound-stack", "late");
    const preview = await stack.preview();
    assert.equal(preview.code, 0, preview.output);
    const atPreview = preview.violations.filter((violation) => violation.policy === "seccomp-profile");
    assert.ok(atPreview.length > 0, preview.output);
    assert.ok(atPreview.every((violation) => violation.level !== "mandatory"), preview.output);
    assert.match(atPreview[0].message, /not known|unknown|cannot be verified/i);

    const up = await stack.up();
    assert.notEqual(up.code, 0, up.output);
    assert.ok(mandatory(up).some((violation) => violation.policy === "seccomp-profile" && violation.resource === "worker"), up.output);
    assert.ok(!stack.rendered().some((file) => /deployment/i.test(file)), "the refused Deployment was rendered");
  });
});
