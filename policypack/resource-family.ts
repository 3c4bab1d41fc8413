/**
 * The seam between the pack and the catalogue: a resource family knows which Pulumi resource types
 * it reads and makes the catalogue's subject of one resource (rules/subject.ts), and hardens a
 * resource's inputs with rules' fixes. Adding a family is one file implementing this and one line
 * in `families.ts`.
 */
import type { CatalogueEntry } from "../rules/catalogue";
import type { Subject } from "../rules/subject";
import type { RuleOptions } from "../rules/types";
import type { JsonObject } from "../rules/values";

export interface ResourceFamily {
  name: string;
  /** The subject a resource of `type` is, or undefined when this family does not read the type. */
  subject(type: string, name: string, props: JsonObject): Subject | undefined;
  /** The resource's inputs hardened by the entries' fixes, or undefined when nothing changed. */
  remediate?(entries: CatalogueEntry[], type: string, props: JsonObject, options: (entry: CatalogueEntry) => RuleOptions): JsonObject | undefined;
}
