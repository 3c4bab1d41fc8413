/**
 * What the checker loads to start: its start-up is most of its time on a small file, and loading
 * Pulumi, gRPC or cdk8s (which it never needs) or the yaml package (which only Compose files need)
 * would double it.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";

const root = join(__dirname, "..", "..", "..");
const cli = join(root, "dist", "checker", "cli.js");
const fixtures = join(root, "test", "fixtures");

/** The packages (under node_modules) that a run of `check <file>` has loaded by the time it ends. */
function packagesLoaded(file: string): string[] {
  const program = `
process.argv = [process.argv[0], "cli", "check", ${JSON.stringify(file)}];
const { main } = require(${JSON.stringify(cli)});
main(process.argv.slice(2));
const names = Object.keys(require.cache).flatMap((path) => /node_modules\\/((@[^/]+\\/)?[^/]+)\\//.exec(path)?.[1] ?? []);
console.log(JSON.stringify([...new Set(names)].sort()));`;
  const output = execFileSync(process.execPath, ["-e", program], { encoding: "utf8" });
  // The report comes first; the last line is the list.
  return JSON.parse(output.trimEnd().split("\n").at(-1)!) as string[];
}

describe("the checker's start-up", () => {
  it("loads no package for Kubernetes manifests: not Pulumi, gRPC, cdk8s, nor the yaml package", () => {
    assert.deepEqual(packagesLoaded(join(fixtures, "manifests", "insecure.yaml")), []);
  });

  it("loads the yaml package once a Compose file needs it", () => {
    assert.deepEqual(packagesLoaded(join(fixtures, "compose", "insecure", "docker-compose.yml")), ["yaml"]);
  });
});
