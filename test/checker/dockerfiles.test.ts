import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isDockerfileName } from "../../checker/dockerfiles";
import { runChecker } from "./run-checker";

const root = join(__dirname, "..", "..", "..");
const fixtures = join(root, "test", "fixtures", "dockerfiles");

const run = (args: string[]) => runChecker(args);

interface Report {
  objects: Array<{ subject: string; findings: Array<{ rule: string; path: string; line?: number; message: string }> }>;
}

function judged(args: string[]): Report["objects"] {
  return (JSON.parse(run(["check", "--format", "json", ...args]).stdout) as Report).objects;
}

describe("container-hardening check on Dockerfiles", () => {
  it("recognises Dockerfiles by name", () => {
    for (const name of ["Dockerfile", "dockerfile", "Dockerfile.prod", "Dockerfile.dev-alpine", "api.Dockerfile", "api.dockerfile", "Containerfile", "build.containerfile"]) assert.ok(isDockerfileName(name), name);
    for (const name of ["Dockerfile-notes.md", "Dockerfile.md", "dockerfile.ts", "dockerfile.test.js", "Dockerfile.yaml", "dockerfiles", "README.md", "Dockerfiles", ".Dockerfile", "Dockerfile.dockerignore", "Dockerfile.prod.dockerignore"]) assert.ok(!isDockerfileName(name), name);
  });

  it("fails a final stage that runs as root, at the line of its USER", () => {
    const result = run(["check", join(fixtures, "user-0-0.Dockerfile")]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /user-0-0\.Dockerfile:2: Dockerfile: USER: The image runs as root: .*user-0-0\.Dockerfile line 2 sets USER 0:0.* \[run-as-non-root\]/);
    assert.doesNotMatch(result.stdout, /stage/, "a Dockerfile of one stage is called by its name");
  });

  it("names the stage of a Dockerfile with several, BuildKit's name for an unnamed one included", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-stages-"));
    const file = join(dir, "Dockerfile");
    writeFileSync(file, "FROM alpine:3.20\nUSER 10001\nFROM alpine:3.20\nUSER 0\n");
    const [object] = judged([file]);
    assert.equal(object!.subject, "Dockerfile (final stage)");
    assert.match(object!.findings[0]!.message, /Dockerfile line 4 \(stage "stage-1"\) sets USER 0, the last USER of the stage that is built, .*End the stage with/);
    writeFileSync(file, "FROM alpine:3.20\n");
    assert.match(judged([file])[0]!.findings[0]!.message, /^.*Dockerfile sets no USER, so the image runs as the user of its base image alpine:3\.20, .*End the Dockerfile with USER 10001/);
  });

  it("fails a final stage with no USER at the line of its FROM", () => {
    const [object] = judged([join(fixtures, "no-user.Dockerfile")]);
    assert.deepEqual(object!.findings.map((f) => [f.rule, f.path, f.line]), [["run-as-non-root", "FROM", 1]]);
    assert.match(object!.findings[0]!.message, /base image nginx:1\.27/);
  });

  it("passes a multi-stage build whose final stage is non-root, at every profile that has the rule", () => {
    for (const profile of ["pss-restricted", "hardened"]) {
      const result = run(["check", "--profile", profile, join(fixtures, "multi-stage-non-root.Dockerfile")]);
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stdout, /^1 Dockerfile checked against .*: 0 findings\.$/m);
    }
    assert.equal(run(["check", "--profile", "pss-baseline", join(fixtures, "user-0-0.Dockerfile")]).code, 0, "run-as-non-root is not a baseline rule");
  });

  it("builds the stage --target names, with --build-arg values", () => {
    const targets = join(fixtures, "targets.Dockerfile");
    assert.deepEqual(judged(["--target", "release", targets]).map((o) => [o.subject, o.findings.length]), [["Dockerfile (stage release)", 0]]);
    const debug = judged(["--target", "DEBUG", targets])[0]!;
    assert.deepEqual(debug.findings.map((f) => [f.path, f.line]), [["USER", 5]]);
    const missing = judged(["--target", "nope", targets])[0]!;
    assert.deepEqual(missing.findings.map((f) => f.path), ["--target"]);
    assert.match(missing.findings[0]!.message, /stages: base, debug, release, tests/);
    const argUser = join(fixtures, "arg-user.Dockerfile");
    assert.equal(run(["check", argUser]).code, 1, "ARG U=0 makes USER ${U} root");
    assert.equal(run(["check", "--build-arg", "U=10001", argUser]).code, 0);
    assert.equal(run(["check", "--build-arg", "U=root", argUser]).code, 1);
    assert.match(run(["check", "--build-arg", "U", argUser]).stderr, /--build-arg must be <name>=<value>/);
  });

  it("refuses a Dockerfile BuildKit would refuse with exit code 2, naming file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-dockerfile-"));
    writeFileSync(join(dir, "Dockerfile"), "# comment\nRUN echo no base\nFROM alpine\n");
    const result = run(["check", dir]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Dockerfile:2: not a valid Dockerfile \(only ARG may come before the first FROM, not RUN\)/);
  });
});
