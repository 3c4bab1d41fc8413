/**
 * `npm run bench`: runs every benchmark file in this folder (`*.bench.js` once compiled) and prints
 * its figures. Each benchmark measures its own baseline in the same run and reports ratios against
 * it, because absolute times on a shared 2-core machine mean little.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** The same metric for the baseline measured in this run, when there is one. */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
}

export interface BenchReport {
  name: string;
  rows: BenchRow[];
  notes?: string[];
}

export type Bench = () => Promise<BenchReport>;

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname).filter((f) => f.endsWith(".bench.js") && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
  for (const file of files) {
    const { run } = (await import(join(__dirname, file))) as { run: Bench };
    const report = await run();
    console.log(`\n## ${report.name}\n`);
    console.log("| metric | value | unit | baseline | ratio |\n|---|---|---|---|---|");
    for (const row of report.rows) {
      console.log(`| ${row.metric} | ${format(row.value)} | ${row.unit} | ${row.baseline === undefined ? "" : format(row.baseline)} | ${row.ratio === undefined ? "" : `${format(row.ratio)}×`} |`);
    }
    for (const note of report.notes ?? []) console.log(`\n${note}`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
