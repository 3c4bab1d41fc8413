/**
 * Kubernetes manifests (YAML or JSON text) to objects, exactly as Kubernetes reads them: the one
 * place the project turns manifest text into values.
 *
 * kubectl, helm and the API server do not read YAML 1.2: they read a file with kubectl's stream
 * decoder (documents cut at `---` lines, or a stream of JSON values when the file starts with `{`),
 * and each YAML document with sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1 scalars such as `yes`,
 * `off`, `0b1`, `10_001`; the last of duplicate keys wins; a `<<` merge overrides the keys written
 * before it), then JSON. A YAML 1.2 reader disagrees on what a container is allowed to do (a
 * `privileged: false` followed by `<<: {privileged: true}` is privileged), so this module
 * reimplements that whole chain (see kubectl-stream.ts, yaml-scanner.ts, yaml-parser.ts,
 * yaml-compose.ts, yaml-scalars.ts, yaml-to-json.ts, json-keys.ts, go-json.ts) and is proven
 * against the real code by test/decoding/kubernetes-yaml.test.ts (oracle: test/yaml-oracle).
 *
 * Numbers are JavaScript numbers: an integer beyond 2^53 is rounded to the nearest double, as
 * JSON.parse would round the JSON Kubernetes produces (Kubernetes keeps int64 exactly; beyond int64,
 * as a float64, which its integer fields refuse). The rules compare numbers with zero and with small
 * bounds (a minimum UID, port ranges), and rounding a number above 2^53 never moves it across
 * those, so the exact digits are not needed; a float -0 is 0, as Kubernetes stores it.
 *
 * Deliberate differences (all refusals, never a different value): a document with a character
 * go-yaml's reader refuses anywhere in it (go-yaml may not read that far after the document
 * ended), and nesting too deep for the JavaScript stack (kubectl allows 10000 levels). go-yaml
 * also skips a character at a line start when its read buffer happens to begin with U+FEFF; that
 * buffer-dependent quirk is not reproduced.
 */
import { readJsonValue, type JsonPositions } from "./go-json";
import { jsonKey } from "./json-keys";
import { kubectlStream, type JsonPart, type YamlPart } from "./kubectl-stream";
import { composeFirstDocument, NodeKind, type YamlNode } from "./yaml-compose";
import { goScalar } from "./yaml-scalars";
import { YamlSyntaxError } from "./yaml-scanner";
import { isMergeKey, yamlToJson } from "./yaml-to-json";

/** 1-based line and column (in UTF-16 code units, as editors count them). */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Something Kubernetes accepts silently but a reader should know, e.g. a duplicate key. */
export interface DecodeWarning extends SourcePosition {
  message: string;
}

export interface DecodedDocument {
  /** Exactly the JSON value Kubernetes makes of the document (objects, arrays, strings, numbers, booleans, null). */
  value: unknown;
  format: "yaml" | "json";
  /** Keys written more than once (explicitly or by a merge): Kubernetes keeps the last; strict validation refuses them. */
  warnings: DecodeWarning[];
  /** Where the value at `path` is written, or its nearest present parent when it is absent. */
  locate(path: ReadonlyArray<string | number>): SourcePosition;
}

/** Why (part of) the file cannot be read. After an error that is not about one JSON object, kubectl reads no further. */
export interface DecodeError extends Partial<SourcePosition> {
  message: string;
}

export interface DecodedManifests {
  documents: DecodedDocument[];
  errors: DecodeError[];
}

/** The characters go-yaml's reader refuses ("control characters are not allowed"): all but tab, line
 * breaks, printable ASCII, NEL and U+00A0 to U+FFFD (surrogates are paired by now). */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what it matches
const REFUSED_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Line starts of a text, for offsets to positions. */
class Lines {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  position(offset: number): SourcePosition {
    if (!this.starts) {
      this.starts = [0];
      for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) this.starts.push(i + 1);
    }
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }
}

/** Decodes every document of a manifest file's text. */
export function decodeKubernetesYaml(text: string): DecodedManifests {
  // kubectl reads files through a UTF-8 decoder that drops a byte order mark and turns invalid
  // bytes (here: lone surrogates) into U+FFFD.
  const withoutMark = text.startsWith("\ufeff") ? text.slice(1) : text;
  const source = SURROGATE.test(withoutMark) ? withoutMark.replace(LONE_SURROGATE, "\ufffd") : withoutMark;
  const lines = new Lines(source);
  const out: DecodedManifests = { documents: [], errors: [] };
  for (const part of kubectlStream(source)) {
    if (part.format === "error") {
      out.errors.push({ message: part.message, ...lines.position(part.offset) });
      break;
    }
    if (part.format === "json") {
      const { document, error } = jsonDocument(part, source, lines);
      if (document) out.documents.push(document);
      if (error) out.errors.push(error);
      continue;
    }
    const result = yamlDocument(part, lines);
    if ("message" in result) {
      out.errors.push(result);
      break;
    }
    if (result.document) out.documents.push(result.document);
  }
  return out;
}

