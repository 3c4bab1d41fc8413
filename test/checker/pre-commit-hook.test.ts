import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { isDockerfileName } from "../../checker/dockerfiles";
import { MANIFEST_FILE } from "../../checker/repository-walk";
import { root, runChecker } from "./run-checker";

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  require_serial?: boolean;
}

const hooks = parse(readFileSync(join(root, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: Record<string, string> };

const NAMES = [
  "deploy.yaml", "k8s/app.YML", "dist/chart.k8s.json", "compose.yaml", "docker-compose.override.yml", ".pre-commit-config.yaml", "package.json",
  "Dockerfile", "app/dockerfile", "DOCKERFILE", "Containerfile", "api.Dockerfile", "api.dockerfile", "build.containerfile", "Dockerfile.prod", "app/Dockerfile.dev-alpine", "Containerfile.release",
  "Dockerfile.md", "Dockerfile.prod.md", "Dockerfile.ts", "dockerfile.test.js", "dockerfile.prod", "Dockerfile-notes.md", ".Dockerfile", "Dockerfiles", "dockerfiles/README.md", "main.go", "values.yaml.tpl", "yaml", "app.yaml/readme.txt",
];

/** The names pre-commit would pass: its `files` pattern is Python's, matched with re.search. */
function selectedByPreCommit(pattern: string, names: string[]): boolean[] {
  const python = spawnSync("python3", ["-c", "import json, re, sys; pattern, names = json.load(sys.stdin); print(json.dumps([bool(re.search(pattern, n)) for n in names]))"], { input: JSON.stringify([pattern, names]), encoding: "utf8" });
  assert.equal(python.status, 0, python.stderr);
  return JSON.parse(python.stdout) as boolean[];
}

describe(".pre-commit-hooks.yaml", () => {
  it("declares one node hook that runs the package's command", () => {
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook!.id, "container-hardening");
    assert.equal(hook!.language, "node");
    assert.equal(hook!.require_serial, true, "so that an override file meets its base in one run");
    const [command, subcommand] = hook!.entry.split(" ");
    assert.ok(command! in pkg.bin, `${command} is the package's bin`);
    assert.equal(subcommand, "check");
  });

  it("selects exactly the files the checker reads", () => {
    const selected = selectedByPreCommit(hooks[0]!.files, NAMES);
    const read = NAMES.map((name) => isDockerfileName(basename(name)) || MANIFEST_FILE.test(name));
    assert.deepEqual(Object.fromEntries(NAMES.map((name, i) => [name, selected[i]])), Object.fromEntries(NAMES.map((name, i) => [name, read[i]])));
    assert.ok(selected.filter(Boolean).length >= 15, "the list has names of every kind");
  });

  it("runs as pre-commit runs it, every file named, other YAML and JSON skipped", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-pre-commit-"));
    const files = [join(dir, "package.json"), join(dir, ".pre-commit-config.yaml"), join(dir, "secure.yaml"), join(dir, "compose.yaml"), join(dir, "Dockerfile")];
    writeFileSync(files[0]!, JSON.stringify({ name: "app", version: "1.0.0" }));
    writeFileSync(files[1]!, "repos:\n  - repo: local\n    hooks: []\n");
    copyFileSync(join(root, "test", "fixtures", "manifests", "secure.yaml"), files[2]!);
    writeFileSync(files[3]!, "services:\n  web:\n    image: nginx\n    privileged: true\n");
    writeFileSync(files[4]!, "FROM alpine:3.20\nUSER 10001\n");
    const [, ...args] = hooks[0]!.entry.split(" ");
    const result = runChecker([...args, ...files]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^2 Kubernetes objects, 1 Compose service and 1 Dockerfile checked against hardened: \d+ findings; 2 skipped, neither Kubernetes objects nor Compose files/m);
    assert.equal(result.stderr, "");
    assert.equal(runChecker(["check", files[0]!]).code, 2, "without the option a named file that is no manifest is refused");
  });
});
