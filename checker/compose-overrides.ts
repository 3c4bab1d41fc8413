/**
 * Override files: `docker compose` reads the first of compose.yaml, compose.yml, docker-compose.yml,
 * docker-compose.yaml in a directory and merges onto it the first of compose.override.yml,
 * compose.override.yaml, docker-compose.override.yml, docker-compose.override.yaml found next to it
 * (compose-go DefaultFileNames, DefaultOverrideFileNames). When the checker reads both, it judges the
 * merged project, as Compose runs it, rather than the override alone (whose services are fragments:
 * judged alone, they would lack what the base file sets). Findings on a field the override sets say
 * so.
 *
 * compose-go resolves `extends` in each file before merging the next onto it (loader/loader.go
 * loadYamlFile: ApplyExtends on the file, then override.Merge), so a service that extends `base` in
 * compose.yaml takes base as compose.yaml writes it: what the override file adds to `base` (a
 * `cap_drop: [ALL]`) does not reach it.
 */
import { basename, dirname, resolve } from "node:path";
import { isObject, type JsonObject } from "../rules/values";
import type { ComposeDocument } from "./compose";
import { resolveExtends } from "./compose-extends";
import { mergeMappings } from "./compose-merge";

const BASE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
const OVERRIDE_NAMES = ["compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"];

/** The first file of `names` among a directory's documents (single-document files only). */
function first(documents: ComposeDocument[], directory: string, names: string[]): ComposeDocument | undefined {
  for (const name of names) {
    const found = documents.find((document) => document.source === document.file && dirname(document.file) === directory && basename(document.file) === name);
    if (found) return found;
  }
  return undefined;
}

/** A file's document with the `extends` of its services resolved, and the notes saying what they inherit. */
function extendsResolved(file: ComposeDocument): { document: JsonObject; notes: Map<string, string> } {
  const services = file.document.services;
  if (!isObject(services)) return { document: file.document, notes: new Map() };
  // A service whose extends cannot be followed keeps it, for the project's model to report.
  const extended = resolveExtends({ file: file.file, directory: dirname(resolve(file.file)), services });
  return { document: { ...file.document, services: extended.services }, notes: extended.inherited };
}

/**
 * Each directory's override file merged into its base file: what to judge in place of each document
 * (the merged project for the base file, nothing for the override, the document itself otherwise).
 */
export function mergeOverrideFiles(documents: ComposeDocument[]): (document: ComposeDocument) => ComposeDocument | undefined {
  const merged = new Map<ComposeDocument, ComposeDocument>();
  const absorbed = new Set<ComposeDocument>();
  for (const directory of new Set(documents.map((document) => dirname(document.file)))) {
    const base = first(documents, directory, BASE_NAMES);
    const override = first(documents, directory, OVERRIDE_NAMES);
    if (!base || !override) continue;
    const own = extendsResolved(base);
    const overriding = extendsResolved(override);
    const notes = new Map([...(base.notes ?? []), ...own.notes, ...overriding.notes]);
    const services = override.document.services;
    if (isObject(services)) {
      for (const [name, service] of Object.entries(services)) {
        for (const key of isObject(service) ? Object.keys(service) : []) notes.set(`services.${name}.${key}`, `set in ${override.file}`);
      }
    }
    merged.set(base, { ...base, source: `${base.source} + ${basename(override.file)}`, document: mergeMappings(own.document, overriding.document), notes });
    absorbed.add(override);
  }
  return (document) => (absorbed.has(document) ? undefined : (merged.get(document) ?? document));
}
