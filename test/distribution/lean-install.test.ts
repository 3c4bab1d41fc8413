/**
 * `npx container-hardening check` installs the package as a dependency: npm brings its
 * `dependencies` and its non-optional peer dependencies, never its devDependencies. The checker only
 * reads files, so that install must stay a handful of packages, without Pulumi, gRPC or cdk8s
 * (issue 15: it was 228 packages, 99 MB). The policy pack still gets them: Pulumi installs a
 * published pack by running `npm install` (without --production) in the unpacked package, which
 * also installs devDependencies (pulumi-language-nodejs InstallDependencies) and runs the package's
 * `prepare` script there.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { packProject, projectRoot } from "../helpers/packed";

/** The most packages the checker's install may hold: the package itself and its YAML reader. */
const MOST_PACKAGES = 3;

const work = mkdtempSync(join(tmpdir(), "container-hardening-lean-"));
const { tarball } = packProject(work);

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", [...args, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
}

/** Every package folder under node_modules, scoped ones as @scope/name. */
function installedPackages(nodeModules: string): string[] {
  return readdirSync(nodeModules)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => (name.startsWith("@") ? readdirSync(join(nodeModules, name)).map((scoped) => `${name}/${scoped}`) : [name]));
}

/** The packages a compiled file loads by name (not by relative path), without node: built-ins. */
function bareImports(file: string): string[] {
  const names = [...readFileSync(file, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)].map((match) => match[1]!);
  return names.filter((name) => !name.startsWith("node:")).map((name) => name.split("/").slice(0, name.startsWith("@") ? 2 : 1).join("/"));
}

function compiledFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => join(dir, file));
}

describe("installing the package", () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it("as npx does brings only the checker's few packages, and the checker runs from them", () => {
    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    npm(["install", "--ignore-scripts", tarball], app);
    const packages = installedPackages(join(app, "node_modules"));
    assert.ok(packages.length <= MOST_PACKAGES, `installed ${packages.length} packages: ${packages.join(", ")}`);
    assert.deepEqual(packages.filter((name) => /^(@pulumi|@grpc|cdk8s|constructs|google-protobuf)/.test(name)), []);

    const cli = join(app, "node_modules", ".bin", "container-hardening");
    const insecure = spawnSync(cli, ["check", join(projectRoot, "test", "fixtures", "manifests", "insecure.yaml")], { encoding: "utf8" });
    assert.equal(insecure.status, 1, insecure.stderr);
    assert.match(insecure.stdout, /\[no-privileged\]/);
    const secure = spawnSync(cli, ["check", "--profile", "pss-restricted", join(projectRoot, "test", "fixtures", "manifests", "secure.yaml")], { encoding: "utf8" });
    assert.equal(secure.status, 0, secure.stdout + secure.stderr);
  });

  it("as Pulumi installs a published pack resolves every package the pack loads", () => {
    execFileSync("tar", ["-xzf", tarball, "-C", work]);
    const pack = join(work, "package");
    // The same resolution as Pulumi's `npm install` in the pack, without downloading the packages.
    npm(["install", "--package-lock-only", "--ignore-scripts"], pack);
    const lock = JSON.parse(readFileSync(join(pack, "package-lock.json"), "utf8")) as { packages: Record<string, { optional?: boolean }> };
    const loaded = new Set(compiledFiles(join(pack, "dist", "policypack")).flatMap(bareImports));
    assert.ok(loaded.has("@pulumi/policy"), "the pack loads @pulumi/policy");
    const unresolved = [...loaded].filter((name) => lock.packages[`node_modules/${name}`] === undefined || lock.packages[`node_modules/${name}`]!.optional === true);
    assert.deepEqual(unresolved, []);
  });

  it("as Pulumi installs a published pack keeps the compiled pack: prepare builds only where the sources are", () => {
    const pack = join(work, "package");
    execFileSync("npm", ["run", "prepare"], { cwd: pack, encoding: "utf8" });
    assert.ok(existsSync(join(pack, "dist", "policypack", "index.js")), "npm install ran prepare, which removed the compiled pack");
  });
});
