/**
 * The pack over gRPC, started as the CLI starts it, against a one-policy no-op pack on the same
 * node_modules (test/bench/noop-pack.ts) measured in the same run: start-up to the first answer,
 * and Analyze throughput with 10 requests in flight (the engine analyzes resources concurrently)
 * over Deployments shaped like rendered Helm charts and over a mix of every kind the pack reads.
 */
import { startPack, type Resource, type RunningPack } from "../../testing/index";
import { join } from "node:path";
import { noopPackDir } from "./noop-pack";
import type { BenchReport } from "./run";
import { chartLikeDeployments, mixedWorkloads } from "./workloads";

const root = join(__dirname, "..", "..", "..");
const STARTS = 5;
const RESOURCES = 3000;
const IN_FLIGHT = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeStart(dir: string): Promise<number> {
  const started = performance.now();
  const pack = await startPack({ dir });
  await pack.info();
  const elapsed = performance.now() - started;
  await pack.stop();
  return elapsed;
}

/** Resources per second, `IN_FLIGHT` requests at a time. */
async function rate(pack: RunningPack, resources: Resource[]): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < resources.length) await pack.analyze(resources[next++]!);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return resources.length / ((performance.now() - started) / 1000);
}

/** The best of three runs, each after a warm-up, so that a pause of the shared machine does not decide. */
async function bestRate(dir: string, resources: Resource[]): Promise<number> {
  const pack = await startPack({ dir });
  await pack.configure({});
  await rate(pack, resources.slice(0, 300));
  const rates = [await rate(pack, resources), await rate(pack, resources), await rate(pack, resources)];
  await pack.stop();
  return Math.max(...rates);
}

export async function run(): Promise<BenchReport> {
  const noop = noopPackDir();
  const starts: number[] = [];
  const noopStarts: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    starts.push(await timeStart(root));
    noopStarts.push(await timeStart(noop));
  }
  const rows: BenchReport["rows"] = [{ metric: `start-up to first answer (median of ${STARTS})`, value: median(starts), unit: "ms", baseline: median(noopStarts), ratio: median(starts) / median(noopStarts) }];
  for (const [label, resources] of [
    ["chart-like Deployments", chartLikeDeployments(RESOURCES)],
    ["mixed workloads of every kind", mixedWorkloads(RESOURCES)],
  ] as const) {
    const baseline = await bestRate(noop, resources);
    const analyzed = await bestRate(root, resources);
    rows.push({ metric: `Analyze, ${RESOURCES} ${label}, ${IN_FLIGHT} in flight`, value: analyzed, unit: "resources/s", baseline, ratio: analyzed / baseline });
  }
  return {
    name: "Policy pack over gRPC",
    rows,
    notes: ["Baseline: a pack with one policy that does nothing, on the same node_modules (the SDK's and gRPC's own cost), measured in the same run; throughput is the best of three runs of each."],
  };
}
