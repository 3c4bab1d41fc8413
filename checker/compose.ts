/**
 * Reviewing a Compose file: every service judged by every Docker rule of the profile (the same
 * rules as a docker.Container in a Pulumi stack), findings in Compose's own names
 * (`services.web.cap_drop`). A service that builds its image and sets no `user` is judged by the
 * USER its Dockerfile ends with (checker/compose-build.ts); a service that `extends` another is
 * judged merged with it (checker/compose-extends.ts), and one that joins another's namespaces or
 * mounts its volumes (`service:<name>`, `volumes_from`) with what it takes from it
 * (checker/compose-sharing.ts). Service labels are the exemption
 * annotations (`container-hardening.io/exempt` with `container-hardening.io/exempt-reason`).
 */
import { applyExemptions } from "../rules/exemptions";
import { resolveOptions } from "../rules/options";
import { profileRules, type Profile } from "../rules/profiles";
import { composeSubject } from "../rules/docker/subject";
import { runAsNonRoot } from "../rules/docker/run-as-non-root";
import type { ResourceRef } from "../rules/kubernetes/workloads";
import type { Finding, RuleOptions } from "../rules/types";
import { isObject, show, type JsonObject } from "../rules/values";
import { reviewComposeBuild } from "./compose-build";
import { composeModel } from "./compose-model";
import { normaliseService, type Alias } from "./compose-service";
import { withSharedSettings } from "./compose-sharing";
import type { Unresolved } from "./compose-variables";
import type { CheckedObject, CheckerFinding } from "./format";

export interface ComposeDocument {
  /** `file` or `file#<document>`. */
  source: string;
  /** The file's path (`<stdin>` for standard input: paths then resolve against the working directory). */
  file: string;
  document: JsonObject;
  /** The line a value is written on, when it can be told. */
  lineOf(keys: Array<string | number>): number | undefined;
  /** Notes for findings on fields set elsewhere (an override file), by Compose path. */
  notes?: Map<string, string>;
}

export interface ComposeSettings {
  profile: Profile;
  options?: Partial<RuleOptions>;
}

/** `key=value` entries (or a map) as a map of strings, for labels. */
function labelsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) for (const [key, entry] of Object.entries(value)) out[key] = String(entry as string);
  else if (Array.isArray(value)) {
    for (const entry of value) {
      if (typeof entry !== "string") continue;
      const equals = entry.indexOf("=");
      out[equals < 0 ? entry : entry.slice(0, equals)] = equals < 0 ? "" : entry.slice(equals + 1);
    }
  }
  return out;
}

/** Whether `path` is `prefix` or lies below it. */
const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/**
 * A finding moved to where its value is written, told where a field comes from when another file or
 * service sets it (`notes`), and, when unknown, why it is not known.
 */
function located(finding: Finding, aliases: Map<string, Alias>, unresolved: Unresolved, notes: Map<string, string>): Finding {
  const alias = aliases.get(finding.path);
  const path = alias?.path ?? finding.path;
  const origins = [...notes].filter(([prefix]) => within(finding.path, prefix)).map(([, note]) => note);
  const said = [alias?.note, ...origins].filter((note) => note !== undefined);
  let message = said.length > 0 ? `${finding.message} (${said.join("; ")}.)` : finding.message;
  if (finding.outcome === "unknown") {
    const reasons = [...unresolved].filter(([at]) => within(at, path));
    if (reasons.length > 0) {
      const needed = /it must be (.*)\. It is checked again when the value is known/.exec(finding.message)?.[1];
      const why = reasons.map(([at, reason]) => (at === path ? reason.why : `${at}: ${reason.why}`)).join("; ");
      const fixes = [...new Set(reasons.map(([, reason]) => reason.fix))].join(" ");
      message = `The value cannot be verified here: ${why}.${needed ? ` It must be ${needed}.` : ""} ${fixes}`;
    }
  }
  return { ...finding, path, message };
}

/** The services of one Compose document, reviewed; or the errors that stop it being read. */
export function reviewCompose(input: ComposeDocument, settings: ComposeSettings): { objects: CheckedObject[]; errors: string[] } {
  const where = (keys: Array<string | number>) => {
    const line = input.lineOf(keys);
    return line === undefined ? input.source : `${input.file}:${line}`;
  };
  const services = input.document.services;
  if (services === undefined || services === null) return { objects: [], errors: [] };
  if (!isObject(services)) {
    return { objects: [], errors: [`${where(["services"])}: services must be a mapping of service names to services, not ${show(services)}; fix the Compose file.`] };
  }
  const { directory, services: interpolated, volumes, unresolved, notes, errors } = composeModel(input, services);
  const objects: CheckedObject[] = [];
  for (const [name, raw] of Object.entries(interpolated)) {
    if (!isObject(raw)) {
      errors.push(`${where(["services", name])}: services.${name} must be a mapping of the service's settings, not ${show(raw)}; fix the Compose file.`);
      continue;
    }
    const shared = withSharedSettings(name, interpolated);
    const { service, aliases } = normaliseService(shared.service, { name, directory, volumes, unresolved });
    for (const [path, alias] of shared.aliases) aliases.set(path, alias);
    const buildsItsUser = raw.build !== undefined && raw.build !== null && (raw.user === undefined || raw.user === null || raw.user === "");
    const build = buildsItsUser ? reviewComposeBuild(raw.build, { prefix: `services.${name}`, directory, aliases, unresolved }) : undefined;
    if (build?.imageUser) {
      // The other rules that read the user judge the one the image ends with.
      service.user = build.imageUser.user;
      aliases.set(`services.${name}.user`, { path: `services.${name}.build`, note: build.imageUser.where });
    }
    const subject = composeSubject(name, service);
    const labels = labelsOf(raw.labels);
    const resource: ResourceRef = { apiVersion: "", kind: "Compose service", name, namespace: undefined, labels, annotations: labels };
    const object: CheckedObject = { source: input.source, subject: `Compose service ${name}`, resource, findings: [], exemptions: [] };
    for (const { entry, level } of profileRules(settings.profile)) {
      if (!entry.docker) continue;
      const options = resolveOptions({ ...settings.options, ...(level ? { level } : {}) });
      const found = build && entry.docker.id === runAsNonRoot.id ? build.findings : entry.docker.check(subject, options);
      const moved = found.map((finding) => located(finding, aliases, unresolved, notes));
      const { findings, applied } = applyExemptions(entry.meta.id, resource, moved, []);
      object.findings.push(...findings.map((f): CheckerFinding => ({ ...f, rule: entry.meta.id, severity: entry.meta.severity })));
      object.exemptions.push(...applied.map((reason) => `${entry.meta.id}: ${reason}`));
    }
    objects.push(object);
  }
  return { objects, errors };
}