function jsonDocument(part: JsonPart, source: string, lines: Lines): { document?: DecodedDocument; error?: DecodeError } {
  const { json, start } = part;
  if (json.numberError) {
    return { error: { message: `json: ${json.numberError.message}; Kubernetes cannot decode this object`, ...lines.position(json.numberError.offset) } };
  }
  let positions: JsonPositions | undefined;
  return {
    document: {
      value: json.value,
      format: "json",
      warnings: json.duplicates.map(({ offset, key }) => ({
        message: `duplicate key ${JSON.stringify(key)}: Kubernetes keeps the last one (this one)`,
        ...lines.position(offset),
      })),
      locate(path) {
        positions ??= readJsonValue(source, start, true).positions!;
        let offset = positions.offset;
        let current: JsonPositions | undefined = positions;
        for (const step of path) {
          const member: { keyOffset: number; positions: JsonPositions } | undefined =
            typeof step === "string" ? current?.members?.get(step) : undefined;
          const item: JsonPositions | undefined = typeof step === "number" ? current?.items?.[step] : undefined;
          if (member) {
            offset = member.keyOffset;
            current = member.positions;
          } else if (item) {
            offset = item.offset;
            current = item;
          } else {
            break;
          }
        }
        return lines.position(offset);
      },
    },
  };
}

function yamlDocument(part: YamlPart, lines: Lines): { document?: DecodedDocument } | DecodeError {
  // go-yaml's reader drops a byte order mark at the start of each document it is given.
  const skipped = part.text.startsWith("\ufeff") ? 1 : 0;
  const text = skipped ? part.text.slice(1) : part.text;
  const at = (offset: number) => lines.position(part.toSource(offset + skipped));
  const refused = REFUSED_CHARACTER.exec(text);
  if (refused) {
    const code = refused[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return { message: `yaml: control characters are not allowed (U+${code})`, ...at(refused.index) };
  }
  try {
    const root = composeFirstDocument(text);
    if (!root) return {};
    const { value, overwrites } = yamlToJson(root);
    // kubectl skips a document that is null (empty, comments only, `~`).
    if (value === null) return {};
    const seen = new Set<string>();
    const warnings: DecodeWarning[] = [];
    for (const { offset, message } of overwrites) {
      const key = `${offset}\n${message}`;
      if (seen.has(key)) continue; // the same overwrite met again through an alias
      seen.add(key);
      warnings.push({ message, ...at(offset) });
    }
    return { document: { value, format: "yaml", warnings, locate: (path) => at(locateInYaml(root, path)) } };
  } catch (error) {
    if (error instanceof YamlSyntaxError) return { message: `yaml: ${error.message}`, ...at(error.offset) };
    if (error instanceof RangeError) return { message: "nested too deeply to decode here (kubectl accepts up to 10000 levels); flatten the document", ...at(0) };
    throw error;
  }
}

// --- locate -------------------------------------------------------------------------------------

function dereference(node: YamlNode): YamlNode {
  let current = node;
  while (current.kind === NodeKind.Alias) current = current.target!;
  return current;
}

/** The pair that sets `name` last in a mapping, merges applied as go-yaml applies them. */
function findKey(mapping: YamlNode, name: string): { key: YamlNode; value: YamlNode } | undefined {
  let found: { key: YamlNode; value: YamlNode } | undefined;
  const children = mapping.children;
  for (let i = 0; i < children.length; i += 2) {
    const key = children[i]!;
    const value = children[i + 1]!;
    if (isMergeKey(key)) {
      const merged = dereference(value);
      const sources = merged.kind === NodeKind.Sequence ? merged.children.map(dereference).reverse() : [merged];
      for (const source of sources) found = (source.kind === NodeKind.Mapping && findKey(source, name)) || found;
      continue;
    }
    const target = dereference(key);
    if (target.kind === NodeKind.Scalar && jsonKey(goScalar(target.tag, target.value, target.implicit, target.start)) === name) found = { key, value };
  }
  return found;
}

function locateInYaml(root: YamlNode, path: ReadonlyArray<string | number>): number {
  let offset = root.start;
  let node = dereference(root);
  for (const step of path) {
    if (node.kind === NodeKind.Mapping && typeof step === "string") {
      const pair = findKey(node, step);
      if (!pair) break;
      offset = pair.key.start;
      node = dereference(pair.value);
    } else if (node.kind === NodeKind.Sequence && typeof step === "number" && step >= 0 && step < node.children.length) {
      offset = node.children[step]!.start;
      node = dereference(node.children[step]!);
    } else {
      break;
    }
  }
  return offset;
}
