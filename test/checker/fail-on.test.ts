import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fails, FAIL_ON } from "../../checker/fail-on";
import type { CheckerFinding } from "../../checker/checked-object";
import { root, runChecker } from "./run-checker";

const insecure = join(root, "test", "fixtures", "manifests", "insecure.yaml");

function finding(enforcement: CheckerFinding["enforcement"], severity: CheckerFinding["severity"]): CheckerFinding {
  return { outcome: "violation", path: "spec", message: "m", rule: "r", severity, enforcement };
}

describe("--fail-on", () => {
  it("fails on every finding at any and advisory, on mandatory ones at mandatory, on severe enough ones at a severity", () => {
    const advisoryLow = finding("advisory", "low");
    const mandatoryHigh = finding("mandatory", "high");
    const failing = (failOn: (typeof FAIL_ON)[number]) => [advisoryLow, mandatoryHigh].map((f) => fails(f, failOn));
    assert.deepEqual(failing("any"), [true, true]);
    assert.deepEqual(failing("advisory"), [true, true]);
    assert.deepEqual(failing("mandatory"), [false, true]);
    assert.deepEqual(failing("low"), [true, true]);
    assert.deepEqual(failing("medium"), [false, true]);
    assert.deepEqual(failing("high"), [false, true]);
    assert.deepEqual(failing("critical"), [false, false]);
  });

  it("lets advisory findings through at mandatory, and says how many fail the run", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-fail-on-"));
    const config = join(dir, "policy-config.json");
    // At pss-baseline the insecure agent has three findings; two of them are made advisory here.
    writeFileSync(config, JSON.stringify({ "no-privileged": "advisory", "no-host-namespaces": "advisory" }));
    const base = ["check", "--profile", "pss-baseline", "--config", config, insecure];
    assert.equal(runChecker(base).code, 1, "every finding fails by default");
    const mandatory = runChecker(["check", "--fail-on", "mandatory", ...base.slice(1)]);
    assert.equal(mandatory.code, 1, "no-host-path-volumes is still mandatory");
    assert.match(mandatory.stdout, /: 3 findings \(1 fails the run at --fail-on mandatory\)\.$/m);
    writeFileSync(config, JSON.stringify({ "no-privileged": "advisory", "no-host-namespaces": "advisory", "no-host-path-volumes": "advisory" }));
    const advisory = runChecker(["check", "--fail-on", "mandatory", ...base.slice(1)]);
    assert.equal(advisory.code, 0, advisory.stdout);
    assert.match(advisory.stdout, /: 3 findings \(0 fail the run at --fail-on mandatory\)\.$/m);
    assert.equal(runChecker(["check", "--fail-on", "advisory", ...base.slice(1)]).code, 1);
  });

  it("fails by severity, and unreadable inputs still exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-fail-on-"));
    const pod = join(dir, "logs.yaml");
    // A host path volume (no-host-path-volumes is high) and nothing critical.
    writeFileSync(pod, "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: i }], volumes: [{ name: l, hostPath: { path: /var/log/pods } }] }\n");
    assert.equal(runChecker(["check", "--profile", "pss-baseline", "--fail-on", "critical", pod]).code, 0);
    assert.equal(runChecker(["check", "--profile", "pss-baseline", "--fail-on", "high", pod]).code, 1);
    writeFileSync(join(dir, "broken.yaml"), "kind: Pod\nspec: [\n");
    assert.equal(runChecker(["check", "--profile", "pss-baseline", "--fail-on", "critical", pod, join(dir, "broken.yaml")]).code, 2);
  });

  it("refuses a level it does not know, naming the ones it does", () => {
    const result = runChecker(["check", "--fail-on", "severe", insecure]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--fail-on must be one of any, advisory, mandatory, low, medium, high, critical, got "severe"/);
  });
});
