/**
 * The manifest files a path names for the checker: the file itself, or every *.yaml, *.yml and
 * *.json file below a directory (recursively, in name order; hidden entries and node_modules left
 * out). What a file holds is read by decoding/manifest-files.ts.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The files a path names: itself, or every file below a directory whose name `wanted` accepts. */
export function filesBelow(path: string, wanted: (name: string) => boolean): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "node_modules")
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(join(path, entry.name), wanted) : wanted(entry.name) ? [join(path, entry.name)] : []));
}
