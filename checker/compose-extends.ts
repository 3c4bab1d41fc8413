/**
 * `extends`: a service built on another, in the same Compose file (`extends: base` or
 * `extends: { service: base }`) or in another (`extends: { file: common.yaml, service: base }`,
 * the file relative to the extending one). The base is resolved first (it may extend in turn), then
 * the service is merged onto it with Compose's merge rules (checker/compose-merge.ts), so whatever
 * the base sets (`privileged: true`, `cap_add: [ALL]`, a bind of `/`) is judged on the service.
 * Relative paths in another file's service (bind sources, the build context, a seccomp profile)
 * are made absolute against that file's directory, as Compose resolves them. Findings on a field
 * the base sets say so (`inherited`).
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { decodeComposeYaml } from "../decoding/compose-yaml";
import { isObject, type JsonObject, setOwnProperty } from "../rules/values";
import { parseSecurityOpt } from "../rules/docker/security-opts";
import { REMOTE } from "../rules/docker/image-build";
import { mergeMappings } from "./compose-merge";
import { splitShortVolume } from "./compose-service";
import { readDotenv } from "./compose-dotenv";
import { interpolate, type Environment } from "./compose-variables";

export interface ExtendsResult {
  services: JsonObject;
  /** Notes for findings on fields a base sets, by Compose path (`services.web.privileged`). */
  inherited: Map<string, string>;
  errors: string[];
}

interface FileServices {
  file: string;
  directory: string;
  services: JsonObject;
}

const absolute = (path: string, directory: string) => (path.startsWith(".") ? resolve(directory, path) : path);

/**
 * A value of another file as compose-go sees it when it resolves that file's relative paths: already
 * interpolated (`${DATA:-./data}:/data` is relative to that file too). One that cannot be resolved
 * here, or still holds a `$` once resolved (`$$`), is kept as written, to be interpolated later.
 */
function interpolatedText(value: unknown, environment: Environment): unknown {
  if (typeof value !== "string" || !value.includes("$")) return value;
  const result = interpolate(value, environment);
  return result.state === "resolved" && !result.value.includes("$") ? result.value : value;
}

/** A service from another file with its relative paths made absolute against that file's directory. */
function rebased(written: JsonObject, directory: string, environment: Environment): JsonObject {
  const service: JsonObject = { ...written };
  for (const key of ["volumes", "security_opt"]) {
    if (Array.isArray(written[key])) service[key] = written[key].map((entry) => (isObject(entry) && "source" in entry ? { ...entry, source: interpolatedText(entry.source, environment) } : interpolatedText(entry, environment)));
  }
  if (isObject(written.build)) service.build = { ...written.build, context: interpolatedText(written.build.context, environment) };
  else service.build = interpolatedText(written.build, environment);
  if (service.build === undefined) delete service.build;
  const out: JsonObject = { ...service };
  if (Array.isArray(service.volumes)) {
    out.volumes = service.volumes.map((entry) => {
      if (typeof entry === "string") {
        const parts = splitShortVolume(entry);
        return parts.length > 1 ? [absolute(parts[0]!, directory), ...parts.slice(1)].join(":") : entry;
      }
      return isObject(entry) && entry.type === "bind" && typeof entry.source === "string" ? { ...entry, source: absolute(entry.source, directory) } : entry;
    });
  }
  if (typeof service.build === "string" && !REMOTE.test(service.build)) out.build = resolve(directory, service.build);
  if (isObject(service.build)) {
    const context = service.build.context ?? ".";
    out.build = { ...service.build, context: typeof context === "string" && !REMOTE.test(context) ? resolve(directory, context) : context };
  }
  if (Array.isArray(service.security_opt)) {
    out.security_opt = service.security_opt.map((entry) => {
      if (typeof entry !== "string") return entry;
      const { key, value } = parseSecurityOpt(entry);
      return key === "seccomp" && value !== "unconfined" && !isAbsolute(value) ? `seccomp=${resolve(directory, value)}` : entry;
    });
  }
  return out;
}

