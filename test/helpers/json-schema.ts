/**
 * JSON Schema validation for tests, with Ajv 6: the validator ESLint depends on, so the repository
 * adds no dependency for it. Version 6 because it still reads draft-04, the dialect of the official
 * SARIF 2.1.0 schema (Ajv 8, also installed through cdk8s-cli, dropped draft-04); it reads draft-07
 * schemas too, and the formats both use (uri, uri-reference, date-time).
 */
import { createRequire } from "node:module";

interface Ajv {
  addMetaSchema(schema: object): void;
  compile(schema: object): { (data: unknown): boolean; errors?: unknown[] | null };
  errorsText(errors?: unknown[] | null): string;
}

// Resolved as ESLint resolves its own dependencies.
const load = createRequire(require.resolve("eslint/package.json"));

/** A validator for `schema`: returns the errors, [] when `data` is valid. */
export function schemaValidator(schema: object): (data: unknown) => string[] {
  const AjvClass = load("ajv") as new (options: object) => Ajv;
  const ajv = new AjvClass({ schemaId: "auto", allErrors: true, format: "full" });
  ajv.addMetaSchema(load("ajv/lib/refs/json-schema-draft-04.json") as object);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : ajv.errorsText(validate.errors).split(", "));
}
