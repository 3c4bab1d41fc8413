/**
 * Reading plain Kubernetes manifests for the checker: files, directories (recursively: *.yaml,
 * *.yml, *.json) and stdin; several YAML documents per file, `List` objects unpacked. A file that
 * cannot be parsed is an error naming the file and line, never skipped.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { isObject, type JsonObject } from "../rules/values";

export interface Manifest {
  /** Where it came from: `file` or `file#<document number>` when the file holds several. */
  source: string;
  object: JsonObject;
}

export interface ManifestSet {
  manifests: Manifest[];
  errors: string[];
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The manifest files a path names: itself, or every manifest file below a directory. */
function expand(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "node_modules")
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? expand(join(path, entry.name)) : MANIFEST_FILE.test(entry.name) ? [join(path, entry.name)] : []));
}

/** The objects of one file's text (`name` for messages). */
export function parseManifests(name: string, text: string): ManifestSet {
  const out: ManifestSet = { manifests: [], errors: [] };
  const documents = parseAllDocuments(text);
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
    if (!isObject(value) || typeof value.kind !== "string") {
      out.errors.push(`${source}: not a Kubernetes object (it has no kind); the checker reads manifests such as cdk8s output or helm template.`);
      return;
    }
    const items = value.kind.endsWith("List") && Array.isArray(value.items) ? value.items : [value];
    items.forEach((item, i) => {
      if (isObject(item)) out.manifests.push({ source: items.length > 1 || item !== value ? `${source} items[${i}]` : source, object: item });
      else out.errors.push(`${source}: items[${i}] is not an object.`);
    });
  });
  return out;
}

/** Every manifest in the given paths (`-` is stdin). */
export function readManifests(paths: string[], stdin: () => string): ManifestSet {
  const out: ManifestSet = { manifests: [], errors: [] };
  for (const path of paths) {
    let files: string[];
    try {
      files = path === "-" ? ["-"] : expand(path);
    } catch {
      out.errors.push(`${path}: no such file or directory.`);
      continue;
    }
    for (const file of files) {
      const set = parseManifests(file === "-" ? "<stdin>" : file, file === "-" ? stdin() : readFileSync(file, "utf8"));
      out.manifests.push(...set.manifests);
      out.errors.push(...set.errors);
    }
  }
  return out;
}
