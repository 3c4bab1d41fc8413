/**
 * A Go oracle under test/ (scripts/build-go-oracle.sh) as one long-running child process: requests
 * go in as JSON lines, answers come back in the same order. Used by the PSA and Compose oracles.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { oracleBinary, type OracleName } from "./go-oracle";

interface Pending {
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
}

export class JsonLinesOracle {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private failure: Error | undefined;

  constructor(
    private readonly name: OracleName,
    binary: string = oracleBinary(name),
    environment: NodeJS.ProcessEnv = process.env,
  ) {
    this.child = spawn(binary, [], { stdio: ["pipe", "pipe", "pipe"], env: environment });
    let stderr = "";
    this.child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    this.child.on("error", (error) => this.fail(error));
    this.child.on("exit", (code, signal) => this.fail(new Error(`${name} exited (${signal ?? code}): ${stderr}`)));
    createInterface({ input: this.child.stdout }).on("line", (line) => this.answer(line));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.splice(0)) p.reject(error);
  }

  private answer(line: string): void {
    const next = this.pending.shift();
    if (!next) return this.fail(new Error(`${this.name} answered without a question: ${line}`));
    next.resolve(JSON.parse(line) as unknown);
  }

  /** The oracle's answer to one request (parsed JSON). */
  ask(request: unknown): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** Ends the process (it exits when its input ends). */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.failure) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.failure = new Error(`${this.name} closed`);
    this.child.stdin.end();
    await exited;
  }
}
