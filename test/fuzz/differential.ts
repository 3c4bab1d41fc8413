/**
 * Differential testing of the catalogue against the official Pod Security Admission evaluator:
 * for each generated workload, the profile of a level (`pss-baseline`, `pss-restricted`) must
 * forbid it exactly when PSA forbids it at that level (version latest). A violation finding means
 * forbidden; a finding that a value "cannot be verified" is a disagreement in itself, since every
 * generated object is fully known and well typed.
 *
 * On the first disagreement fast-check shrinks the workload, and the report shows the minimal
 * object as YAML with both verdicts. The cases where we deliberately differ from PSA are never
 * generated (see pod-generator.ts), so every disagreement reported is one to fix.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import type { Profile } from "../../rules/profiles";
import type { RuleFinding } from "../../rules/review";
import { reviewObject } from "../helpers/kubernetes";
import type { JsonObject } from "../../rules/values";
import { workloadArbitrary } from "./pod-generator";
import type { LevelVerdict, OracleVerdict, PsaOracle } from "./psa-oracle";

export type Level = "baseline" | "restricted";
export const LEVELS: readonly Level[] = ["baseline", "restricted"];
const PROFILES: Record<Level, Profile> = { baseline: "pss-baseline", restricted: "pss-restricted" };

export interface OurVerdict {
  forbidden: boolean;
  findings: RuleFinding[];
}

export function ourVerdict(object: JsonObject, level: Level): OurVerdict {
  const { findings } = reviewObject(object, { profile: PROFILES[level] });
  return { forbidden: findings.some((f) => f.outcome === "violation"), findings };
}

export interface Disagreement {
  level: Level;
  ours: OurVerdict;
  psa: LevelVerdict;
}

export function disagreements(object: JsonObject, psa: OracleVerdict): Disagreement[] {
  return LEVELS.flatMap((level) => {
    const ours = ourVerdict(object, level);
    const agree = ours.forbidden === !psa[level].allowed && ours.findings.every((f) => f.outcome === "violation");
    return agree ? [] : [{ level, ours, psa: psa[level] }];
  });
}

function describeOurs(ours: OurVerdict): string {
  if (ours.findings.length === 0) return "allowed (no findings)";
  const lines = ours.findings.map((f) => `    - [${f.rule}${f.outcome === "violation" ? "" : `, ${f.outcome}`}] ${f.path}: ${f.message}`);
  return `${ours.forbidden ? "forbidden" : "allowed"}\n${lines.join("\n")}`;
}

function describePsa(psa: LevelVerdict): string {
  return psa.allowed ? "allowed" : `forbidden\n${psa.details.map((d) => `    - ${d}`).join("\n")}`;
}

/** The minimal object as YAML and, per level that disagrees, both verdicts. */
export function describeDisagreement(object: JsonObject, found: Disagreement[]): string {
  const verdicts = found.map((d) => `${d.level}:\n  PSA:  ${describePsa(d.psa)}\n  ours: ${describeOurs(d.ours)}`);
  return `Minimal reproducing object:\n---\n${stringify(object).trimEnd()}\n---\n${verdicts.join("\n")}`;
}

export interface LevelCounts {
  allowed: number;
  forbidden: number;
  /** How often each PSA reason forbade a pod, to see that the sample reaches every check. */
  reasons: Map<string, number>;
}

export interface DifferentialResult {
  seed: number;
  /** Workloads compared (each at both levels) before the first disagreement, if any. */
  compared: number;
  kinds: Map<string, number>;
  levels: Record<Level, LevelCounts>;
  /** The shrunk disagreement, ready to print; undefined when every workload agreed. */
  failure?: string;
}

function emptyCounts(): LevelCounts {
  return { allowed: 0, forbidden: 0, reasons: new Map() };
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export async function runDifferential(oracle: PsaOracle, seed: number, numRuns: number): Promise<DifferentialResult> {
  const result: DifferentialResult = {
    seed,
    compared: 0,
    kinds: new Map(),
    levels: { baseline: emptyCounts(), restricted: emptyCounts() },
  };
  // Counting stops at the first disagreement: what runs after it is shrinking, not sampling.
  let sampling = true;
  const property = fc.asyncProperty(workloadArbitrary, async (object) => {
    const psa = await oracle.judge(object);
    const found = disagreements(object, psa);
    if (found.length > 0) sampling = false;
    if (sampling) {
      result.compared++;
      increment(result.kinds, String(object.kind));
      for (const level of LEVELS) {
        const counts = result.levels[level];
        if (psa[level].allowed) counts.allowed++;
        else counts.forbidden++;
        for (const reason of psa[level].reasons) increment(counts.reasons, reason);
      }
    }
    return found.length === 0;
  });
  const details = await fc.check(property, { seed, numRuns });
  if (details.failed && details.counterexample) {
    const [object] = details.counterexample;
    const replay = `seed ${seed}, path "${details.counterexamplePath ?? ""}", after ${details.numShrinks} shrinks`;
    const found = await oracle.judge(object).then((psa) => disagreements(object, psa), () => []);
    result.failure =
      found.length > 0
        ? `${describeDisagreement(object, found)}
(${replay})`
        : `The oracle or a rule failed (${replay}) on:
${stringify(object)}${String(details.errorInstance)}`;
  }
  return result;
}
