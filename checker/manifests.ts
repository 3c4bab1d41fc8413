/**
 * Reading plain manifests for the checker: files, directories (recursively: *.yaml, *.yml, *.json)
 * and stdin; several YAML documents per file, `List` objects unpacked. A document is a Compose file
 * when it has no `apiVersion` or `kind` and either has a top-level `services` mapping or is in a
 * file named like one (compose.yaml, docker-compose.override.yml, ...). YAML merge keys (`<<: *base`)
 * are merged, as Compose and kubectl merge them. A file that cannot be parsed is an error naming
 * the file and line, never skipped.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import { isObject, type JsonObject } from "../rules/values";
import type { ComposeDocument } from "./compose";
import { markComposeTags } from "./compose-merge";

export interface Manifest {
  /** Where it came from: `file` or `file#<document number>` when the file holds several. */
  source: string;
  /** The file alone. */
  file: string;
  object: JsonObject;
}

export interface ManifestSet {
  manifests: Manifest[];
  /** Compose documents (judged by checker/compose.ts). */
  compose: ComposeDocument[];
  errors: string[];
  /** Documents that are neither, left out because the file was found in a directory (`skipOthers`). */
  skipped: string[];
}

export const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const COMPOSE_FILE = /^(compose|docker-compose)([.-].*)?\.ya?ml$/i;

/** The files a path names: itself, or every file below a directory whose name `wanted` accepts. */
export function filesBelow(path: string, wanted: (name: string) => boolean): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "node_modules")
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(join(path, entry.name), wanted) : wanted(entry.name) ? [join(path, entry.name)] : []));
}

/** A Compose file by name, or by content: a `services` mapping (a list there is some other tool's). */
function isComposeDocument(value: JsonObject, name: string): boolean {
  if (value.apiVersion !== undefined || value.kind !== undefined) return false;
  return isObject(value.services) || COMPOSE_FILE.test(basename(name));
}

/**
 * The objects of one file's text (`name` for messages). With `skipOthers` (a file found by walking
 * a directory, which may hold any YAML or JSON: package.json, CI settings), a document that is
 * valid but neither a Kubernetes object nor a Compose file is listed as skipped instead of being an
 * error; one that has a `kind` or an `apiVersion` is still judged or refused.
 */
export function parseManifests(name: string, text: string, options: { skipOthers?: boolean } = {}): ManifestSet {
  const out: ManifestSet = { manifests: [], compose: [], errors: [], skipped: [] };
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { merge: true, lineCounter });
  if (!Array.isArray(documents)) return out; // an empty stream
  const many = documents.length > 1;
  documents.forEach((document, index) => {
    const source = many ? `${name}#${index + 1}` : name;
    const error = document.errors[0];
    if (error) {
      const line = error.linePos?.[0].line;
      out.errors.push(`${name}${line ? `:${line}` : ""}: not valid YAML (${error.message.split("\n")[0]}); fix the file or leave it out.`);
      return;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return;
    if (isObject(value) && isComposeDocument(value, name)) {
      const lineOf = (keys: Array<string | number>) => {
        for (let length = keys.length; length > 0; length--) {
          const node: unknown = document.getIn(keys.slice(0, length), true);
          const range = isObject(node) && Array.isArray(node.range) ? (node.range as number[]) : undefined;
          if (range) return lineCounter.linePos(range[0]!).line;
        }
        return undefined;
      };
      markComposeTags(document);
      out.compose.push({ source, file: name, document: document.toJS() as JsonObject, lineOf });
      return;
    }
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
      if (isObject(item)) out.manifests.push({ source: items.length > 1 || item !== value ? `${source} items[${i}]` : source, file: name, object: item });
      else out.errors.push(`${source}: items[${i}] is not an object.`);
    });
  });
  return out;
}

/** Every manifest in the given paths (`-` is stdin). */
export function readManifests(paths: string[], stdin: () => string): ManifestSet {
  const out: ManifestSet = { manifests: [], compose: [], errors: [], skipped: [] };
  for (const path of paths) {
    let files: string[];
    try {
      files = path === "-" ? ["-"] : filesBelow(path, (name) => MANIFEST_FILE.test(name));
    } catch {
      out.errors.push(`${path}: no such file or directory.`);
      continue;
    }
    for (const file of files) {
      const set = parseManifests(file === "-" ? "<stdin>" : file, file === "-" ? stdin() : readFileSync(file, "utf8"));
      out.manifests.push(...set.manifests);
      out.compose.push(...set.compose);
      out.errors.push(...set.errors);
    }
  }
  return out;
}
