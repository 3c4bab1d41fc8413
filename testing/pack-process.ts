/**
 * Starting a Node.js policy pack the way the Pulumi CLI does: `node <@pulumi/pulumi/cmd/run-policy-pack>
 * <engine-address> .` with the pack directory as working directory, the PULUMI_* environment the CLI
 * passes (sdk/go/common/resource/plugin/analyzer_plugin.go, constructEnv), and the gRPC port read from
 * the first line of stdout.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface PackProcess {
  child: ChildProcess;
  port: number;
  /** Everything the pack wrote to stderr so far (start-up errors land here). */
  stderr(): string;
}

export interface SpawnOptions {
  dir: string;
  dryRun: boolean;
  env?: Record<string, string>;
  timeoutMs: number;
}

/** The pack's own run-policy-pack, as the CLI resolves it from the pack directory. */
function runPolicyPackEntry(dir: string): string {
  return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
}

export function spawnPack(options: SpawnOptions): Promise<PackProcess> {
  const entry = runPolicyPackEntry(options.dir);
  const child = spawn(process.execPath, [entry, "127.0.0.1:0", "."], {
    cwd: options.dir,
    env: {
      ...process.env,
      PULUMI_NODEJS_PROJECT: "test-project",
      PULUMI_NODEJS_STACK: "test-stack",
      PULUMI_NODEJS_ORGANIZATION: "organization",
      PULUMI_NODEJS_DRY_RUN: String(options.dryRun),
      PULUMI_PROJECT: "test-project",
      PULUMI_STACK: "test-stack",
      PULUMI_ORGANIZATION: "organization",
      PULUMI_DRY_RUN: String(options.dryRun),
      PULUMI_CONFIG: "{}",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the pack in ${options.dir} printed no port within ${options.timeoutMs} ms; stderr:\n${stderr}`));
    }, options.timeoutMs);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      const port = Number(stdout.slice(0, newline).trim());
      if (!Number.isInteger(port) || port <= 0) {
        child.kill();
        reject(new Error(`the pack in ${options.dir} printed "${stdout.slice(0, newline)}" before its port: nothing may be written to stdout at start-up`));
        return;
      }
      resolve({ child, port, stderr: () => stderr });
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the pack in ${options.dir} exited (${code ?? signal}) before printing its port; stderr:\n${stderr}`));
    });
  });
}
