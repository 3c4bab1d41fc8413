/**
 * `npm run fuzz`: the differential tests on larger samples than CI's — against the official Pod
 * Security Admission evaluator, then against kubectl's manifest decoding. FUZZ_SEED picks the seed
 * (random otherwise, and printed so that a run can be replayed); FUZZ_RUNS the number of workloads
 * (default 100,000, each compared at both levels) and of generated manifest files (default 30,000);
 * FUZZ_ONLY=psa or FUZZ_ONLY=yaml runs one of them. Exits 1 with the minimal reproducer of the first
 * disagreement.
 */
import { runYamlDifferential } from "../decoding/yaml-differential";
import { LEVELS, runDifferential } from "./differential";
import { PsaOracle } from "./psa-oracle";

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${JSON.stringify(raw)}`);
  return value;
}

async function fuzzPsa(seed: number, runs: number): Promise<void> {
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

async function fuzzYaml(seed: number, runs: number): Promise<void> {
  console.log(`\nyaml differential fuzz: ${runs} manifest files, seed ${seed} (replay with FUZZ_SEED=${seed})`);
  const started = process.hrtime.bigint();
  const result = await runYamlDifferential(seed, runs);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { accepted, refused, strictRefused } = result.outcomes;
  console.log(`compared ${result.compared} documents and errors of ${result.streams} files in ${seconds.toFixed(1)}s`);
  console.log(`kubectl accepted ${accepted} documents, refused ${refused}; the strict conversion refuses ${strictRefused} of the accepted`);
  console.log(`features: ${[...result.features].map(([feature, n]) => `${feature} ${n}`).join(", ")}`);
  if (result.failure) {
    console.error(`\nDISAGREEMENT with kubectl (${result.disagreements} files):\n${result.failure}`);
    process.exitCode = 1;
  } else {
    console.log("no disagreement");
  }
}

async function main(): Promise<void> {
  const seed = integerFromEnv("FUZZ_SEED", Math.floor(Math.random() * 2 ** 31));
  const only = process.env.FUZZ_ONLY;
  if (only !== undefined && only !== "psa" && only !== "yaml") throw new Error(`FUZZ_ONLY must be psa or yaml, not ${JSON.stringify(only)}`);
  if (only !== "yaml") await fuzzPsa(seed, integerFromEnv("FUZZ_RUNS", 100_000));
  if (only !== "psa") await fuzzYaml(seed, integerFromEnv("FUZZ_RUNS", 30_000));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
