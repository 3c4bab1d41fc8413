/**
 * The baseline pack of the benchmarks: one policy that does nothing, on this repository's
 * node_modules, so that a ratio against it is the cost of our policies alone (the SDK's request
 * handling, deserialization and gRPC are in both). Written under .bench/ (ignored by git) so that
 * Node resolves @pulumi/policy from the repository.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");

/** The directory of the no-op pack, written when missing. */
export function noopPackDir(): string {
  const dir = join(root, ".bench", "noop-pack");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "noop-pack", version: "0.0.1", main: "index.js" }));
  writeFileSync(join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  writeFileSync(
    join(dir, "index.js"),
    `const { PolicyPack } = require("@pulumi/policy");\nnew PolicyPack("noop", { policies: [{ name: "noop", description: "does nothing", enforcementLevel: "advisory", validateResource: () => {} }] });\n`,
  );
  return dir;
}
