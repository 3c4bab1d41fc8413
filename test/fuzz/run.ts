/**
 * `npm run fuzz`: the differential tests on larger samples than CI's, each against the program that
 * defines the semantics. FUZZ_SEED picks the seed (random otherwise, and printed so that a run can
 * be replayed); FUZZ_ONLY=<step>[,<step>] runs some of them. Steps and their sample sizes:
 * - psa: the official Pod Security Admission evaluator, FUZZ_RUNS workloads (default 100,000), each
 *   compared at both levels;
 * - yaml: kubectl's manifest decoding, FUZZ_YAML_RUNS generated files (default 30,000);
 * - live: a live API server (live-differential.ts), FUZZ_LIVE_RUNS Pods as YAML text (default
 *   30,000), the server, the checker and the pack at both levels; LIVE_YAML_QUIRKS=1 writes the YAML
 *   with YAML 1.1 scalars, merge keys and duplicate keys (yaml-text.ts);
 * - docker: a real Docker daemon (test/docker/effective-state-oracle.ts), FUZZ_DOCKER_RUNS container
 *   configurations (default 5,000), FUZZ_DOCKER_CONCURRENCY containers at a time (default 4);
 * - compose: compose-go's decoding of FUZZ_COMPOSE_RUNS generated Compose texts (default 100,000),
 *   then its model of a tenth as many generated projects, against the checker's.
 * Exits 1 on any disagreement, after printing its minimal reproducer.
 */
import { Cluster } from "../../scripts/engine/cluster";
import { runYamlDifferential } from "../decoding/yaml-differential";
import { ComposeOracle } from "./compose-oracle";
import { runProjectDifferential } from "./compose-project-differential";
import { runDecodingDifferential } from "./compose-yaml-differential";
import { runEffectiveStateOracle } from "../docker/effective-state-oracle";
import { DockerDaemon } from "../helpers/docker-daemon";
import { LEVELS, runDifferential } from "./differential";
import { createLevelNamespaces, runLiveDifferential, startLevelPacks, summary } from "./live-differential";
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

async function live(seed: number, runs: number, quirks: boolean): Promise<void> {
  console.log(`\nlive API server differential: ${runs} Pods as YAML${quirks ? " with YAML 1.1 spellings, merge keys and duplicate keys" : ""}, seed ${seed}`);
  const cluster = await Cluster.start();
  const packs = await startLevelPacks();
  try {
    await createLevelNamespaces(cluster);
    const started = process.hrtime.bigint();
    const result = await runLiveDifferential(cluster, packs, { seed, runs, quirks });
    console.log(`judged ${result.generated} Pods at both levels in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)}s`);
    for (const line of summary(result)) console.log(line);
    for (const group of result.disagreements) console.error(`\nDISAGREEMENT with the API server:\n${group.report}`);
    if (result.disagreements.length > 0) process.exitCode = 1;
    else console.log("no disagreement");
  } finally {
    for (const level of LEVELS) await packs[level].stop();
    await cluster.stop();
  }
}

async function docker(seed: number, runs: number, concurrency: number): Promise<void> {
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

/** The Compose differentials (decoding, then models) with the same seed; FUZZ_COMPOSE_RUNS texts, a tenth as many projects. */
async function compose(seed: number, runs: number): Promise<void> {
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

const STEPS: Record<string, (seed: number) => Promise<void>> = {
  psa: (seed) => fuzzPsa(seed, integerFromEnv("FUZZ_RUNS", 100_000)),
  yaml: (seed) => fuzzYaml(seed, integerFromEnv("FUZZ_YAML_RUNS", 30_000)),
  live: (seed) => live(seed, integerFromEnv("FUZZ_LIVE_RUNS", 30_000), process.env.LIVE_YAML_QUIRKS === "1"),
  compose: (seed) => compose(seed, integerFromEnv("FUZZ_COMPOSE_RUNS", 100_000)),
  docker: (seed) => docker(seed, integerFromEnv("FUZZ_DOCKER_RUNS", 5_000), integerFromEnv("FUZZ_DOCKER_CONCURRENCY", 4)),
};

async function main(): Promise<void> {
  const seed = integerFromEnv("FUZZ_SEED", Math.floor(Math.random() * 2 ** 31));
  const only = process.env.FUZZ_ONLY?.split(",").filter((step) => step !== "") ?? Object.keys(STEPS);
  const unknown = only.filter((step) => !(step in STEPS));
  if (unknown.length > 0) throw new Error(`FUZZ_ONLY names ${unknown.join(", ")}; the steps are ${Object.keys(STEPS).join(", ")}`);
  for (const step of only) await STEPS[step]!(seed);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
