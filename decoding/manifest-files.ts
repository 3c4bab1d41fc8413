/**
 * A manifest file's text to the Kubernetes objects and Compose documents it holds, each read by the
 * program that will run it: every document is decoded as kubectl decodes it (kubernetes-yaml.ts),
 * and a file that holds a Compose document is decoded again as compose-go decodes it
 * (compose-yaml.ts), its Compose documents taken from that reading. So `<<: {privileged: true}`
 * after `privileged: false`, `hostNetwork: off` and a duplicate key mean here what they mean to
 * Kubernetes, and `yes` and `!reset` what they mean to Compose.
 *
 * A document is a Compose file when it has no `apiVersion` or `kind` and either has a top-level
 * `services` mapping or is in a file named like one (compose.yaml, docker-compose.override.yml,
 * ...). `List` objects are unpacked. A file that cannot be decoded is an error naming the file,
 * line and column, never skipped; what Kubernetes accepts silently but a reader should know (a
 * duplicate key) is a warning.
 */
import { basename } from "node:path";
import { isObject, type JsonObject } from "../rules/values";
import { decodeComposeYaml, type ComposeYamlDocument, type DecodedComposeYaml, type Position } from "./compose-yaml";
import { decodeKubernetesYaml, type DecodedDocument, type SourcePosition } from "./kubernetes-yaml";

export interface KubernetesManifest {
  /** Where it came from: `file` or `file#<document number>` when the file holds several. */
  source: string;
  /** The file's name as given (`<stdin>` for standard input). */
  file: string;
  object: JsonObject;
  /** Where the object's field at `path` is written in the file, or its nearest present parent. */
  locate(path: ReadonlyArray<string | number>): SourcePosition;
}

export interface ComposeManifest {
  /** `file` or `file#<document number>`. */
  source: string;
  /** The file's path (`<stdin>` for standard input). */
  file: string;
  /** The document as compose-go decodes it, `!reset` and `!override` marked for the merges (compose-yaml.ts `marked`). */
  document: JsonObject;
  /** Where the value at `path` is written, or its nearest parent that is. */
  locate(path: ReadonlyArray<string | number>): Position | undefined;
}

export interface ManifestFile {
  manifests: KubernetesManifest[];
  compose: ComposeManifest[];
  errors: string[];
  /** `file:line:column: message` of what is read, but maybe not as the author meant. */
  warnings: string[];
  /** Documents that are neither, left out because the file was found in a directory (`skipOthers`). */
  skipped: string[];
}

const COMPOSE_FILE = /^(compose|docker-compose)([.-].*)?\.ya?ml$/i;

/** A Compose file by name, or by content: a `services` mapping (a list there is some other tool's). */
function isComposeDocument(value: unknown, composeNamed: boolean): value is JsonObject {
  if (!isObject(value) || value.apiVersion !== undefined || value.kind !== undefined) return false;
  return isObject(value.services) || composeNamed;
}

const at = (name: string, position: Partial<Position>) => `${name}${position.line === undefined ? "" : `:${position.line}:${position.column}`}`;

/**
 * The Compose reading of each document of the Kubernetes reading: the one whose root is written at
 * the same line and column (kubectl skips empty documents, compose-go refuses them), else the one
 * at the same place in the file when both readers found as many (a root with an anchor or a tag
 * starts at the anchor for one reader, at the mapping for the other).
 */
function composeReading(decoded: DecodedComposeYaml, kubernetes: DecodedDocument[]): (index: number) => ComposeYamlDocument | undefined {
  const byRoot = new Map(decoded.documents.map((document) => [at("", document.locate([]) ?? {}), document]));
  const sameCount = decoded.documents.length === kubernetes.length;
  return (index) => byRoot.get(at("", kubernetes[index]!.locate([]))) ?? (sameCount ? decoded.documents[index] : undefined);
}

/**
 * The objects of one file's text (`name` for messages). With `skipOthers` (a file found by walking
 * a directory, which may hold any YAML or JSON: package.json, CI settings), a document that is
 * valid but neither a Kubernetes object nor a Compose file is listed as skipped instead of being an
 * error; one that has a `kind` or an `apiVersion` is still judged or refused.
 */
export function decodeManifestFile(name: string, text: string, options: { skipOthers?: boolean } = {}): ManifestFile {
  const out: ManifestFile = { manifests: [], compose: [], errors: [], warnings: [], skipped: [] };
  const decoded = decodeKubernetesYaml(text);
  for (const error of decoded.errors) out.errors.push(`${at(name, error)}: not valid YAML (${error.message}); fix the file or leave it out.`);
  const composeNamed = COMPOSE_FILE.test(basename(name));
  const isCompose = (document: DecodedDocument) => isComposeDocument(document.value, composeNamed);
  // compose-go refuses a whole file when one of its documents cannot be decoded.
  const compose = decoded.documents.some(isCompose) ? decodeComposeYaml(text) : undefined;
  for (const error of compose?.errors ?? []) out.errors.push(`${at(name, error)}: not a valid Compose file (${error.message}); fix the file.`);
  const composeOf = compose && composeReading(compose, decoded.documents);
  const many = decoded.documents.length > 1;
  decoded.documents.forEach((document, index) => {
    const source = many ? `${name}#${index + 1}` : name;
    const { value } = document;
    if (isCompose(document)) {
      if (compose!.errors.length > 0) return;
      const read = composeOf!(index);
      if (!read) {
        out.errors.push(`${source}: Kubernetes and Compose do not read the same documents in this file; split it at its --- lines.`);
        return;
      }
      out.warnings.push(...read.warnings.map((warning) => `${at(name, warning)}: ${warning.message}`));
      out.compose.push({ source, file: name, document: read.marked as JsonObject, locate: read.locate });
      return;
    }
    out.warnings.push(...document.warnings.map((warning) => `${at(name, warning)}: ${warning.message}`));
    if (options.skipOthers && !(isObject(value) && ("kind" in value || "apiVersion" in value))) {
      out.skipped.push(source);
      return;
    }
    if (!isObject(value) || typeof value.kind !== "string") {
      out.errors.push(`${source}: not a Kubernetes object (it has no kind), nor a Compose file (it has no services mapping); the checker reads manifests such as cdk8s output or helm template, and Compose files.`);
      return;
    }
    const items = value.kind.endsWith("List") && Array.isArray(value.items) ? value.items : [value];
    items.forEach((item, i) => {
      if (!isObject(item)) {
        out.errors.push(`${source}: items[${i}] is not an object.`);
        return;
      }
      const unpacked = item !== value;
      const locate = unpacked ? (path: ReadonlyArray<string | number>) => document.locate(["items", i, ...path]) : document.locate;
      out.manifests.push({ source: items.length > 1 || unpacked ? `${source} items[${i}]` : source, file: name, object: item, locate });
    });
  });
  return out;
}
