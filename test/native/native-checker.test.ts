/**
 * The native binary (native/, dist/native/container-hardening) is the Node checker's own code on
 * another engine (QuickJS) and host: it must answer every command line exactly as the Node checker
 * does (exit code, standard output, standard error, byte for byte). Here on every command-line
 * shape and fixture, and on generated inputs of every kind the checker reads: quirky Pod YAML,
 * workloads of every kind, arbitrary YAML streams, Compose files and Compose projects, and bytes
 * that are not UTF-8. (Every test that runs the checker through runChecker compares the two too.)
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { PROFILES } from "../../rules/profiles";
import { root, runChecker, runNative, type CheckerRun } from "../checker/run-checker";
import { streamArbitrary } from "../decoding/yaml-generator";
import { composeYamlArbitrary, composeYamlText } from "../fuzz/compose-yaml-generator";
import { projectFiles, projectPlanArbitrary } from "../fuzz/compose-project-generator";
import { livePods, textOf } from "../fuzz/live-differential";
import { workloadArbitrary } from "../fuzz/pod-generator";
import { quirkySpelling, toYamlText } from "../fuzz/yaml-text";

const fixtures = join(root, "test", "fixtures");

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** A new directory holding `files` (relative path to content). */
function corpus(name: string, files: Iterable<[string, string | Uint8Array]>): string {
  const directory = mkdtempSync(join(tmpdir(), `native-${name}-`));
  for (const [path, content] of files) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), content);
  }
  return directory;
}

/**
 * Both checkers on the whole directory at once (or on its files named one by one, so that what is
 * not a manifest is refused rather than skipped); when they differ, on each file alone, so that the
 * failure names the first input they disagree on.
 */
function assertSameOnCorpus(directory: string, args: string[] = ["--format", "json"], { named = false } = {}): CheckerRun {
  let node: CheckerRun;
  try {
    node = runChecker(["check", ...args, ...(named ? filesUnder(directory).sort() : [directory])]);
  } catch (whole) {
    for (const file of filesUnder(directory).sort()) runChecker(["check", ...args, file]);
    throw whole;
  }
  return node;
}

