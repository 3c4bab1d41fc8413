/**
 * Differential testing of decoding/kubernetes-yaml.ts against kubectl's own decoding (the Go
 * oracle test/yaml-oracle): for each generated manifest file, the documents must be the same JSON
 * values, in the same order, with an error exactly where kubectl has one, and a duplicate-key
 * warning exactly where the strict conversion (fieldValidation=Strict) would refuse the document.
 * Where Kubernetes keeps one of two colliding keys at random, the decoder must refuse the document.
 *
 * The sample is judged in batches, each generated from its own seed (the run's seed plus the batch
 * number), with one oracle process per batch working while the next batch is generated and this one
 * decoded here. On a disagreement fast-check replays the batch's seed and shrinks the stream, and the
 * report shows the shortest text with both readings.
 */
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { decodeKubernetesYaml, type DecodedManifests } from "../../decoding/kubernetes-yaml";
import { askOracle, askOracleLater } from "../helpers/go-oracle";
import { FEATURES, streamArbitrary, type GeneratedStream } from "./yaml-generator";

interface OracleItem {
  value?: unknown;
  /** The strict conversion's refusal, "" when it accepts, absent when unknown. */
  strict?: string;
  collision?: string;
  error?: string;
}

export interface OracleAnswer {
  items: OracleItem[];
  error?: string;
}

export function askYamlOracle(texts: string[]): OracleAnswer[] {
  return askOracle(
    "yaml-oracle",
    texts.map((text) => ({ text })),
  ) as OracleAnswer[];
}

function askYamlOracleLater(texts: string[]): Promise<OracleAnswer[]> {
  return askOracleLater(
    "yaml-oracle",
    texts.map((text) => ({ text })),
  ) as Promise<OracleAnswer[]>;
}

type Reading = { document: DecodedManifests["documents"][number] } | { error: DecodedManifests["errors"][number] };

/** Our documents and errors in the order they appear in the file. */
function inOrder(decoded: DecodedManifests): Reading[] {
  const at = (r: Reading) => ("document" in r ? r.document.locate([]) : { line: r.error.line ?? 0, column: r.error.column ?? 0 });
  const readings: Reading[] = [...decoded.documents.map((document) => ({ document })), ...decoded.errors.map((error) => ({ error }))];
  return readings
    .map((reading, index) => ({ reading, index, position: at(reading) }))
    .sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column || a.index - b.index)
    .map(({ reading }) => reading);
}

export interface Comparison {
  /** Documents (and errors) compared. */
  compared: number;
  /** Why they disagree, undefined when they agree. */
  disagreement?: string;
}

/** Compares our reading of a file with kubectl's. */
export function compare(text: string, oracle: OracleAnswer, decoded = decodeKubernetesYaml(text)): Comparison {
  const ours = inOrder(decoded);
  let next = 0;
  let compared = 0;
  const describe = (reading: Reading | undefined) => (reading === undefined ? "nothing" : "document" in reading ? `document ${JSON.stringify(reading.document.value)}` : `error "${reading.error.message}"`);
  for (const [index, item] of oracle.items.entries()) {
    const reading = ours[next++];
    compared++;
    if (item.error !== undefined || item.collision) {
      const why = item.error ?? `random choice between colliding keys (${item.collision})`;
      if (!reading || !("error" in reading)) return { compared, disagreement: `item ${index}: kubectl: ${why}; ours: ${describe(reading)}` };
      if (item.collision) return { compared };
      continue;
    }
    if (!reading || !("document" in reading)) return { compared, disagreement: `item ${index}: kubectl: document ${JSON.stringify(item.value)}; ours: ${describe(reading)}` };
    if (!isDeepStrictEqual(reading.document.value, item.value)) {
      return { compared, disagreement: `item ${index}: kubectl: ${JSON.stringify(item.value)}; ours: ${JSON.stringify(reading.document.value)}` };
    }
    if (item.strict !== undefined && (item.strict !== "") !== reading.document.warnings.length > 0) {
      const warnings = reading.document.warnings.map((w) => `line ${w.line}: ${w.message}`).join("; ");
      return { compared, disagreement: `item ${index}: strict conversion: ${item.strict || "accepts"}; our warnings: ${warnings || "none"}` };
    }
  }
  const rest = ours.slice(next);
  if (oracle.error !== undefined) {
    compared++;
    if (rest.length !== 1 || !("error" in rest[0]!)) return { compared, disagreement: `kubectl stops with: ${oracle.error}; ours then: ${rest.map(describe).join(", ") || "nothing"}` };
  } else if (rest.length > 0) {
    return { compared, disagreement: `kubectl reads no more; ours then: ${rest.map(describe).join(", ")}` };
  }
  return { compared };
}

