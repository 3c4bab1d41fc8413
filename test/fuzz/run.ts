/**
 * `npm run fuzz`: the differential test against the official Pod Security Admission evaluator on a
 * larger sample than CI's. FUZZ_SEED picks the seed (random otherwise, and printed so that a run can
 * be replayed); FUZZ_RUNS the number of workloads (default 100,000), each compared at both levels.
 * Exits 1 with the minimal reproducing object on the first disagreement.
 *
 * Then the Docker rules against a real Docker daemon (test/docker/effective-state-oracle.ts) with the
 * same seed: FUZZ_DOCKER_RUNS configurations (default 5,000; 0 skips it), FUZZ_DOCKER_CONCURRENCY
 * containers at a time (default 4). Exits 1 and prints every disagreement, shrunk.
 */
import { DockerDaemon } from "../helpers/docker-daemon";
import { runEffectiveStateOracle } from "../docker/effective-state-oracle";
import { LEVELS, runDifferential } from "./differential";
import { PsaOracle } from "./psa-oracle";

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not ${JSON.stringify(raw)}`);
  return value;
}

/** The seed when FUZZ_SEED is not set, shared by both differentials. */
const seedOfThisRun = Math.floor(Math.random() * 2 ** 31);

async function main(): Promise<void> {
  const seed = integerFromEnv("FUZZ_SEED", seedOfThisRun);
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

async function dockerOracle(seed: number): Promise<void> {
  const runs = integerFromEnv("FUZZ_DOCKER_RUNS", 5_000);
  if (runs === 0) return;
  const concurrency = integerFromEnv("FUZZ_DOCKER_CONCURRENCY", 4);
  console.log(`\ndocker effective-state fuzz: ${runs} configurations, seed ${seed}, ${concurrency} containers at a time`);
  const daemon = await DockerDaemon.start();
  try {
    const result = await runEffectiveStateOracle(daemon, seed, runs, concurrency);
    console.log(`${result.containers} containers in ${result.seconds.toFixed(0)}s; compared ${result.compared} (${result.fromSpec} from their OCI spec: the sandbox cannot start them)`);
    console.log(`refused by the daemon or Compose: ${[...result.refused.values()].reduce((a, b) => a + b, 0)}`);
    console.log(`deliberate differences: ${[...result.deliberate].map(([name, n]) => `${name} ${n}`).join(", ")}`);
    if (result.disagreements.length > 0) {
      console.error(`\n${result.disagreements.length} DISAGREEMENTS with the daemon:\n${result.disagreements.join("\n\n")}`);
      process.exitCode = 1;
    } else {
      console.log("no disagreement");
    }
  } finally {
    await daemon.stop();
  }
}

main()
  .then(() => dockerOracle(integerFromEnv("FUZZ_SEED", seedOfThisRun)))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
