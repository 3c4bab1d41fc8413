/**
 * The pack under the real Pulumi CLI: how much `pulumi preview` of the insecure example costs with the
 * pack against the same preview without it, and the pack's start-up as this package ships it
 * (compiled JavaScript) against the same sources loaded as `pulumi policy new` scaffolds a pack
 * (PulumiPolicy.yaml beside an index.ts that ts-node compiles and type-checks at every start).
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, Workspace } from "../../scripts/engine/workspace";
import { startPack } from "../../testing/index";
import type { BenchReport, BenchRow } from "./run";

const PREVIEWS = 3;
const STARTS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function row(metric: string, value: number, baseline: number, unit: string): BenchRow {
  return { metric, value, unit, baseline, ratio: value / baseline };
}

async function previewTimes(): Promise<BenchRow> {
  const workspace = new Workspace();
  try {
    const stack = await workspace.stack("insecure-stack", "bench", "render");
    await stack.preview({ withPack: false }); // warms the file cache for both series
    const without: number[] = [];
    const withPack: number[] = [];
    for (let i = 0; i < PREVIEWS; i++) {
      without.push((await stack.preview({ withPack: false })).seconds);
      const result = await stack.preview();
      if (result.violations.length === 0) throw new Error(`the pack reported nothing on the insecure stack:\n${result.output}`);
      withPack.push(result.seconds);
    }
    return row("pulumi preview of examples/insecure-stack, with the pack (baseline: without)", median(withPack), median(without), "s");
  } finally {
    workspace.dispose();
  }
}

/** The pack's sources as a `pulumi policy new` TypeScript pack: index.ts entry, compiled at start-up. */
function scaffoldTypeScriptPack(): string {
  const dir = mkdtempSync(join(tmpdir(), "container-hardening-ts-pack-"));
  for (const folder of ["policypack", "rules"]) cpSync(join(REPO_ROOT, folder), join(dir, folder), { recursive: true });
  cpSync(join(REPO_ROOT, "PulumiPolicy.yaml"), join(dir, "PulumiPolicy.yaml"));
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "container-hardening-ts", version: "0.1.0", main: "index.ts" }));
  writeFileSync(join(dir, "index.ts"), 'import "./policypack/index";\n');
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, resolveJsonModule: true, skipLibCheck: true, types: ["node"] },
    files: ["index.ts"],
  }));
  return dir;
}

async function startTime(dir: string, env: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const pack = await startPack({ dir, env, timeoutMs: 120_000 });
  const policies = (await pack.info()).policies;
  const elapsed = (performance.now() - started) / 1000;
  await pack.stop();
  if (policies.length === 0) throw new Error(`the pack in ${dir} declared no policies`);
  return elapsed;
}

/**
 * The SDK's ts-node (7.0.1, vendored) keeps compiled files in a cache under the temporary directory,
 * so only a machine's first start compiles: a fresh cache directory per start measures that first
 * start (a CI runner, a Pulumi Cloud deployment), the shared one every later start.
 */
async function startTimes(): Promise<BenchRow[]> {
  const tsPack = scaffoldTypeScriptPack();
  const caches = mkdtempSync(join(tmpdir(), "container-hardening-ts-node-"));
  try {
    const js: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    const warmCache = { TS_NODE_CACHE_DIRECTORY: join(caches, "warm") };
    await startTime(tsPack, warmCache); // fills the warm cache
    for (let i = 0; i < STARTS; i++) {
      js.push(await startTime(REPO_ROOT));
      cold.push(await startTime(tsPack, { TS_NODE_CACHE_DIRECTORY: join(caches, `cold-${i}`) }));
      warm.push(await startTime(tsPack, warmCache));
    }
    return [
      row("pack start-up to policy list, as TypeScript via ts-node, first start (baseline: compiled JavaScript)", median(cold), median(js), "s"),
      row("pack start-up to policy list, as TypeScript via ts-node, compile cache warm (baseline: compiled JavaScript)", median(warm), median(js), "s"),
    ];
  } finally {
    rmSync(tsPack, { recursive: true, force: true });
    rmSync(caches, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchReport> {
  return {
    name: "Pack under the real Pulumi CLI",
    rows: [await previewTimes(), ...(await startTimes())],
    notes: [`Medians of ${PREVIEWS} previews and ${STARTS} starts each, alternating; the engine is scripts/setup-engine.sh's build.`],
  };
}
