/**
 * A large stack through the running pack: 10,000 mixed resources analyzed one after another, as the
 * engine sends them in one `pulumi preview`. Throughput against the same resources under a type no
 * rule reads (the SDK's and gRPC's own cost), and the pack process's peak resident memory (VmHWM)
 * against its peak after start-up, before any resource.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startPack, type Resource, type RunningPack } from "../../testing/index";
import type { BenchReport } from "./run";
import { mixedWorkloads } from "./workloads";

const root = join(__dirname, "..", "..", "..");
const RESOURCES = 10_000;

/** Peak resident set size of a process, in MiB (Linux /proc). */
function peakMemory(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
  if (!line) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function throughput(pack: RunningPack, resources: Resource[]): Promise<number> {
  const started = performance.now();
  for (const resource of resources) await pack.analyze(resource);
  return resources.length / ((performance.now() - started) / 1000);
}

export async function run(): Promise<BenchReport> {
  const resources = mixedWorkloads(RESOURCES);
  const untouched = resources.map((r) => ({ ...r, type: "example:index:Other" }));

  const baselinePack = await startPack({ dir: root });
  await baselinePack.configure({});
  const baselineRate = await throughput(baselinePack, untouched);
  await baselinePack.stop();

  const pack = await startPack({ dir: root });
  await pack.configure({});
  const pid = pack.pid!;
  const idle = peakMemory(pid);
  const rate = await throughput(pack, resources);
  const peak = peakMemory(pid);
  await pack.stop();

  return {
    name: `Large stack: ${RESOURCES.toLocaleString("en")} mixed resources through the running pack`,
    rows: [
      { metric: "Analyze throughput, default config", value: rate, unit: "resources/s", baseline: baselineRate, ratio: rate / baselineRate },
      { metric: "pack peak resident memory (VmHWM)", value: peak, unit: "MiB", baseline: idle, ratio: peak / idle },
    ],
    notes: [
      "Baselines: throughput of the same inputs under a type no rule reads, in a fresh pack; memory: the pack's own peak after start-up and configuration, before the first resource.",
    ],
  };
}
