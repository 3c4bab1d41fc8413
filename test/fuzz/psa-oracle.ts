/**
 * The official Pod Security Admission evaluator (test/psa-oracle) as one long-running child
 * process: objects go in as JSON lines, verdicts come back in the same order.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { oracleBinary } from "../helpers/go-oracle";

export interface LevelVerdict {
  allowed: boolean;
  reasons: string[];
  details: string[];
}

export interface OracleVerdict {
  baseline: LevelVerdict;
  restricted: LevelVerdict;
}

interface Pending {
  resolve: (verdict: OracleVerdict) => void;
  reject: (error: Error) => void;
}

export class PsaOracle {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private failure: Error | undefined;

  constructor(binary: string = oracleBinary("psa-oracle")) {
    this.child = spawn(binary, [], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    this.child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    this.child.on("error", (error) => this.fail(error));
    this.child.on("exit", (code, signal) => this.fail(new Error(`psa-oracle exited (${signal ?? code}): ${stderr}`)));
    createInterface({ input: this.child.stdout }).on("line", (line) => this.answer(line));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.splice(0)) p.reject(error);
  }

  private answer(line: string): void {
    const next = this.pending.shift();
    if (!next) return this.fail(new Error(`psa-oracle answered without a question: ${line}`));
    const parsed = JSON.parse(line) as Partial<OracleVerdict> & { error?: string };
    if (parsed.error !== undefined || !parsed.baseline || !parsed.restricted) {
      next.reject(new Error(`psa-oracle could not evaluate the object: ${parsed.error ?? line}`));
    } else {
      next.resolve({ baseline: parsed.baseline, restricted: parsed.restricted });
    }
  }

  /** PSA's verdicts on one object (a Pod or any workload kind carrying a pod template). */
  judge(object: unknown): Promise<OracleVerdict> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify(object)}\n`);
    });
  }

  /** Ends the process (it exits when its input ends). */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.failure) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.failure = new Error("psa-oracle closed");
    this.child.stdin.end();
    await exited;
  }
}
