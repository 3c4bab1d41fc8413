import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { root, runChecker } from "./run-checker";

const fixtures = join(root, "test", "fixtures");

describe("the checker's text output", () => {
  it("ends with the findings counted by rule, each with the objects it found them in", () => {
    const result = runChecker(["check", "--profile", "pss-baseline", join(fixtures, "manifests", "insecure.yaml"), join(fixtures, "dockerfiles", "no-user.Dockerfile")]);
    assert.equal(result.code, 1, result.stderr);
    const tail = result.stdout.slice(result.stdout.indexOf("Findings by rule:"));
    assert.equal(
      tail,
      [
        "Findings by rule:",
        "  no-privileged: 1 finding in 1 Kubernetes object",
        "  no-host-namespaces: 1 finding in 1 Kubernetes object",
        "  no-host-path-volumes: 1 finding in 1 Kubernetes object",
        "",
        "1 Kubernetes object and 1 Dockerfile checked against pss-baseline: 3 findings.",
        "",
      ].join("\n"),
    );
  });

  it("counts several findings of a rule across objects of different families", () => {
    const result = runChecker(["check", join(fixtures, "manifests", "insecure.yaml"), join(fixtures, "dockerfiles", "no-user.Dockerfile"), join(fixtures, "dockerfiles", "user-0-0.Dockerfile")]);
    assert.match(result.stdout, /^ {2}run-as-non-root: 3 findings in 1 Kubernetes object and 2 Dockerfiles$/m);
    assert.match(result.stdout, /^1 Kubernetes object and 2 Dockerfiles checked against hardened: \d+ findings\.$/m);
  });

  it("says nothing by rule when nothing was found, and counts in the singular when there is one", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-text-"));
    const broken = join(mkdtempSync(join(tmpdir(), "checker-text-")), "broken.yaml");
    writeFileSync(broken, "kind: Pod\nspec: [\n");
    writeFileSync(join(dir, "other.yaml"), "just: data\n");
    const result = runChecker(["check", dir, broken]);
    assert.equal(result.code, 2);
    assert.doesNotMatch(result.stdout, /Findings by rule/);
    assert.equal(result.stdout, `0 objects checked against hardened: 0 findings, 1 unreadable input; 1 skipped, neither Kubernetes objects nor Compose files (${join(dir, "other.yaml")}).\n`);
  });
});

describe("container-hardening --version", () => {
  it("prints the package's version and exits 0", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    const result = runChecker(["--version"]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `${version}\n`);
    assert.equal(runChecker(["check", "--version"]).stdout, `${version}\n`, "whatever else the command line says");
  });
});
