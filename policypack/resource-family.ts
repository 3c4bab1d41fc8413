/**
 * The seam between the pack and the catalogue: a resource family knows which Pulumi resource types
 * it reads and runs a catalogue entry's implementation for that family over one resource. Adding a
 * family (Docker, say) is one file implementing this and one line in `families.ts`.
 */
import type { CatalogueEntry } from "../rules/catalogue";
import type { ResourceRef } from "../rules/kubernetes/workloads";
import type { Finding, RuleOptions } from "../rules/types";
import type { JsonObject } from "../rules/values";

export interface Evaluation {
  /** How the output names the resource, e.g. `Deployment prod/web`. */
  subject: string;
  /** What exemptions match on (namespace, name, kind, labels, annotations). */
  ref: ResourceRef;
  findings: Finding[];
  /** A server-side apply patch: absent required values were not judged. */
  patch: boolean;
}

export interface ResourceFamily {
  name: string;
  /** The entry's findings for one resource, or undefined when the entry does not apply to it. */
  evaluate(entry: CatalogueEntry, type: string, name: string, props: JsonObject, options: RuleOptions): Evaluation | undefined;
  /** The resource's inputs hardened by the entries' fixes, or undefined when nothing changed. */
  remediate?(entries: CatalogueEntry[], type: string, props: JsonObject, options: (entry: CatalogueEntry) => RuleOptions): JsonObject | undefined;
}