function readServices(file: string): FileServices | string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return `${file} could not be read (${(error as Error).message})`;
  }
  const { documents, errors } = decodeComposeYaml(text);
  const [error] = errors;
  if (error) return `${file} could not be read as a Compose file (line ${error.line}: ${error.message})`;
  if (documents.length > 1) return `${file} holds several YAML documents; a file a service extends must hold one`;
  const services = documents[0]?.marked.services;
  if (!isObject(services)) return `${file} has no services mapping`;
  return { file, directory: dirname(file), services };
}

/** A string of the extends clause with its variables resolved (defaults only), or undefined. */
function resolved(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const result = interpolate(value);
  return result.state === "resolved" ? result.value : undefined;
}

/** Every service of `own` with its `extends` resolved (`file` names the Compose file in messages). */
export function resolveExtends(own: FileServices): ExtendsResult {
  const out: ExtendsResult = { services: {}, inherited: new Map(), errors: [] };
  const files = new Map<string, FileServices>([[resolve(own.file), own]]);
  // Every file of the project is interpolated with the project's environment (its .env).
  const { environment } = readDotenv(own.directory);
  const done = new Map<string, JsonObject>();

  const resolveIn = (from: FileServices, name: string, chain: string[]): JsonObject | undefined => {
    const key = `${from.file}#${name}`;
    const known = done.get(key);
    if (known) return known;
    const raw = from.services[name];
    if (!isObject(raw)) return undefined;
    if (raw.extends === undefined || raw.extends === null) return raw;
    const spec = isObject(raw.extends) ? raw.extends : { service: raw.extends };
    const baseName = resolved(spec.service);
    const baseFile = spec.file === undefined ? from.file : resolved(spec.file);
    if (baseName === undefined || baseFile === undefined) {
      out.errors.push(`${from.file}: services.${name}.extends must name a service (and optionally a file), without variables that have no default.`);
      return undefined;
    }
    const path = spec.file === undefined ? resolve(from.file) : resolve(from.directory, baseFile);
    if (chain.includes(`${path}#${baseName}`)) {
      out.errors.push(`${from.file}: services.${name} extends itself through ${[...chain, `${path}#${baseName}`].map((link) => relative(process.cwd(), link)).join(" -> ")}; Compose refuses such a loop.`);
      return undefined;
    }
    let baseFileServices = files.get(path);
    if (!baseFileServices) {
      const read = readServices(path);
      if (typeof read === "string") {
        out.errors.push(`${from.file}: services.${name}.extends: ${read}.`);
        return undefined;
      }
      files.set(path, read);
      baseFileServices = read;
    }
    if (!isObject(baseFileServices.services[baseName])) {
      out.errors.push(`${from.file}: services.${name} extends "${baseName}", which ${baseFileServices.file} does not define as a service.`);
      return undefined;
    }
    const base = resolveIn(baseFileServices, baseName, [...chain, `${path}#${baseName}`]);
    if (!base) return undefined;
    const foreign = baseFileServices !== from;
    const local = { ...raw };
    delete local.extends;
    const merged = mergeMappings(foreign ? rebased(base, baseFileServices.directory, environment) : base, local);
    done.set(key, merged);
    return merged;
  };

  for (const [name, raw] of Object.entries(own.services)) {
    const service = resolveIn(own, name, [`${resolve(own.file)}#${name}`]);
    setOwnProperty(out.services, name, service ?? raw);
    if (!service || service === raw || !isObject(raw)) continue;
    const spec = isObject(raw.extends) ? raw.extends : { service: raw.extends };
    const origin = `services.${String(spec.service)}${spec.file === undefined ? "" : ` of ${String(spec.file)}`}`;
    for (const key of Object.keys(service)) {
      if (!(key in raw)) out.inherited.set(`services.${name}.${key}`, `inherited from ${origin} through extends`);
      else if (JSON.stringify(service[key]) !== JSON.stringify(raw[key])) out.inherited.set(`services.${name}.${key}`, `merged with ${origin} through extends`);
    }
  }
  return out;
}
