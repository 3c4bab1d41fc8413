/**
 * The generator's structure and the `admission` command; what the CEL means is proven on a live
 * API server by admission-differential.test.ts.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { admissionObjects } from "../../admission/generate";
import { RULE_VALIDATIONS } from "../../admission/rule-validations";
import { CATALOGUE } from "../../rules/catalogue";
import { readSettings } from "../../rules/configuration";
import { PROFILES } from "../../rules/profiles";

const bin = join(__dirname, "..", "..", "checker", "cli.js");

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, "admission", ...args], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("admission policies from a configuration", () => {
  it("has CEL for every Kubernetes rule of the catalogue", () => {
    const kubernetes = CATALOGUE.filter((entry) => entry.kubernetes).map((entry) => entry.meta.id).sort();
    assert.equal(kubernetes.length, 20);
    assert.deepEqual(Object.keys(RULE_VALIDATIONS).sort(), kubernetes);
  });

  it("makes a policy and a binding per enabled rule, with the actions of its level", () => {
    const configuration = readSettings({ profile: "hardened", config: { "no-privileged": "advisory", "no-host-ports": "disabled", "proc-mount": "remediate" } }, "test");
    const objects = admissionObjects(configuration);
    const bindings = new Map(objects.filter((o) => o.kind === "ValidatingAdmissionPolicyBinding").map((o) => [o.spec.policyName as string, o.spec.validationActions]));
    assert.equal(objects.filter((o) => o.kind === "ValidatingAdmissionPolicy").length, 19);
    assert.equal(bindings.size, 19);
    assert.deepEqual(bindings.get("container-hardening-no-privileged"), ["Warn", "Audit"]);
    assert.deepEqual(bindings.get("container-hardening-proc-mount"), ["Deny"]);
    assert.deepEqual(bindings.get("container-hardening-drop-all-capabilities"), ["Deny"]);
    assert.equal(bindings.has("container-hardening-no-host-ports"), false);
  });

  it("covers exactly the rules of each profile", () => {
    for (const profile of PROFILES) {
      const enabled = readSettings({ profile }, "test").rules.filter((rule) => rule.enforcement !== "disabled" && rule.entry.kubernetes).map((rule) => `container-hardening-${rule.entry.meta.id}`);
      const names = admissionObjects(readSettings({ profile }, "test")).filter((o) => o.kind === "ValidatingAdmissionPolicy").map((o) => o.metadata.name);
      assert.deepEqual(names, enabled, profile);
    }
  });

  it("prints the policies as YAML from the command line, and refuses what it cannot use", () => {
    const printed = run(["--profile", "pss-restricted"]);
    assert.equal(printed.code, 0, printed.stderr);
    const documents = parseAllDocuments(printed.stdout).map((d) => d.toJS() as { kind: string });
    assert.equal(documents.filter((d) => d.kind === "ValidatingAdmissionPolicy").length, readSettings({ profile: "pss-restricted" }, "t").rules.filter((r) => r.enforcement !== "disabled" && r.entry.kubernetes).length);
    const dir = mkdtempSync(join(tmpdir(), "admission-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ all: "advisory", "no-privileged": { enforcementLevel: "mandatory", exemptions: [{ name: "agent" }] } }));
    const refused = run(["--config", join(dir, "config.json")]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /exemptions\[0\]\.reason is required/);
    assert.equal(run(["--profile", "strict"]).code, 2);
  });
});
