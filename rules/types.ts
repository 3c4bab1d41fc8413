/** The shapes shared by every rule, whatever it inspects. */

export type Severity = "low" | "medium" | "high" | "critical";

/** The Pod Security Standards levels a rule can be asked to enforce. */
export type PssLevel = "baseline" | "restricted";

/**
 * What a rule found at one place in a resource.
 * - `violation`: the resource is insecure (or cannot be read, which is never treated as secure).
 * - `unknown`: the value is not known yet (a Pulumi output during preview, a Compose variable the
 *   environment sets); it cannot be verified now and must be checked again when it is known.
 */
export interface Finding {
  outcome: "violation" | "unknown";
  /** Field path from the resource's root, e.g. `spec.template.spec.containers[1].securityContext`. */
  path: string;
  /** The container concerned, or undefined for a pod- or resource-level finding. */
  container?: string;
  /** What is wrong and what to write instead. */
  message: string;
  /** For an `unknown` finding: what the value must be (each adapter says why it is not known). */
  needed?: string;
  /** The line of the subject's file the finding is about, when the catalogue knows it (Dockerfiles). */
  line?: number;
}

export interface Reference {
  /** e.g. "Pod Security Standards", "CIS Docker Benchmark", "NIST SP 800-190". */
  source: string;
  /** The control within that source, e.g. "Capabilities (restricted)" or "5.3". */
  control: string;
  url?: string;
}

/** Options every rule may read; each rule declares which ones it uses. */
export interface RuleOptions {
  /** The Pod Security Standards level for rules whose control differs between levels. */
  level: PssLevel;
  /** Capabilities a container may add (restricted allows only NET_BIND_SERVICE). */
  allowedCapabilities: string[];
  /** The lowest UID/GID accepted by `non-root-uid-gid`. */
  minimumId: number;
  /** Host paths that may be mounted (exact path or a directory prefix ending in `/`). */
  allowedHostPaths: string[];
}

export type OptionName = keyof RuleOptions;

/** The declarative header of a rule: data, from which the docs and the pack's metadata are made. */
export interface RuleMeta {
  /** Stable, public, kebab-case: the Pulumi policy name and the checker's rule ID. */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** The Pod Security Standards levels that include this control (empty: beyond PSS). */
  pss: PssLevel[];
  references: Reference[];
  /** How to fix it, with an example. */
  remediation: string;
  /** The options this rule reads. */
  options: OptionName[];
}
