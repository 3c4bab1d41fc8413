/**
 * Differential testing of decoding/compose-yaml.ts against compose-go's own decoding (test/compose-oracle,
 * op "decode"): for each generated text, both refuse it, or both give the same documents (values
 * and the paths tagged `!reset`/`!override`). Values are compared in the oracle's JSON form: NaN,
 * infinities and negative zero as {"$float"}, timestamps as {"$timestamp": milliseconds}. Go's
 * integers and floats are both JavaScript numbers, so `1` and `1.0` are not told apart.
 *
 * On the first disagreement fast-check shrinks the text, and the report shows it with both answers.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { decodeComposeYaml, type ComposeValue } from "../../decoding/compose-yaml";
import type { ComposeOracle } from "./compose-oracle";
import { composeYamlArbitrary, composeYamlText } from "./compose-yaml-generator";

interface OracleDocument {
  value: unknown;
  tagged: string[];
}

type Answer = { documents: OracleDocument[] } | { error: string };

/** A decoded value in the oracle's JSON form. */
export function oracleForm(value: ComposeValue): unknown {
  if (value instanceof Date) return { $timestamp: value.getTime() };
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { $float: "NaN" };
    if (value === Number.POSITIVE_INFINITY) return { $float: "+Inf" };
    if (value === Number.NEGATIVE_INFINITY) return { $float: "-Inf" };
    if (Object.is(value, -0)) return { $float: "-0" };
    return value;
  }
  if (Array.isArray(value)) return value.map(oracleForm);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, oracleForm(entry)]));
  return value;
}

/** Ours in the oracle's form. */
export function ourAnswer(text: string): Answer {
  const decoded = decodeComposeYaml(text);
  if (decoded.errors.length > 0) return { error: decoded.errors.map((e) => `line ${e.line}: ${e.message}`).join("; ") };
  return { documents: decoded.documents.map((document) => ({ value: oracleForm(document.value), tagged: document.tagged })) };
}

const sortedTags = (answer: Answer) => ("documents" in answer ? answer.documents.map((d) => ({ value: d.value, tagged: [...d.tagged].sort() })) : undefined);

export function agree(ours: Answer, theirs: Answer): boolean {
  if ("error" in theirs || "error" in ours) return "error" in theirs && "error" in ours;
  return isDeepStrictEqual(sortedTags(ours), sortedTags(theirs));
}

export interface DecodingResult {
  compared: number;
  /** How many texts compose-go refused, and how many it decoded. */
  refused: number;
  decoded: number;
  /** How often the texts compose-go decoded reached each feature. */
  features: Map<string, number>;
  failure?: string;
}

const FEATURES: Array<[string, RegExp]> = [
  ["merge key", /<<: /],
  ["anchor", /&[a-z]/],
  ["alias", /\*[a-z]/],
  ["!reset", /!reset/],
  ["!override", /!override/],
  ["several documents", /\n---\n/],
  ["YAML 1.1 boolean", /: (yes|on|off|no|y|n)\n/],
  ["octal 010", /: 010\n/],
  ["timestamp", /: 2001-12-14\n/],
];

/** Whether ours and compose-go's answers to `text` agree, counted in `result` (ours computed while the oracle works). */
function compare(text: string, theirs: Answer, result: DecodingResult): boolean {
  if (!agree(ourAnswer(text), theirs)) return false;
  result.compared++;
  if ("error" in theirs) result.refused++;
  else {
    result.decoded++;
    for (const [feature, pattern] of FEATURES) if (pattern.test(text)) result.features.set(feature, (result.features.get(feature) ?? 0) + 1);
  }
  return true;
}

/**
 * Every text of the sample is sent to the oracle at once, so that compose-go decodes on one core
 * while ours decode on the other; only a disagreement goes through fast-check again, one text at a
 * time, to be shrunk (fast-check draws the same texts from the same seed).
 */
export async function runDecodingDifferential(oracle: ComposeOracle, seed: number, numRuns: number): Promise<DecodingResult> {
  const result: DecodingResult = { compared: 0, refused: 0, decoded: 0, features: new Map() };
  const texts = fc.sample(composeYamlArbitrary, { seed, numRuns }).map(composeYamlText);
  const answers = texts.map((text) => oracle.ask({ op: "decode", text }) as Promise<Answer>);
  let agreed = true;
  for (const [i, text] of texts.entries()) {
    if (!agreed) {
      await answers[i]!.catch(() => undefined);
      continue;
    }
    agreed = compare(text, await answers[i]!, result);
  }
  if (agreed) return result;
  const property = fc.asyncProperty(composeYamlArbitrary, async (generated) => {
    const text = composeYamlText(generated);
    return agree(ourAnswer(text), (await oracle.ask({ op: "decode", text })) as Answer);
  });
  const details = await fc.check(property, { seed, numRuns });
  const counterexample = details.counterexample?.[0];
  const text = counterexample ? composeYamlText(counterexample) : texts[result.compared]!;
  const theirs = await oracle.ask({ op: "decode", text }).catch((error: unknown) => ({ error: String(error) }));
  result.failure = `Minimal reproducing text (seed ${seed}, path "${details.counterexamplePath ?? ""}", after ${details.numShrinks} shrinks):
---8<---
${text}---8<---
compose-go: ${JSON.stringify(theirs)}
ours:       ${JSON.stringify(ourAnswer(text))}${details.errorInstance ? `\n${String(details.errorInstance)}` : ""}`;
  return result;
}
