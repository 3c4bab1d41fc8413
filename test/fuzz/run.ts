/**
 * `npm run fuzz`: the differential test against the official Pod Security Admission evaluator on a
 * larger sample than CI's. FUZZ_SEED picks the seed (random otherwise, and printed so that a run can
 * be replayed); FUZZ_RUNS the number of workloads (default 100,000), each compared at both levels.
 * Exits 1 with the minimal reproducing object on the first disagreement.
 */
import { LEVELS, runDifferential } from "./differential";
import { PsaOracle } from "./psa-oracle";

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${JSON.stringify(raw)}`);
  return value;
}

async function main(): Promise<void> {
  const seed = integerFromEnv("FUZZ_SEED", Math.floor(Math.random() * 2 ** 31));
  const runs = integerFromEnv("FUZZ_RUNS", 100_000);
  console.log(`psa differential fuzz: ${runs} workloads, seed ${seed} (replay with FUZZ_SEED=${seed})`);
  const oracle = new PsaOracle();
  const started = process.hrtime.bigint();
  try {
    const result = await runDifferential(oracle, seed, runs);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`compared ${result.compared} workloads at both levels in ${seconds.toFixed(1)}s`);
    console.log(`kinds: ${[...result.kinds].map(([kind, n]) => `${kind} ${n}`).join(", ")}`);
    for (const level of LEVELS) {
      const { allowed, forbidden, reasons } = result.levels[level];
      const byReason = [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${reason} ${n}`);
      console.log(`${level}: PSA allowed ${allowed}, forbade ${forbidden} (${byReason.join("; ")})`);
    }
    if (result.failure) {
      console.error(`\nDISAGREEMENT with Pod Security Admission:\n${result.failure}`);
      process.exitCode = 1;
    } else {
      console.log("no disagreement");
    }
  } finally {
    await oracle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