describe("the native binary answers as the Node checker", () => {
  it("on every fixture, alone and together, in every format and profile", () => {
    for (const file of filesUnder(fixtures)) runChecker(["check", file]);
    for (const format of ["text", "json", "sarif"]) runChecker(["check", "--format", format, fixtures]);
    for (const profile of PROFILES) runChecker(["check", "--profile", profile, "--format", "json", fixtures]);
  });

  it("on every option and every way a command line goes wrong", () => {
    const manifests = join(fixtures, "manifests");
    const dockerfiles = join(fixtures, "dockerfiles");
    const cases: string[][] = [
      [],
      ["--version"],
      ["--help"],
      ["check"],
      ["check", "--bogus", manifests],
      ["lint", manifests],
      ["check", "--profile", "strict", manifests],
      ["check", "--format", "xml", manifests],
      ["check", "--fail-on", "severe", manifests],
      ["check", "--minimum-id", "0", manifests],
      ["check", "--allowed-host-path", "relative", manifests],
      ["check", "--build-arg", "=x", dockerfiles],
      ["check", "--config", join(root, "no-such-config.json"), manifests],
      ["check", "--config", join(fixtures, "repository", "tsconfig.json"), manifests],
      ["check", "--config", join(root, "policy-config", "hardened.json"), manifests],
      ["check", "--minimum-id", "1000", "--allowed-host-path", "/var/log", manifests],
      ["check", "--target", "build", "--build-arg", "USER=root", dockerfiles],
      ["check", "--target", "no-such-stage", dockerfiles],
      ...["any", "advisory", "mandatory", "low", "medium", "high", "critical"].map((level) => ["check", "--fail-on", level, fixtures]),
      ["check", "--exclude", "*.yaml", "--exclude", "!deploy/**", join(fixtures, "repository")],
      ["check", "--skip-other-documents", join(fixtures, "repository", "package.json"), join(fixtures, "repository", "tsconfig.json")],
      ["check", join(fixtures, "repository", "package.json")],
      ["check", join(fixtures, "repository", "chart")],
      ["check", join(root, "no-such-file.yaml")],
      ["admission"],
      ["admission", "--profile", "pss-restricted", "--name-prefix", "team-a"],
      ["admission", "--config", join(root, "policy-config", "pss-baseline.json")],
      ["admission", "--bogus"],
      ["admission", "stray"],
    ];
    for (const args of cases) runChecker(args);
  });

  it("on standard input, helm's # Source comments included, and from another working directory", () => {
    const rendered = "---\n# Source: app/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: c\n      image: i\n      securityContext: { privileged: true }\n";
    for (const format of ["text", "json", "sarif"]) runChecker(["check", "--format", format, "-"], { input: rendered });
    runChecker(["check", "-"], { input: "services:\n  web: { image: i, privileged: true }\n" });
    runChecker(["check", "-"], { input: "\u00ff\u0000not yaml: [" });
    runChecker(["check", "--format", "sarif", "manifests", "compose/insecure"], { cwd: fixtures });
  });

  it("on 600 generated Pods written as quirky YAML (merge keys, YAML 1.1 scalars, duplicate keys)", () => {
    const texts = livePods(20261202, 600).map((sample, i): [string, string] => [`pod-${i}.yaml`, textOf(sample, i % 3 !== 0)]);
    const result = assertSameOnCorpus(corpus("pods", texts));
    assert.equal(JSON.parse(result.stdout).objects.length, 600);
  });

  it("on 400 generated workloads of every kind, in text and JSON", () => {
    const workloads = fc.sample(fc.tuple(workloadArbitrary, fc.nat()), { seed: 7, numRuns: 400 });
    const directory = corpus("workloads", workloads.map(([object, seed], i): [string, string] => [`workload-${i}.yaml`, toYamlText(object as Parameters<typeof toYamlText>[0], quirkySpelling(seed))]));
    assertSameOnCorpus(directory);
    assertSameOnCorpus(directory, ["--format", "text", "--profile", "pss-restricted"]);
  });

  it("on 600 arbitrary YAML streams, refusals and duplicate-key warnings included", () => {
    const streams = fc.sample(streamArbitrary, { seed: 11, numRuns: 600 });
    const result = assertSameOnCorpus(corpus("streams", streams.map((stream, i): [string, string] => [`stream-${i}.yaml`, stream.text])), ["--format", "json"], { named: true });
    assert.ok(JSON.parse(result.stdout).errors.length > 0, "some streams are refused, so refusals are compared too");
  });

  it("on 600 generated Compose files and 150 Compose projects (override files, extends, include, .env)", () => {
    const texts = fc.sample(composeYamlArbitrary, { seed: 13, numRuns: 600 }).map((generated, i): [string, string] => [`compose-${i}/compose.yaml`, composeYamlText(generated)]);
    assertSameOnCorpus(corpus("compose", texts));
    const projects = fc.sample(projectPlanArbitrary, { seed: 17, numRuns: 150 }).flatMap((plan, i) => [...projectFiles(plan)].map(([path, text]): [string, string] => [`project-${i}/${path}`, text]));
    assertSameOnCorpus(corpus("projects", projects), ["--format", "text"]);
  });

  it("on bytes that are not UTF-8 and on characters outside the Basic Multilingual Plane", () => {
    const random = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 200 }), { seed: 19, numRuns: 200 });
    const manifest = (name: string) => Buffer.from(`apiVersion: v1\nkind: Pod\nmetadata: { name: "${name}" }\nspec: { containers: [{ name: c, image: i }] }\n`, "utf8");
    const files: Array<[string, Uint8Array]> = [
      ...random.map((bytes, i): [string, Uint8Array] => [`random-${i}.yaml`, bytes]),
      ["invalid-utf8.yaml", Buffer.concat([manifest("p\u00e9"), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80, 0x0a])])],
      ["astral.yaml", manifest("\u{1f600}-\u6f22")],
      ["escaped-surrogate.yaml", manifest("\\ud800")],
    ];
    assertSameOnCorpus(corpus("bytes", files), ["--format", "text"], { named: true });
  });

  // The one known difference: V8's stack lets the Node checker decode about 2,000 levels of nesting
  // (beyond, it refuses the file, saying so); the native binary's engine runs on a 512 MiB stack and
  // decodes up to kubectl's own limit of 10000, as kubectl does.
  it("decodes nesting deeper than the Node checker can, up to kubectl's 10000 levels, and refuses beyond", () => {
    const nested = (depth: number) => `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: i }]\n  x: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
    const dir = corpus("nesting", [["deep.yaml", nested(5000)], ["too-deep.yaml", nested(10001)]]);
    const deep = runNative(["check", "--format", "json", join(dir, "deep.yaml")]);
    assert.deepEqual(JSON.parse(deep.stdout).objects.map((object: { subject: string }) => object.subject), ["Pod p"]);
    assert.equal(deep.code, 1, "judged: it has findings");
    const tooDeep = runNative(["check", join(dir, "too-deep.yaml")]);
    assert.equal(tooDeep.code, 2);
    assert.match(tooDeep.stderr, /exceeded max depth of 10000/);
  });
});
