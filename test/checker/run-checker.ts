/** Runs the built checker as a user does: a separate node process, its exit code and both streams. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const root = join(__dirname, "..", "..", "..");
const bin = join(root, "dist", "checker", "cli.js");

export function runChecker(args: string[], options: { input?: string; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { input: options.input, cwd: options.cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
