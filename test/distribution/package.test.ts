/**
 * What `pulumi policy publish` uploads and npm installs: the packed package. It must hold the compiled
 * pack and PulumiPolicy.yaml (Pulumi starts it from there, after a plain `npm install` in it: see
 * lean-install.test.ts), the shipped configs and every entry point, and none of the tests; and the
 * pack must start from the packed files alone.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { startPack } from "../../testing/index";
import { packProject, projectRoot as root } from "../helpers/packed";

const work = mkdtempSync(join(tmpdir(), "container-hardening-package-"));
const { tarball, files } = packProject(work);

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
    execFileSync("tar", ["-xzf", tarball, "-C", work]);
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

  it("composes into an organisation's own pack through container-hardening/policies", async () => {
    // The organisation's pack depends on the package as npm installs it (the packed files above).
    const acme = join(work, "acme-pack");
    mkdirSync(join(acme, "node_modules"), { recursive: true });
    symlinkSync(join(work, "package"), join(acme, "node_modules", "container-hardening"));
    symlinkSync(join(root, "node_modules", "@pulumi"), join(acme, "node_modules", "@pulumi"));
    writeFileSync(join(acme, "package.json"), JSON.stringify({ name: "acme-pack", version: "1.0.0", main: "index.js" }));
    writeFileSync(join(acme, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    writeFileSync(
      join(acme, "index.js"),
      `const { PolicyPack } = require("@pulumi/policy");
const { hardeningPolicies } = require("container-hardening/policies");
const noLatest = {
  name: "acme-no-latest-tag",
  description: "Images are pinned.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    for (const c of args.props.spec?.template?.spec?.containers ?? []) if (String(c.image).endsWith(":latest")) report(c.name + " uses :latest");
  },
};
new PolicyPack("acme", { policies: [...hardeningPolicies({ profile: "pss-restricted" }), noLatest] });
`,
    );
    const pack = await startPack({ dir: acme });
    try {
      await pack.configure({});
      const deployment = { metadata: { name: "web", namespace: "shop" }, spec: { selector: {}, template: { spec: { containers: [{ name: "app", image: "nginx:latest" }] } } } };
      const diagnostics = await pack.analyze({ type: "kubernetes:apps/v1:Deployment", name: "web", props: deployment });
      const levels = new Map(diagnostics.map((d) => [d.policyName, d.enforcementLevel]));
      assert.equal(levels.get("acme-no-latest-tag"), "mandatory", "the organisation's own policy runs");
      assert.equal(levels.get("drop-all-capabilities"), "mandatory", "our restricted rules run, mandatory");
      assert.equal(levels.get("run-as-non-root"), "mandatory");
      assert.ok(!levels.has("read-only-root-filesystem"), "the profile leaves the extra hardening rules disabled");
      assert.ok(diagnostics.every((d) => d.policyPackName === "acme"));
    } finally {
      await pack.stop();
    }
  });
});
