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

  async ask(request: unknown): Promise<unknown> {
    const answer = await this.process.ask(request);
    if (typeof answer === "object" && answer !== null && "error" in answer && String(answer.error).startsWith("timeout:")) {
      this.timeouts++;
      await this.process.close();
      this.process = this.start();
    }
    return answer;
  }

  close(): Promise<void> {
    return this.process.close();
  }
}
