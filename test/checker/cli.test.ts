import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runChecker } from "./run-checker";

const root = join(__dirname, "..", "..", "..");
const fixtures = join(root, "test", "fixtures", "manifests");

const run = (args: string[], input?: string) => runChecker(args, { input });

describe("container-hardening check", () => {
  it("passes hardened manifests at every profile", () => {
    for (const profile of ["pss-baseline", "pss-restricted", "hardened"]) {
      const result = run(["check", "--profile", profile, join(fixtures, "secure.yaml")]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, new RegExp(`^2 Kubernetes objects checked against ${profile}: 0 findings\\.$`, "m"));
    }
  });

  it("fails insecure manifests, each finding naming file, line, column, resource, path, container and rule", () => {
    const result = run(["check", "--profile", "pss-baseline", join(fixtures, "insecure.yaml")]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /insecure\.yaml:12:7: DaemonSet monitoring\/agent: spec\.template\.spec\.hostPID: .* \[no-host-namespaces\]/);
    assert.match(result.stdout, /insecure\.yaml:16:30: DaemonSet monitoring\/agent: spec\.template\.spec\.containers\[0\]\.securityContext\.privileged \(container "agent"\): .* \[no-privileged\]/);
    assert.match(result.stdout, /insecure\.yaml:19:11: DaemonSet monitoring\/agent: spec\.template\.spec\.volumes\[0\]\.hostPath: .* \[no-host-path-volumes\]/);
    assert.doesNotMatch(result.stdout, /no-docker-socket-mount/, "beyond-PSS rules are not part of pss-baseline");
    assert.match(run(["check", join(fixtures, "insecure.yaml")]).stdout, /\[no-docker-socket-mount\]/);
  });

  it("reads directories, List objects and stdin, and reports JSON", () => {
    const all = run(["check", "--format", "json", "--profile", "pss-baseline", fixtures]);
    assert.equal(all.code, 1);
    const report = JSON.parse(all.stdout) as { objects: Array<{ source: string; findings: Array<{ rule: string }> }> };
    assert.deepEqual(report.objects.map((o) => o.source.slice(fixtures.length + 1)), ["insecure.yaml", "list.json items[0]", "list.json items[1]", "secure.yaml#1", "secure.yaml#2"]);
    assert.deepEqual(report.objects[1]!.findings.map((f) => f.rule), ["restrict-added-capabilities"]);
    const piped = run(["check", "--profile", "pss-baseline", "-"], "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { hostIPC: true, containers: [{ name: c, image: i }] }\n");
    assert.equal(piped.code, 1);
    assert.match(piped.stdout, /<stdin>:4:9: Pod p: spec\.hostIPC/);
  });

  it("honours the options and the exemption annotation", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-"));
    const file = join(dir, "logs.yaml");
    writeFileSync(file, "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: i }], volumes: [{ name: l, hostPath: { path: /var/log/pods } }] }\n");
    assert.equal(run(["check", "--profile", "pss-baseline", file]).code, 1);
    assert.equal(run(["check", "--profile", "pss-baseline", "--allowed-host-path", "/var/log/pods/", file]).code, 0);
    writeFileSync(file, "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { container-hardening.io/exempt: no-host-path-volumes, container-hardening.io/exempt-reason: log shipper } }\nspec: { containers: [{ name: c, image: i }], volumes: [{ name: l, hostPath: { path: /var/log/pods } }] }\n");
    const exempt = run(["check", "--profile", "pss-baseline", file]);
    assert.equal(exempt.code, 0);
    assert.match(exempt.stdout, /note: no-host-path-volumes: exempted by annotation .*: log shipper/);
  });

  it("reads a policy config (--config) with levels, options and exemptions, and refuses a misspelt exemption", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-"));
    const config = join(dir, "policy-config.json");
    const insecure = join(fixtures, "insecure.yaml");
    writeFileSync(config, JSON.stringify({ "no-host-namespaces": { enforcementLevel: "mandatory", exemptions: [{ namespace: "monitoring", name: "agent", reason: "node agent, reviewed 2026-11" }] } }));
    const exempt = run(["check", "--profile", "pss-baseline", "--config", config, insecure]);
    assert.doesNotMatch(exempt.stdout, /\[no-host-namespaces\]/);
    assert.match(exempt.stdout, /note: no-host-namespaces: exempted by configuration: node agent, reviewed 2026-11/);
    writeFileSync(config, JSON.stringify({ "no-host-namespaces": "disabled", "no-privileged": "disabled" }));
    const disabled = run(["check", "--profile", "pss-baseline", "--config", config, insecure]);
    assert.doesNotMatch(disabled.stdout, /\[no-host-namespaces\]|\[no-privileged\]/);
    assert.match(disabled.stdout, /\[no-host-path-volumes\]/);
    // The typo that once exempted everything.
    writeFileSync(config, JSON.stringify({ "no-privileged": { exemptions: [{ reason: "legacy", nmae: "x" }] } }));
    const typo = run(["check", "--config", config, insecure]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /policy-config\.json, config, policy "no-privileged": exemptions\[0\]\.nmae is not a field of an exemption/);
    writeFileSync(config, JSON.stringify({ "no-privilegd": "disabled" }));
    assert.match(run(["check", "--config", config, insecure]).stderr, /"no-privilegd" is not a policy of this pack/);
  });

  it("refuses unusable input and command lines with exit code 2 and a message saying what to change", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-"));
    writeFileSync(join(dir, "broken.yaml"), "kind: Pod\nspec: [\n");
    writeFileSync(join(dir, "scalar.yaml"), "just text\n");
    const walked = run(["check", dir]);
    assert.equal(walked.code, 0, "found in a directory, a file that holds nothing of ours is skipped, whatever its syntax");
    assert.match(walked.stdout, /2 skipped, neither Kubernetes objects nor Compose files \(.*broken\.yaml \(not valid YAML or JSON\), .*scalar\.yaml\)/);
    assert.match(run(["check", join(dir, "broken.yaml")]).stderr, /broken\.yaml:3:1: not valid YAML \(yaml: did not find expected node content\)/, "named, it is refused");
    assert.match(run(["check", join(dir, "scalar.yaml")]).stderr, /scalar\.yaml: not a Kubernetes object/, "named, it is refused");
    assert.match(run(["check", join(dir, "missing.yaml")]).stderr, /missing\.yaml: no such file or directory/);
    assert.match(run(["check"]).stderr, /name at least one manifest/);
    assert.match(run(["lint", "x"]).stderr, /unknown command "lint"/);
    assert.match(run(["check", "--minimum-id", "0", "x"]).stderr, /--minimum-id must be a whole number of at least 1/);
    assert.match(run(["check", "--allowed-host-path", "var/log", "x"]).stderr, /--allowed-host-path must be an absolute path/);
    assert.equal(run(["check", "--format", "xml", "x"]).code, 2);
  });

  it("refuses a --config that is not JSON, saying where as encoding/json would (the engine's own words differ)", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-cli-"));
    writeFileSync(join(dir, "config.json"), '{\n  // a comment\n  "all": "mandatory"\n}\n');
    writeFileSync(join(dir, "trailing.json"), '{"all": "mandatory"} x\n');
    const commented = run(["check", "--config", join(dir, "config.json"), join(fixtures, "secure.yaml")]);
    assert.equal(commented.code, 2);
    assert.match(commented.stderr, /config\.json is not valid JSON \(line 2, column 3: invalid character looking for beginning of object key string\)/);
    assert.match(run(["admission", "--config", join(dir, "trailing.json")]).stderr, /trailing\.json: the file is not valid JSON \(line 1, column 22: invalid character after top-level value\)/);
  });
});