export interface DifferentialResult {
  seed: number;
  streams: number;
  /** Documents and errors compared, up to the first disagreement. */
  compared: number;
  /** Streams using each feature. */
  features: Map<string, number>;
  /** Documents Kubernetes accepted, refused, and accepted but the strict conversion refuses. */
  outcomes: { accepted: number; refused: number; strictRefused: number };
  disagreements: number;
  /** The shrunk disagreement, ready to print; undefined when everything agreed. */
  failure?: string;
}

function report(text: string, oracle: OracleAnswer, decoded: DecodedManifests, why: string): string {
  return [
    `Minimal reproducing file (as a JSON string): ${JSON.stringify(text)}`,
    "---",
    text,
    "---",
    `Disagreement: ${why}`,
    `kubectl (test/yaml-oracle): ${JSON.stringify(oracle)}`,
    `ours: ${JSON.stringify({ documents: decoded.documents.map((d) => ({ value: d.value, warnings: d.warnings })), errors: decoded.errors })}`,
  ].join("\n");
}

interface Batch {
  seed: number;
  streams: GeneratedStream[];
  oracle: Promise<OracleAnswer[]>;
  decoded: DecodedManifests[];
}

/** Runs `runs` generated streams through both decoders, in batches of `batchSize`. */
export async function runYamlDifferential(seed: number, runs: number, batchSize = 1000): Promise<DifferentialResult> {
  const result: DifferentialResult = {
    seed,
    streams: 0,
    compared: 0,
    features: new Map(FEATURES.map((feature) => [feature, 0])),
    outcomes: { accepted: 0, refused: 0, strictRefused: 0 },
    disagreements: 0,
  };
  let failing: { seed: number; runs: number; answers: Map<string, OracleAnswer> } | undefined;
  const finish = async (batch: Batch) => {
    const answers = await batch.oracle;
    batch.streams.forEach((stream, i) => {
      if (tally(result, stream, answers[i]!, batch.decoded[i]!) || failing) return;
      failing = { seed: batch.seed, runs: batch.streams.length, answers: new Map(batch.streams.map((s, j) => [s.text, answers[j]!])) };
    });
  };
  let previous: Batch | undefined;
  for (let from = 0, number = 0; from < runs; from += batchSize, number++) {
    const batchSeed = seed + number;
    const streams = fc.sample(streamArbitrary, { seed: batchSeed, numRuns: Math.min(batchSize, runs - from) });
    const oracle = askYamlOracleLater(streams.map((s) => s.text));
    if (previous) await finish(previous);
    previous = { seed: batchSeed, streams, oracle, decoded: streams.map((s) => decodeKubernetesYaml(s.text)) };
  }
  if (previous) await finish(previous);
  if (failing) result.failure = shrink(failing.seed, failing.runs, failing.answers);
  return result;
}

/** Counts one stream; false when it disagrees. */
function tally(result: DifferentialResult, stream: GeneratedStream, oracle: OracleAnswer, decoded: DecodedManifests): boolean {
  const { compared, disagreement } = compare(stream.text, oracle, decoded);
  result.streams++;
  result.compared += compared;
  if (disagreement !== undefined) result.disagreements++;
  for (const feature of stream.features) result.features.set(feature, (result.features.get(feature) ?? 0) + 1);
  for (const item of oracle.items) {
    if (item.error !== undefined) result.outcomes.refused++;
    else result.outcomes.accepted++;
    if (item.strict) result.outcomes.strictRefused++;
  }
  if (oracle.error !== undefined) result.outcomes.refused++;
  return disagreement === undefined;
}

/** Replays a batch's seed with fast-check, which shrinks its first disagreement. */
function shrink(seed: number, runs: number, answers: Map<string, OracleAnswer>): string {
  const ask = (text: string) => {
    let answer = answers.get(text);
    if (!answer) answers.set(text, (answer = askYamlOracle([text])[0]!));
    return answer;
  };
  const details = fc.check(
    fc.property(streamArbitrary, (stream) => compare(stream.text, ask(stream.text)).disagreement === undefined),
    { seed, numRuns: runs },
  );
  if (!details.failed || !details.counterexample) return "a disagreement in the batch run did not reproduce when replayed";
  const [stream] = details.counterexample;
  const oracle = ask(stream.text);
  const decoded = decodeKubernetesYaml(stream.text);
  const why = compare(stream.text, oracle, decoded).disagreement ?? String(details.errorInstance);
  return `${report(stream.text, oracle, decoded, why)}\n(seed ${seed}, path "${details.counterexamplePath ?? ""}", after ${details.numShrinks} shrinks)`;
}
