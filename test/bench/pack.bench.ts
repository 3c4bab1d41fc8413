/**
 * The pack over gRPC, started as the CLI starts it: start-up time against a bare Node.js start in the
 * same run, and Analyze throughput over a few thousand mixed workloads against Analyze of the same
 * inputs under a type no rule reads (the SDK's and the protocol's own cost, with no rule work).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startPack, type Resource } from "../../testing/index";
import type { BenchReport } from "./run";
import { mixedWorkloads } from "./workloads";

const root = join(__dirname, "..", "..", "..");
const STARTS = 5;
const RESOURCES = 3000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeStart(): Promise<number> {
  const started = performance.now();
  const pack = await startPack({ dir: root });
  await pack.info();
  const elapsed = performance.now() - started;
  await pack.stop();
  return elapsed;
}

function timeBareNode(): number {
  const started = performance.now();
  execFileSync(process.execPath, ["-e", ""]);
  return performance.now() - started;
}

async function rate(resources: Resource[], call: (r: Resource) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (const resource of resources) await call(resource);
  return resources.length / ((performance.now() - started) / 1000);
}

export async function run(): Promise<BenchReport> {
  const starts: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    starts.push(await timeStart());
    bare.push(timeBareNode());
  }
  const pack = await startPack({ dir: root });
  await pack.configure({});
  const resources = mixedWorkloads(RESOURCES);
  await rate(resources.slice(0, 200), (r) => pack.analyze(r)); // warm-up
  const analyzed = await rate(resources, (r) => pack.analyze(r));
  // A type no rule reads: the SDK's per-policy loop and the gRPC round trip, without rule work.
  const untouched = await rate(resources, (r) => pack.analyze({ type: "example:index:Other", name: r.name, props: r.props }));
  await pack.stop();
  return {
    name: "Policy pack over gRPC",
    rows: [
      { metric: `start-up to first answer (median of ${STARTS})`, value: median(starts), unit: "ms", baseline: median(bare), ratio: median(starts) / median(bare) },
      { metric: `Analyze, ${RESOURCES} mixed workloads, default config`, value: analyzed, unit: "resources/s", baseline: untouched, ratio: analyzed / untouched },
    ],
    notes: ["Baselines: start-up against `node -e \"\"`; Analyze against the same inputs under a type no rule reads (SDK and gRPC cost without rule work)."],
  };
}
