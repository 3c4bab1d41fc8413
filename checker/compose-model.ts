/**
 * The services of one Compose document as the Docker rules' input is built from them: `extends`
 * resolved (checker/compose-extends.ts), the `!reset`/`!override` markers settled, and every value
 * interpolated from the `.env` file next to it and the defaults (checker/compose-variables.ts).
 * checker/compose.ts reviews each service of it; the differential test against compose-go
 * (test/fuzz/compose-project-differential.ts) compares each service of it with compose-go's model.
 */
import { dirname, resolve } from "node:path";
import type { JsonObject } from "../rules/values";
import type { ComposeDocument } from "./compose";
import { displayPath } from "./compose-build";
import { readDotenv } from "./compose-dotenv";
import { resolveExtends } from "./compose-extends";
import { settled } from "./compose-merge";
import { interpolateTree, type Unresolved } from "./compose-variables";

export interface ComposeModel {
  /** The Compose file's directory, against which relative paths resolve. */
  directory: string;
  /** The services by name, extends resolved and interpolated (a service may still be of any type). */
  services: JsonObject;
  /** The top-level `volumes`, interpolated. */
  volumes: unknown;
  /** Values that could not be resolved, by Compose path. */
  unresolved: Unresolved;
  /** Notes for findings on fields set elsewhere (a base service, an override file, .env), by Compose path. */
  notes: Map<string, string>;
  /** Services `extends` could not be followed for. */
  errors: string[];
}

/** The model of a document whose `services` is a mapping. */
export function composeModel(input: ComposeDocument, services: JsonObject): ComposeModel {
  const directory = input.file === "<stdin>" ? process.cwd() : resolve(dirname(input.file));
  const unresolved: Unresolved = new Map();
  const extended = resolveExtends({ file: input.file, directory, services });
  const notes = new Map([...(input.notes ?? []), ...extended.inherited]);
  const dotenv = readDotenv(directory);
  const used = dotenv.file ? { notes, environmentFile: displayPath(dotenv.file) } : undefined;
  return {
    directory,
    services: interpolateTree(settled(extended.services), ["services"], unresolved, dotenv.environment, used) as JsonObject,
    volumes: interpolateTree(settled(input.document.volumes), ["volumes"], unresolved, dotenv.environment, used),
    unresolved,
    notes,
    errors: [...extended.errors],
  };
}
