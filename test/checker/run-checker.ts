/**
 * Runs the built checker as a user does: a separate node process, its exit code and both streams.
 * The native binary (dist/native, built by `npm test` through scripts/build-native.ts) is run the
 * same way on every call, and must answer exactly the same.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const root = join(__dirname, "..", "..", "..");
const bin = join(root, "dist", "checker", "cli.js");
const NATIVE_BINARY = join(root, "dist", "native", "container-hardening");

export interface CheckerRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  cwd?: string;
}

function run(command: string, args: string[], options: RunOptions): CheckerRun {
  const result = spawnSync(command, args, { input: options.input, cwd: options.cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} could not be run (${result.error.message}); npm test builds it with scripts/build-native.ts`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The native binary's answer alone. */
export function runNative(args: string[], options: RunOptions = {}): CheckerRun {
  return run(NATIVE_BINARY, args, options);
}

/** The Node checker's answer, once the native binary has given the same one. */
export function runChecker(args: string[], options: RunOptions = {}): CheckerRun {
  const node = run(process.execPath, [bin, ...args], options);
  assert.deepEqual(runNative(args, options), node, `the native binary must answer \`${args.join(" ")}\` as the Node checker does`);
  return node;
}
