/**
 * `include`: a Compose file's top-level list of other Compose files whose services join the
 * project (`include: [../shared/compose.yaml]`, or entries `{ path, project_directory, env_file }`
 * whose `path` may be a list). Each path is relative to the including file, and may use variables
 * (resolved like any value: .env, then defaults). The checker judges each included file as it judges
 * any Compose file, so a service brought in from outside the directories it was given is not missed.
 */
import { dirname, resolve } from "node:path";
import { isObject } from "../rules/values";
import type { ComposeDocument } from "./compose";
import { readDotenv } from "./compose-dotenv";
import { interpolate } from "./compose-variables";

/** The files a Compose document includes, resolved, and the entries that cannot be followed. */
export function includedFiles(input: ComposeDocument): { files: string[]; errors: string[] } {
  const out: { files: string[]; errors: string[] } = { files: [], errors: [] };
  const include = input.document.include;
  if (include === undefined || include === null) return out;
  if (!Array.isArray(include)) {
    out.errors.push(`${input.source}: include must be a list of Compose files; fix the Compose file.`);
    return out;
  }
  const directory = input.file === "<stdin>" ? process.cwd() : dirname(resolve(input.file));
  const { environment } = readDotenv(directory);
  include.forEach((entry, index) => {
    const paths: unknown[] = isObject(entry) ? (Array.isArray(entry.path) ? entry.path : [entry.path]) : [entry];
    for (const path of paths) {
      const resolved = typeof path === "string" ? interpolate(path, environment) : undefined;
      if (resolved?.state !== "resolved") {
        out.errors.push(`${input.source}: include[${index}] must name a Compose file, without variables that cannot be resolved here, so that the services it brings in can be judged.`);
        continue;
      }
      out.files.push(resolve(directory, resolved.value));
    }
  });
  return out;
}
