/**
 * What `pulumi policy publish` uploads and npm installs: the packed package. It must hold the compiled
 * pack and PulumiPolicy.yaml (Pulumi Cloud starts it from there with production dependencies only),
 * the shipped configs and every entry point, and none of the tests; and the pack must start from the
 * packed files alone.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { startPack } from "../../testing/index";

const root = join(__dirname, "..", "..", "..");
const work = mkdtempSync(join(tmpdir(), "container-hardening-package-"));

interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

// --ignore-scripts: the suite has just compiled dist/, so prepare need not run again.
const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root, encoding: "utf8" })) as PackResult[];
const files = new Set(packed!.files.map((file) => file.path));

describe("the npm package", () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it("holds the pack, its configs and every entry point of package.json", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { main: string; exports: Record<string, string>; bin: Record<string, string> };
    const needed = ["PulumiPolicy.yaml", "package.json", manifest.main, ...Object.values(manifest.exports), ...Object.values(manifest.bin), "policy-config/pss-baseline.json", "policy-config/pss-restricted.json", "policy-config/hardened.json"];
    assert.deepEqual(needed.map((file) => file.replace(/^\.\//, "")).filter((file) => !files.has(file)), []);
  });

  it("leaves out the tests, examples and scripts", () => {
    assert.deepEqual([...files].filter((file) => /^(dist\/)?(test|examples|scripts)\//.test(file)), []);
  });

  it("runs from the packed files alone: the pack, the checker and the library entries", async () => {
    execFileSync("tar", ["-xzf", join(work, packed!.filename), "-C", work]);
    const installed = join(work, "package");
    symlinkSync(join(root, "node_modules"), join(installed, "node_modules"));
    for (const entry of ["./rules", "./constructs", "./testing"]) {
      execFileSync(process.execPath, ["-e", `require(${JSON.stringify(join(installed, "dist", entry, "index.js"))})`], { cwd: installed });
    }
    const insecure = join(root, "test", "fixtures", "manifests", "insecure.yaml");
    const check = spawnSync(process.execPath, [join(installed, "dist", "checker", "cli.js"), "check", insecure], { encoding: "utf8" });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /\[no-privileged\]/);
    const pack = await startPack({ dir: installed });
    try {
      const { name, policies } = await pack.info();
      assert.equal(name, "container-hardening");
      assert.ok(policies.length > 20);
    } finally {
      await pack.stop();
    }
  });
});
