import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CATALOGUE } from "../../rules/catalogue";
import { PROFILES } from "../../rules/profiles";
import { schemaValidator } from "../helpers/json-schema";
import { root, runChecker } from "./run-checker";

const fixtures = join(root, "test", "fixtures");
const schema = JSON.parse(readFileSync(join(root, "docs", "checker-output.schema.json"), "utf8"));
const validate = schemaValidator(schema);

interface Report {
  errors: string[];
  objects: Array<{ file: string; source: string; target: { namespace?: string }; exemptions: unknown[]; findings: Array<{ rule: string; outcome: string; line?: number }> }>;
}

/** Real reports of every kind of input, with every optional field of the schema present somewhere. */
function reports(): Report[] {
  const dir = mkdtempSync(join(tmpdir(), "checker-json-"));
  writeFileSync(join(dir, "exempt.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: { name: p, annotations: { container-hardening.io/exempt: no-host-path-volumes, container-hardening.io/exempt-reason: log shipper } }\nspec: { containers: [{ name: c, image: i }], volumes: [{ name: l, hostPath: { path: /var/log/pods } }] }\n");
  writeFileSync(join(dir, "broken.yaml"), "kind: Pod\nspec: [\n");
  writeFileSync(join(dir, "package.json"), "{}\n");
  const runs = [
    runChecker(["check", "--format", "json", join(fixtures, "manifests"), join(fixtures, "dockerfiles")]),
    runChecker(["check", "--format", "json", join(fixtures, "compose", "insecure"), join(fixtures, "compose", "project")]),
    // Named, a file that cannot be read is an error; found in the directory, it would be skipped.
    runChecker(["check", "--format", "json", join(dir, "exempt.yaml"), join(dir, "package.json"), join(dir, "broken.yaml")]),
    runChecker(["check", "--format", "json", "-"], { input: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n" }),
  ];
  assert.deepEqual(runs.map((run) => run.code), [1, 1, 2, 0]);
  return runs.map((run) => JSON.parse(run.stdout) as Report);
}

describe("the checker's JSON output and its schema, docs/checker-output.schema.json", () => {
  const all = reports();

  it("validates every real report", () => {
    for (const report of all) assert.deepEqual(validate(report), []);
    const findings = all.flatMap((report) => report.objects.flatMap((object) => object.findings));
    // The optional parts were there to be validated.
    assert.ok(findings.some((finding) => finding.outcome === "unknown"));
    assert.ok(findings.some((finding) => finding.line !== undefined));
    assert.ok(all.some((report) => report.errors.length > 0));
    assert.ok(all.some((report) => report.objects.some((object) => object.exemptions.length > 0 && object.target.namespace === undefined)));
    assert.ok(all.some((report) => report.objects.some((object) => object.target.namespace !== undefined)));
    assert.ok(findings.every((finding) => CATALOGUE.some((entry) => entry.meta.id === finding.rule)));
  });

  it("names each object's file apart from its source", () => {
    const [manifests] = all;
    const list = manifests!.objects.find((object) => object.source.endsWith("list.json items[1]"))!;
    assert.equal(list.file, join(fixtures, "manifests", "list.json"));
    assert.equal(all[3]!.objects[0]!.file, "<stdin>");
  });

  it("refuses what the checker does not write, so that it can fail", () => {
    const report = structuredClone(all[0]!) as unknown as { objects: Array<{ findings: Array<Record<string, unknown>> }> };
    const finding = report.objects.find((object) => object.findings.length > 0)!.findings[0]!;
    delete finding.rule;
    assert.match(validate(report).join("\n"), /should have required property 'rule'/);
    finding.rule = "no-privileged";
    finding.severity = "severe";
    assert.match(validate(report).join("\n"), /severity should be equal to one of the allowed values/);
  });

  it("lists the profiles the checker takes", () => {
    assert.deepEqual(schema.properties.profile.enum, [...PROFILES]);
  });
});
