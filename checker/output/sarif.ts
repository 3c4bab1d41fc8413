/**
 * The checker's SARIF 2.1.0 output (`--format sarif`), for code-scanning services and editors.
 * - One rule per catalogue entry, in catalogue order (a result's ruleIndex), described by the rule's
 *   metadata: title, description, remediation and references; the run's enforcement level as its
 *   default configuration; `security-severity` from the rule's severity, on the scale code-scanning
 *   services read (critical 9.0 and above, high 7.0-8.9, medium 4.0-6.9, low below 4.0).
 * - One result per finding: level `error` when the rule is mandatory, `warning` when advisory. An
 *   `unknown` finding (a value that cannot be verified here, such as a Compose variable set by the
 *   environment) is SARIF's kind `open`, "insufficient information to decide whether a problem
 *   exists", which SARIF requires to have level `none` (§3.27.10); the checker still fails on it.
 * - One suppressed result per exemption applied (the review reports an exemption per rule and
 *   object, not the findings it took away): kind `external` for a policy config's exemption,
 *   `inSource` for the annotation written on the object itself; the justification is the reason.
 * - Unreadable inputs are the invocation's error notifications, and make it unsuccessful.
 * Files are relative to the working directory (uriBaseId SRCROOT, given in originalUriBaseIds).
 */
import { relative, resolve, sep } from "node:path";
import type { Configuration, EnforcementLevel } from "../../rules/configuration";
import type { AppliedExemption } from "../../rules/exemptions";
import type { Profile } from "../../rules/profiles";
import { findingLocation } from "../../rules/report";
import type { RuleMeta, Severity } from "../../rules/types";
import type { CheckedObject, CheckerFinding } from "../checked-object";
import { PACKAGE } from "../package-version";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const ROOT = "SRCROOT";
const SECURITY_SEVERITY: Record<Severity, string> = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" };

export interface SarifInput {
  profile: Profile;
  configuration: Configuration;
  objects: readonly CheckedObject[];
  errors: readonly string[];
  exitCode: number;
}

/** `no-host-path-volumes` → `NoHostPathVolumes`: SARIF's rule name is an identifier, its title is the short description. */
const identifier = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());

function help(meta: RuleMeta): { text: string; markdown: string } {
  const references = meta.references.map((r) => ({ text: `${r.source}: ${r.control}${r.url ? ` (${r.url})` : ""}`, markdown: `${r.source}: ${r.url ? `[${r.control}](${r.url})` : r.control}` }));
  const reference = `The rule is described in docs/rules.md#${meta.id} of the ${PACKAGE.name} package.`;
  return {
    text: [meta.description, "", "Remediation:", meta.remediation, "", "References:", ...references.map((r) => `- ${r.text}`), "", reference].join("\n"),
    markdown: [meta.description, "", "**Remediation**", "", "```", meta.remediation, "```", "", "**References**", "", ...references.map((r) => `- ${r.markdown}`), "", reference].join("\n"),
  };
}

function level(enforcement: EnforcementLevel | CheckerFinding["enforcement"]): "error" | "warning" {
  return enforcement === "advisory" ? "warning" : "error";
}

function rule(settings: Configuration["rules"][number]) {
  const { meta } = settings.entry;
  const helpUri = meta.references.find((reference) => reference.url !== undefined)?.url;
  const families = (["kubernetes", "docker"] as const).filter((family) => settings.entry[family] !== undefined);
  return {
    id: meta.id,
    name: identifier(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: help(meta),
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { enabled: settings.enforcement !== "disabled", level: level(settings.enforcement) },
    properties: {
      tags: ["security", "containers", ...families, ...meta.pss.map((pss) => `pss-${pss}`)],
      "security-severity": SECURITY_SEVERITY[meta.severity],
    },
  };
}

/** A path as the path of a URI: each segment percent-encoded (RFC 3986), separated by `/`. */
const uriPath = (path: string) => path.split(sep).map(encodeURIComponent).join("/");

/** The file as a URI relative to the working directory, or no location for standard input. */
function artifact(file: string) {
  if (file === "<stdin>") return undefined;
  return { uri: uriPath(relative(process.cwd(), resolve(file))), uriBaseId: ROOT };
}

function locations(object: CheckedObject, finding?: CheckerFinding) {
  const artifactLocation = artifact(object.file);
  if (!artifactLocation) return {};
  const region = finding?.line === undefined ? undefined : { startLine: finding.line, ...(finding.column === undefined ? {} : { startColumn: finding.column }) };
  return { locations: [{ physicalLocation: { artifactLocation, ...(region ? { region } : {}) } }] };
}

export function sarifReport({ profile, configuration, objects, errors, exitCode }: SarifInput): string {
  const rules = configuration.rules.map(rule);
  const ruleIndex = new Map(rules.map((descriptor, index) => [descriptor.id, index]));
  const enforcement = new Map(configuration.rules.map((settings) => [settings.entry.meta.id, settings.enforcement]));
  const results = objects.flatMap((object) => [
    ...object.findings.map((finding) => ({
      ruleId: finding.rule,
      ruleIndex: ruleIndex.get(finding.rule),
      ...(finding.outcome === "unknown" ? { kind: "open", level: "none" } : { kind: "fail", level: level(finding.enforcement) }),
      message: { text: `${object.subject}: ${findingLocation(finding)}: ${finding.message}` },
      ...locations(object, finding),
      properties: { source: object.source, subject: object.subject, path: finding.path, ...(finding.container === undefined ? {} : { container: finding.container }), outcome: finding.outcome, enforcement: finding.enforcement },
    })),
    ...object.exemptions.map((exemption: AppliedExemption) => ({
      ruleId: exemption.rule,
      ruleIndex: ruleIndex.get(exemption.rule),
      kind: "fail",
      level: level(enforcement.get(exemption.rule) ?? "mandatory"),
      message: { text: `${object.subject}: findings of ${exemption.rule} are exempted (${exemption.source}): ${exemption.reason}` },
      ...locations(object),
      suppressions: [{ kind: exemption.source === "annotation" ? "inSource" : "external", status: "accepted", justification: exemption.reason }],
      properties: { source: object.source, subject: object.subject },
    })),
  ]);
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: PACKAGE.name, version: PACKAGE.version, semanticVersion: PACKAGE.version, informationUri: `https://www.npmjs.com/package/${PACKAGE.name}`, rules } },
        invocations: [{ executionSuccessful: errors.length === 0, exitCode, toolExecutionNotifications: errors.map((error) => ({ level: "error", message: { text: error } })) }],
        originalUriBaseIds: { [ROOT]: { uri: `file://${uriPath(process.cwd())}`.replace(/\/?$/, "/") } },
        columnKind: "utf16CodeUnits",
        results,
        properties: { profile },
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
