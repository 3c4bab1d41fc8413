/**
 * `container-hardening check <dir>` over a repository as people have them (test/fixtures/repository):
 * another tool's YAML and JSON (tsconfig.json with comments, Grafana provisioning with `apiVersion:
 * 1`, package.json, a GitHub workflow, invalid YAML) is skipped and counted, a .gitignored
 * directory and file and an --exclude'd one are not read, a Helm chart is not parsed but named with
 * how to render it, and the real insecure Deployment and Compose file are judged.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runChecker } from "./run-checker";

const root = join(__dirname, "..", "..", "..");
const repository = join("test", "fixtures", "repository");

const run = (args: string[]) => runChecker(["check", ...args], { cwd: root });

interface Report {
  errors: string[];
  skipped: string[];
  charts: string[];
  objects: Array<{ source: string; subject: string; findings: Array<{ rule: string }> }>;
}

const at = (path: string) => join(repository, path);

const SKIPPED = [
  at(".github/workflows/ci.yaml"),
  `${at("broken.yaml")} (not valid YAML or JSON)`,
  at("grafana/provisioning/datasources/prometheus.yaml"),
  at("package.json"),
  `${at("tsconfig.json")} (not valid YAML or JSON)`,
];

describe("container-hardening check on a repository", () => {
  it("judges the Deployment and the Compose file, skips and counts the rest, and leaves out ignored and excluded paths", () => {
    const json = run(["--format", "json", "--exclude", "vendor/", repository]);
    assert.equal(json.code, 1, json.stderr);
    assert.equal(json.stderr, "");
    const report = JSON.parse(json.stdout) as Report;
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.skipped, SKIPPED);
    assert.deepEqual(report.charts, [at("chart")]);
    assert.deepEqual(report.objects.map((object) => [object.source, object.subject, object.findings.length]), [
      [at("compose.yaml"), "Compose service worker", 8],
      [at("deploy/deployment.yaml"), "Deployment shop/web", 9],
    ]);

    const text = run(["--exclude", "vendor/", repository]);
    assert.equal(text.code, 1);
    assert.equal(text.stderr, "");
    const lines = text.stdout.trimEnd().split("\n");
    assert.equal(lines.at(-2), `container-hardening: note: ${at("chart")} is a Helm chart: its templates are not manifests until rendered; check what it renders with \`helm template ${at("chart")} | container-hardening check -\` (with your values: -f values.yaml).`);
    assert.equal(lines.at(-1), `1 Kubernetes object and 1 Compose service checked against hardened: 17 findings; 5 skipped, neither Kubernetes objects nor Compose files (${SKIPPED.slice(0, 3).join(", ")}, ...); 1 Helm chart not rendered.`);
    assert.ok(!text.stdout.includes("ignored/") && !text.stdout.includes("scratch.local.yaml"), "the .gitignored directory and file are not read");
    assert.doesNotMatch(text.stdout, /\{\{|templates\/deployment\.yaml/, "the chart's templates are not parsed");
  });

  it("reads what --exclude does not exclude, and more patterns exclude more", () => {
    const all = JSON.parse(run(["--format", "json", repository]).stdout) as Report;
    assert.deepEqual(all.objects.map((object) => object.source), [at("compose.yaml"), at("deploy/deployment.yaml"), at("vendor/insecure.yaml")]);
    const fewer = JSON.parse(run(["--format", "json", "--exclude", "vendor", "--exclude", "/compose.yaml", "--exclude", "**/datasources/", repository]).stdout) as Report;
    assert.deepEqual(fewer.objects.map((object) => object.source), [at("deploy/deployment.yaml")]);
    assert.deepEqual(fewer.skipped, SKIPPED.filter((file) => !file.includes("grafana")));
  });

  it("refuses only what is named (another tool's file, invalid YAML, a chart or its template), and reads what is named although ignored", () => {
    const tsconfig = run([at("tsconfig.json")]);
    assert.equal(tsconfig.code, 2);
    assert.match(tsconfig.stderr, /tsconfig\.json:3:20: not valid YAML/);
    const grafana = run([at("grafana/provisioning/datasources/prometheus.yaml")]);
    assert.equal(grafana.code, 2);
    assert.match(grafana.stderr, /prometheus\.yaml: not a Kubernetes object \(it has no kind\)/);
    const chart = run([at("chart")]);
    assert.equal(chart.code, 2);
    assert.match(chart.stderr, /chart is a Helm chart: .*`helm template test\/fixtures\/repository\/chart \| container-hardening check -`/);
    assert.equal(run([at("chart/templates/deployment.yaml")]).code, 2);
    // Named, an ignored file or directory is read: the command line says what to check.
    for (const [named, subject] of [[at("ignored/insecure.yaml"), "Pod experiment"], [at("ignored"), "Pod experiment"], [at("rendered"), "Pod rendered"]] as const) {
      const ignored = run(["--format", "json", named]);
      assert.deepEqual((JSON.parse(ignored.stdout) as Report).objects.map((object) => object.subject), [subject], named);
    }
  });
});
