import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sarifReport } from "../../checker/output/sarif";
import { CATALOGUE } from "../../rules/catalogue";
import { profileConfiguration } from "../../rules/configuration";
import { schemaValidator } from "../helpers/json-schema";
import { root, runChecker } from "./run-checker";

const validate = schemaValidator(JSON.parse(readFileSync(join(root, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")));

interface Result {
  ruleId: string;
  ruleIndex: number;
  kind: string;
  level: string;
  message: { text: string };
  locations?: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn?: number } } }>;
  suppressions?: Array<{ kind: string; justification: string }>;
  properties: { enforcement?: string; outcome?: string };
}

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { enabled: boolean; level: string };
  properties: { tags: string[]; "security-severity": string };
}

interface Log {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Rule[] } };
    invocations: Array<{ executionSuccessful: boolean; exitCode: number; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Result[];
  }>;
}

/** Real logs of every kind of input, run from the repository's root so that locations are relative to it. */
function logs(): Log[] {
  const dir = mkdtempSync(join(tmpdir(), "checker-sarif-"));
  writeFileSync(join(dir, "exempt.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { container-hardening.io/exempt: no-host-path-volumes, container-hardening.io/exempt-reason: log shipper } }\nspec: { containers: [{ name: c, image: i }], volumes: [{ name: l, hostPath: { path: /var/log/pods } }] }\n");
  writeFileSync(join(dir, "broken.yaml"), "kind: Pod\nspec: [\n");
  const config = join(dir, "policy-config.json");
  writeFileSync(config, JSON.stringify({ "no-privileged": { enforcementLevel: "advisory", exemptions: [{ name: "agent", reason: "node agent, reviewed 2026-11" }] }, "no-host-path-volumes": "advisory" }));
  const runs = [
    runChecker(["check", "--format", "sarif", "--config", config, "test/fixtures/manifests", "test/fixtures/dockerfiles"], { cwd: root }),
    runChecker(["check", "--format", "sarif", "test/fixtures/compose/insecure"], { cwd: root }),
    runChecker(["check", "--format", "sarif", join(dir, "exempt.yaml"), join(dir, "broken.yaml")], { cwd: root }),
  ];
  assert.deepEqual(runs.map((run) => run.code), [1, 1, 2], runs.map((run) => run.stderr).join("\n"));
  return runs.map((run) => JSON.parse(run.stdout) as Log);
}

describe("the checker's SARIF output", () => {
  const all = logs();
  const results = all.flatMap((log) => log.runs[0]!.results);

  it("is valid against the official SARIF 2.1.0 schema", () => {
    for (const log of all) assert.deepEqual(validate(log), []);
    const broken = structuredClone(all[0]!);
    broken.runs[0]!.results[0]!.level = "fatal";
    assert.match(validate(broken).join("\n"), /level should be equal to one of the allowed values/, "the validator can fail");
  });

  it("describes the tool and every rule of the catalogue from its metadata", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    const { driver } = all[0]!.runs[0]!.tool;
    assert.equal(driver.name, "container-hardening");
    assert.equal(driver.version, version);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((rule) => rule.id), CATALOGUE.map((entry) => entry.meta.id));
    for (const [i, rule] of driver.rules.entries()) {
      const { meta } = CATALOGUE[i]!;
      assert.equal(rule.shortDescription.text, meta.title);
      assert.equal(rule.fullDescription.text, meta.description);
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]+$/);
      assert.ok(rule.help.text.includes(meta.remediation) && rule.help.markdown.includes(meta.remediation), rule.id);
      assert.ok(rule.help.markdown.includes(`docs/rules.md#${meta.id}`), rule.id);
      assert.equal(rule.helpUri, meta.references.find((reference) => reference.url)?.url);
      assert.ok(rule.properties.tags.includes("security"));
      const score = Number(rule.properties["security-severity"]);
      assert.ok({ low: score < 4, medium: score >= 4 && score < 7, high: score >= 7 && score < 9, critical: score >= 9 }[meta.severity], `${rule.id}: ${score} for ${meta.severity}`);
    }
    const privileged = driver.rules.find((rule) => rule.id === "no-privileged")!;
    assert.deepEqual(privileged.defaultConfiguration, { enabled: true, level: "warning" }, "the run's configuration made it advisory");
  });

  it("reports each finding at its rule, with the level of its enforcement, and unknown values as open", () => {
    for (const result of results) assert.equal(all.find((log) => log.runs[0]!.results.includes(result))!.runs[0]!.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
    const judged = results.filter((result) => !result.suppressions);
    for (const result of judged.filter((r) => r.kind === "fail")) assert.equal(result.level, result.properties.enforcement === "advisory" ? "warning" : "error");
    assert.ok(judged.some((result) => result.level === "warning") && judged.some((result) => result.level === "error"));
    const open = judged.filter((result) => result.properties.outcome === "unknown");
    assert.ok(open.length > 0);
    for (const result of open) assert.deepEqual([result.kind, result.level], ["open", "none"]);
  });

  it("locates findings by a path relative to the working directory, and the line when known", () => {
    const [user] = results.filter((result) => result.locations?.[0]?.physicalLocation.artifactLocation.uri === "test/fixtures/dockerfiles/user-0-0.Dockerfile");
    assert.deepEqual(user!.locations![0]!.physicalLocation, { artifactLocation: { uri: "test/fixtures/dockerfiles/user-0-0.Dockerfile", uriBaseId: "SRCROOT" }, region: { startLine: 2 } });
    assert.match(user!.message.text, /^Dockerfile: USER: The image runs as root/);
    const list = results.find((result) => result.locations?.[0]?.physicalLocation.artifactLocation.uri === "test/fixtures/manifests/list.json");
    assert.ok(list, "an item of a List is located in its file");
    assert.equal(all[0]!.runs[0]!.originalUriBaseIds.SRCROOT!.uri, `file://${root}/`);
  });

  it("reports exemptions as suppressed results with their reason, and unreadable inputs as failed execution", () => {
    const suppressed = results.filter((result) => result.suppressions);
    assert.deepEqual(
      suppressed.map((result) => [result.ruleId, result.suppressions]),
      [
        ["no-privileged", [{ kind: "external", status: "accepted", justification: "node agent, reviewed 2026-11" }]],
        ["no-host-path-volumes", [{ kind: "inSource", status: "accepted", justification: "log shipper" }]],
      ],
    );
    const invocation = all[2]!.runs[0]!.invocations[0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.exitCode, 2);
    assert.match(invocation.toolExecutionNotifications[0]!.message.text, /broken\.yaml:\d+:\d+: not valid YAML/);
    assert.equal(all[0]!.runs[0]!.invocations[0]!.executionSuccessful, true);
  });

  it("gives the column when the finding has one", () => {
    const object = {
      source: "k8s/app.yaml#2",
      file: "k8s/app.yaml",
      subject: "Pod p",
      target: { kind: "Pod", name: "p", labels: {}, annotations: {} },
      findings: [{ outcome: "violation" as const, path: "spec.hostPID", message: "m", rule: "no-host-namespaces", severity: "critical" as const, enforcement: "mandatory" as const, line: 7, column: 3 }],
      exemptions: [],
      notes: [],
    };
    const log = JSON.parse(sarifReport({ profile: "hardened", configuration: profileConfiguration("hardened"), objects: [object], errors: [], exitCode: 1 })) as Log;
    assert.deepEqual(validate(log), []);
    assert.deepEqual(log.runs[0]!.results[0]!.locations![0]!.physicalLocation.region, { startLine: 7, startColumn: 3 });
  });
});
