/**
 * Decoding throughput of decoding/kubernetes-yaml.ts over 5,000 manifests written as `helm template`
 * writes them (10 documents per file, block style), against a plain YAML 1.2 reading of the same
 * text with the yaml package (`parseAllDocuments(...).map(toJS)`), which is what the checker did
 * before. Times are CPU time of this process (process.cpuUsage), interleaved rounds, best of each:
 * on a shared machine wall-clock time mostly measures the neighbours.
 */
import { parseAllDocuments, stringify } from "yaml";
import { decodeKubernetesYaml } from "../../decoding/kubernetes-yaml";
import type { BenchReport } from "./run";
import { mixedWorkloads } from "./workloads";

const MANIFESTS = 5000;
const PER_FILE = 10;
const ROUNDS = 5;

/** A workload of workloads.ts as a manifest, with the labels and annotations a chart adds. */
function manifest(type: string, props: Record<string, unknown>, i: number): object {
  const [, groupVersion, kind] = type.split(":") as [string, string, string];
  const apiVersion = groupVersion.startsWith("core/") ? groupVersion.slice(5) : groupVersion;
  const metadata = props.metadata as Record<string, unknown>;
  const labels = { "app.kubernetes.io/name": `app-${i}`, "app.kubernetes.io/instance": "release", "app.kubernetes.io/version": "1.2.3", "helm.sh/chart": "app-0.1.0" };
  return { apiVersion, kind, ...props, metadata: { ...metadata, labels, annotations: { "checksum/config": "0123456789abcdef".repeat(4) } } };
}

function files(): string[] {
  const documents = mixedWorkloads(MANIFESTS * 2)
    .filter((r) => r.type.startsWith("kubernetes:"))
    .slice(0, MANIFESTS)
    .map((r, i) => stringify(manifest(r.type, r.props as Record<string, unknown>, i)));
  const out: string[] = [];
  for (let i = 0; i < documents.length; i += PER_FILE) out.push(`---\n${documents.slice(i, i + PER_FILE).join("---\n")}`);
  return out;
}

function cpuSeconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

export async function run(): Promise<BenchReport> {
  const texts = files();
  const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
  const ours: number[] = [];
  const baseline: number[] = [];
  let documents = 0;
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(cpuSeconds(() => {
      documents = 0;
      for (const text of texts) documents += decodeKubernetesYaml(text).documents.length;
    }));
    baseline.push(cpuSeconds(() => {
      for (const text of texts) parseAllDocuments(text).forEach((document) => document.toJS());
    }));
  }
  if (documents !== MANIFESTS) throw new Error(`decoded ${documents} documents of ${MANIFESTS}`);
  const best = (seconds: number[]) => Math.min(...seconds);
  const throughput = megabytes / best(ours);
  const baselineThroughput = megabytes / best(baseline);
  return {
    name: "Manifest decoding (decoding/kubernetes-yaml.ts)",
    rows: [
      { metric: `throughput over ${MANIFESTS} manifests (${megabytes.toFixed(1)} MB)`, value: throughput, unit: "MB/s", baseline: baselineThroughput, ratio: throughput / baselineThroughput },
      { metric: "time for all manifests (best of rounds)", value: best(ours) * 1000, unit: "ms CPU", baseline: best(baseline) * 1000, ratio: best(ours) / best(baseline) },
    ],
    notes: ["Baseline: yaml.parseAllDocuments(text).map(d => d.toJS()), the YAML 1.2 reading the checker used, on the same text."],
  };
}
