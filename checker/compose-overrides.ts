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

/** `document` merged onto `base`, each with its extends resolved; findings on what `document` sets say `note`. */
function mergedOnto(base: ComposeDocument, document: ComposeDocument, note: string): { document: JsonObject; notes: Map<string, string> } {
  const own = extendsResolved(base);
  const overriding = extendsResolved(document);
  const notes = new Map([...(base.notes ?? []), ...own.notes, ...overriding.notes]);
  const services = document.document.services;
  if (isObject(services)) {
    for (const [name, service] of Object.entries(services)) {
      for (const key of isObject(service) ? Object.keys(service) : []) notes.set(`services.${name}.${key}`, note);
    }
  }
  return { document: mergeMappings(own.document, overriding.document), notes };
}

/**
 * A file's documents as compose-go loads them, one project: each document merged onto those before it
 * (loader/loader.go loadYamlFile decodes one document after the other into the same model), so a
 * `!reset` in the second document undoes what the first sets.
 */
function oneProject(documents: ComposeDocument[]): ComposeDocument {
  let project: ComposeDocument = { ...documents[0]!, source: documents[0]!.file };
  for (const later of documents.slice(1)) project = { ...project, ...mergedOnto(project, later, `set in ${later.source}`) };
  return project;
}

/**
 * Each file's documents made one, and each directory's override file merged into its base file: what
 * to judge in place of each document (the merged project for the first document of the base file,
 * nothing for the others and the override, the document itself otherwise).
 */
export function mergeOverrideFiles(documents: ComposeDocument[]): (document: ComposeDocument) => ComposeDocument | undefined {
  const merged = new Map<ComposeDocument, ComposeDocument>();
  const absorbed = new Set<ComposeDocument>();
  const files: ComposeDocument[] = [];
  for (const file of new Set(documents.map((document) => document.file))) {
    const own = documents.filter((document) => document.file === file);
    if (own.length === 1) {
      files.push(own[0]!);
      continue;
    }
    const project = oneProject(own);
    merged.set(own[0]!, project);
    for (const document of own.slice(1)) absorbed.add(document);
    files.push(project);
  }
  const judged = (document: ComposeDocument) => merged.get(document) ?? document;
  for (const directory of new Set(files.map((document) => dirname(document.file)))) {
    const base = first(files, directory, BASE_NAMES);
    const override = first(files, directory, OVERRIDE_NAMES);
    if (!base || !override) continue;
    const project = { ...base, source: `${base.source} + ${basename(override.file)}`, ...mergedOnto(base, override, `set in ${override.file}`) };
    const original = documents.find((document) => judged(document) === base)!;
    merged.set(original, project);
    absorbed.add(documents.find((document) => judged(document) === override)!);
  }
  return (document) => (absorbed.has(document) ? undefined : judged(document));
}
