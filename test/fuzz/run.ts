/**
 * `npm run fuzz`: the differential tests against the official Pod Security Admission evaluator and
 * against compose-go (decoding, then service models) on larger samples than CI's. FUZZ_SEED picks the seed (random otherwise, and printed so that a run can
 * be replayed); FUZZ_RUNS the number of workloads (default 100,000), each compared at both levels.
 * Exits 1 with the minimal reproducing object on the first disagreement.
 */
import { LEVELS, runDifferential } from "./differential";
import { ComposeOracle } from "./compose-oracle";
import { runProjectDifferential } from "./compose-project-differential";
import { runDecodingDifferential } from "./compose-yaml-differential";
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

/** The Compose differentials (decoding, then models) with the same seed; FUZZ_COMPOSE_RUNS texts, a tenth as many projects. */
async function compose(seed: number): Promise<void> {
  const runs = integerFromEnv("FUZZ_COMPOSE_RUNS", 100_000);
  const oracle = new ComposeOracle();
  try {
    const decoding = await runDecodingDifferential(oracle, seed, runs);
    console.log(`compose decoding: ${decoding.compared} texts (compose-go decoded ${decoding.decoded}, refused ${decoding.refused})`);
    if (decoding.failure) {
      console.error(`\nDISAGREEMENT with compose-go's decoding:\n${decoding.failure}`);
      process.exitCode = 1;
    }
    const projects = await runProjectDifferential(oracle, seed, Math.ceil(runs / 10));
    console.log(`compose models: ${projects.compared} projects (compose-go refused ${projects.refused}); keys compared ${[...projects.keys].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    if (projects.failure) {
      console.error(`\nDISAGREEMENT with compose-go's model:\n${projects.failure}`);
      process.exitCode = 1;
    }
  } finally {
    await oracle.close();
  }
}

main()
  .then(() => compose(integerFromEnv("FUZZ_SEED", Math.floor(Math.random() * 2 ** 31))))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
