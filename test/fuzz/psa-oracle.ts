/**
 * The official Pod Security Admission evaluator (test/psa-oracle) as one long-running child
 * process: objects go in as JSON lines, verdicts come back in the same order.
 */
import { JsonLinesOracle } from "../helpers/json-lines-oracle";
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

export class PsaOracle {
  private readonly process: JsonLinesOracle;

  constructor(binary: string = oracleBinary("psa-oracle")) {
    this.process = new JsonLinesOracle("psa-oracle", binary);
  }

  /** PSA's verdicts on one object (a Pod or any workload kind carrying a pod template). */
  async judge(object: unknown): Promise<OracleVerdict> {
    const parsed = (await this.process.ask(object)) as Partial<OracleVerdict> & { error?: string };
    if (parsed.error !== undefined || !parsed.baseline || !parsed.restricted) {
      throw new Error(`psa-oracle could not evaluate the object: ${parsed.error ?? JSON.stringify(parsed)}`);
    }
    return { baseline: parsed.baseline, restricted: parsed.restricted };
  }

  /** Ends the process (it exits when its input ends). */
  close(): Promise<void> {
    return this.process.close();
  }
}
