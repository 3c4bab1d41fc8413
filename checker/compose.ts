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
import type { ComposeManifest } from "../decoding/manifest-files";
import type { Configuration } from "../rules/configuration";
import { imageUser, userLocation } from "../rules/docker/image-build";
import { composeSubject } from "../rules/docker/subject";
import { review } from "../rules/review";
import { dockerContainerSubject } from "../rules/subject";
import type { Finding } from "../rules/types";
import { isObject, show, setOwnProperty } from "../rules/values";
import { checkedObject, type CheckedObject } from "./checked-object";
import { composeImageBuild } from "./compose-build";
import { composeModel } from "./compose-model";
import { normaliseService, type Alias } from "./compose-service";
import { withSharedSettings } from "./compose-sharing";
import type { Unresolved } from "./compose-variables";

/** A Compose document as read (`file` is `<stdin>` for standard input: paths then resolve against the working directory). */
export interface ComposeDocument extends ComposeManifest {
  /** Notes for findings on fields set elsewhere (an override file), by Compose path. */
  notes?: Map<string, string>;
}

/** `key=value` entries (or a map) as a map of strings, for labels. */
function labelsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) for (const [key, entry] of Object.entries(value)) setOwnProperty(out, key, String(entry as string));
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
      const needed = finding.needed;
      const why = reasons.map(([at, reason]) => (at === path ? reason.why : `${at}: ${reason.why}`)).join("; ");
      const fixes = [...new Set(reasons.map(([, reason]) => reason.fix))].join(" ");
      message = `The value cannot be verified here: ${why}.${needed ? ` It must be ${needed}.` : ""} ${fixes}`;
    }
  }
  return { ...finding, path, message };
}

/** The services of one Compose document, reviewed; or the errors that stop it being read. */
export function reviewCompose(input: ComposeDocument, configuration: Configuration): { objects: CheckedObject[]; errors: string[] } {
  const where = (keys: Array<string | number>) => {
    const position = input.locate(keys);
    return position === undefined ? input.source : `${input.file}:${position.line}`;
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
    if (typeof raw.user === "number") {
      // compose-go v2.16.2's schema (schema/compose-spec.json) types user as a string: docker compose
      // refuses the file. The service is still judged, the number read as the user it names.
      errors.push(`${where(["services", name, "user"])}: services.${name}.user is the number ${raw.user}, which Compose refuses (it must be a string); write user: "${raw.user}".`);
    }
    const shared = withSharedSettings(name, interpolated);
    const { service, aliases } = normaliseService(shared.service, { name, directory, volumes, unresolved });
    for (const [path, alias] of shared.aliases) aliases.set(path, alias);
    const buildsItsUser = raw.build !== undefined && raw.build !== null && (raw.user === undefined || raw.user === null || raw.user === "");
    const image = buildsItsUser ? composeImageBuild(raw.build, { prefix: `services.${name}`, directory, aliases, unresolved }) : undefined;
    const fromImage = image && imageUser(image);
    if (fromImage && "user" in fromImage && fromImage.user.state === "user") {
      // Rules that judge the user's value judge the one the image ends with: say where it is written.
      aliases.set(`services.${name}.user`, { path: `services.${name}.build`, note: `the image's USER, ${userLocation(fromImage, fromImage.user)}` });
    }
    const labels = labelsOf(raw.labels);
    const subject = dockerContainerSubject(composeSubject(name, service, image), "Compose service", labels);
    const reviewed = review(subject, configuration);
    const object = checkedObject({ source: input.source, file: input.file }, { ...reviewed, findings: reviewed.findings.map((finding) => ({ ...finding, ...located(finding, aliases, unresolved, notes) })) });
    objects.push(object);
  }
  return { objects, errors };
}
