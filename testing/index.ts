/**
 * container-hardening/testing: run a Pulumi policy pack the way the Pulumi CLI runs it and speak the
 * analyzer protocol to it, so a pack's tests exercise what users run — the compiled pack, its config
 * schema, the SDK's handling of unknown and secret values — without a Pulumi program or cloud.
 *
 *   const pack = await startPack({ dir: "/path/to/pack", dryRun: true });
 *   await pack.configure({ "no-privileged": "mandatory" });
 *   const diagnostics = await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "p", props });
 *   await pack.stop();
 */
import { AnalyzerConnection } from "./analyzer";
import { spawnPack, type PackProcess } from "./pack-process";

export { UNKNOWN, secret, toStruct } from "./properties";
export type { AnalyzerInfo, Diagnostic, EnforcementLevel, PackConfig, PolicyInfo, Remediation, Resource } from "./analyzer";

export interface StartOptions {
  /** The pack directory (holding PulumiPolicy.yaml and package.json with the compiled `main`). */
  dir: string;
  /** true as in `pulumi preview`, false as in `pulumi up`. Default true. */
  dryRun?: boolean;
  /** Extra environment for the pack process. */
  env?: Record<string, string>;
  /** How long start-up may take. Default 30 s. */
  timeoutMs?: number;
}

export class RunningPack extends AnalyzerConnection {
  constructor(private readonly process: PackProcess) {
    super(`127.0.0.1:${process.port}`);
  }

  /** The pack's process ID (to read its memory use, for example). */
  get pid(): number | undefined {
    return this.process.child.pid;
  }

  /** What the pack wrote to stderr. */
  stderr(): string {
    return this.process.stderr();
  }

  async stop(): Promise<void> {
    this.close();
    const { child } = this.process;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill();
    });
  }
}

export async function startPack(options: StartOptions): Promise<RunningPack> {
  const process = await spawnPack({ dir: options.dir, dryRun: options.dryRun ?? true, env: options.env, timeoutMs: options.timeoutMs ?? 30_000 });
  return new RunningPack(process);
}
