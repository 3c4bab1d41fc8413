/**
 * compose-go's loader (test/compose-oracle) as a child process that is started again when it ends:
 * it answers a request compose-go cannot finish (it loops on an anchor merged into itself) with a
 * timeout error and exits. `~` resolves to /root for it, as the checker judges it.
 */
import { oracleBinary } from "../helpers/go-oracle";
import { JsonLinesOracle } from "../helpers/json-lines-oracle";

export class ComposeOracle {
  private readonly binary = oracleBinary("compose-oracle");
  private process = this.start();
  /** Requests compose-go did not finish (answered as a timeout). */
  timeouts = 0;

  private start(): JsonLinesOracle {
    return new JsonLinesOracle("compose-oracle", this.binary, { ...process.env, HOME: "/root" });
  }

  /**
   * compose-go's answer. Requests may be sent before earlier ones are answered: those the oracle
   * had not answered when it gave up on one and exited are asked again of the next process.
   */
  async ask(request: unknown): Promise<unknown> {
    const asked = this.process;
    let answer: unknown;
    try {
      answer = await asked.ask(request);
    } catch (error) {
      if (asked !== this.process) return this.ask(request);
      throw error;
    }
    if (typeof answer === "object" && answer !== null && "error" in answer && String(answer.error).startsWith("timeout:")) {
      this.timeouts++;
      // The oracle exits after a timeout; a request already sent to it may have replaced it.
      if (asked === this.process) this.process = this.start();
    }
    return answer;
  }

  close(): Promise<void> {
    return this.process.close();
  }
}
