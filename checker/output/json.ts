/**
 * The checker's JSON output (`--format json`): everything the text says, structured. Its shape is
 * documented by docs/checker-output.schema.json, which a test validates real outputs against.
 */
import type { Profile } from "../../rules/profiles";
import type { CheckedObject } from "../checked-object";

export interface JsonReport {
  profile: Profile;
  /** Inputs that could not be used (the run exits 2), one message each. */
  errors: readonly string[];
  /** What was read, but maybe not as its author meant (a duplicate key), `file:line:column: message`. */
  warnings: readonly string[];
  /** Documents found by walking a directory that are neither Kubernetes objects nor Compose files. */
  skipped: readonly string[];
  /** Helm charts found by walking a directory, left to `helm template`. */
  charts: readonly string[];
  objects: readonly CheckedObject[];
}

export function jsonReport({ profile, errors, warnings, skipped, charts, objects }: JsonReport): string {
  return JSON.stringify({ profile, errors, warnings, skipped, charts, objects }, null, 2);
}
