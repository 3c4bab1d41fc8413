/**
 * One Compose service, normalised into the shapes the Docker rules read (rules/docker/subject.ts,
 * kind "Compose"), keeping Compose's key names so that findings name what to edit. Where the
 * Compose specification allows several shapes, they are read the way Compose (compose-go) reads them:
 *
 * - volumes: the short syntax `[SOURCE:]TARGET[:MODE]` (a Windows drive letter is not a separator)
 *   becomes `{ type, source, target }`; a source starting with `/`, `.` or `~` (or a drive letter)
 *   is a bind, anything else a named volume, none an anonymous volume. Bind sources are resolved as
 *   Compose resolves them: relative to the Compose file's directory, `~` to the home directory of
 *   whoever runs Compose, which the checker cannot know, so it is judged as root's, `/root` (the
 *   home holds Docker, SSH and cloud credentials either way). A named volume carries its top-level
 *   definition, so that a local-driver volume binding a host directory (`driver_opts: { o: bind,
 *   device: /etc }`) is judged as the bind it is.
 * - devices: `HOST[:CONTAINER[:PERMISSIONS]]`, a CDI name (`vendor.com/class=name`), or the long
 *   syntax `{ source, target, permissions }`, become `{ hostPath }`.
 * - sysctls: a map, or a list of `name=value`, become a map.
 * - mem_limit and deploy.resources.limits.memory: bytes, or a string with a unit (`512m`, `1g`,
 *   `1.5GB`: docker/go-units RAMInBytes, powers of 1024) become MB and bytes; cpus (a number or a
 *   string) a string; deploy.resources.limits.cpus nano CPUs.
 * - security_opt: a `seccomp` entry names a profile file, which Compose reads relative to the
 *   Compose file's directory and sends as JSON (docker/compose parseSecurityOpts); it is read here
 *   too, so that an allow-all profile is caught; a file that cannot be read is not known.
 * - user and group_add: numbers become strings (`user: 0` is root); read_only and privileged:
 *   the strings Compose casts to booleans (`true`, `yes`, `on`, ... once a variable is resolved).
 *
 * Findings about a value written in another shape are moved back to where it is written (`aliases`:
 * `volumes[0].source` of a short-syntax entry is `volumes[0]`).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isUnknown, isObject, type JsonObject, setOwnProperty } from "../rules/values";
import { parseSecurityOpt } from "../rules/docker/security-opts";
import { NOT_KNOWN, type Unresolved } from "./compose-variables";
import { parseJsonFile } from "../decoding/json-file";

/** Where a finding at a normalised path is reported instead, and what to add to its message. */
export interface Alias {
  path: string;
  note?: string;
}

export interface NormalisedService {
  service: JsonObject;
  /** By normalised path (`services.web.volumes[0].source`). */
  aliases: Map<string, Alias>;
}

export interface ServiceContext {
  /** The service's name (its key under `services`). */
  name: string;
  /** The Compose file's directory, against which relative paths resolve. */
  directory: string;
  /** The top-level `volumes` map (interpolated), or undefined. */
  volumes: unknown;
  /** Values that could not be resolved, by Compose path; reading a file may add to it. */
  unresolved: Unresolved;
}

/** The home `~` stands for (see the header). */
const HOME = "/root";
const HOME_NOTE = `~ is the home directory of whoever runs Compose; the checker cannot know whose, so it judges it as root's, ${HOME}`;

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Bytes of a Compose byte value (`512m`, `1g`, `1073741824`), or undefined when it is none. */
export function bytes(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)*) ?([kmgtp])?i?b?$/i.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNITS[(match[2] ?? "").toLowerCase()]!;
}

function isWindowsPath(source: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(source) || source.startsWith("\\\\");
}

/** Whether a short-syntax or long-syntax source names a host path (compose-go isFilePath). */
function isHostPath(source: string): boolean {
  return source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || isWindowsPath(source);
}

/** A host path as Compose resolves it, and a note when it was not written as it is judged. */
function resolveHostPath(source: string, directory: string): { path: string; note?: string } {
  if (source === "~" || source.startsWith("~/")) return { path: HOME + source.slice(1), note: `${JSON.stringify(source)}: ${HOME_NOTE}` };
  if (source.startsWith(".")) return { path: resolve(directory, source), note: `${JSON.stringify(source)} is relative to the Compose file's directory, ${directory}` };
  return { path: source };
}

/** `[SOURCE:]TARGET[:MODE]` split as compose-go ParseVolume splits it. */
export function splitShortVolume(spec: string): string[] {
  const parts: string[] = [];
  let buffer = "";
  for (const character of spec) {
    if (character === ":" && !(buffer.length === 1 && /[A-Za-z]/.test(buffer))) {
      parts.push(buffer);
      buffer = "";
    } else buffer += character;
  }
  parts.push(buffer);
  return parts;
}

class Normaliser {
  readonly aliases = new Map<string, Alias>();
  private readonly prefix: string;

  constructor(private readonly context: ServiceContext) {
    this.prefix = `services.${context.name}`;
  }

  private alias(normalised: string, written: string, note?: string): void {
    this.aliases.set(`${this.prefix}.${normalised}`, { path: `${this.prefix}.${written}`, ...(note ? { note } : {}) });
  }

  /** A named volume's top-level definition as the local driver's options, when it has any. */
  private volumeOptions(name: string, at: string): JsonObject | undefined {
    const volumes = this.context.volumes;
    const definition = isObject(volumes) ? volumes[name] : undefined;
    if (!isObject(definition)) return undefined;
    const driverOptions = definition.driver_opts;
    if (isObject(driverOptions) && typeof driverOptions.device === "string" && isHostPath(driverOptions.device)) {
      const device = resolveHostPath(driverOptions.device, this.context.directory);
      const note = `the volume "${name}" binds the host's ${device.path}${device.note ? `; ${device.note}` : ""}`;
      this.aliases.set(`${this.prefix}.${at}.volumeOptions.driverOptions.device`, { path: `volumes.${name}.driver_opts.device`, note });
      return { driverName: definition.driver, driverOptions: { ...driverOptions, device: device.path } };
    }
    return { driverName: definition.driver, driverOptions };
  }

  private bind(source: string, at: string, written: string): string {
    const host = resolveHostPath(source, this.context.directory);
    if (host.note || written !== `${at}.source`) this.alias(`${at}.source`, written, host.note);
    return host.path;
  }

  private shortVolume(spec: string, at: string): JsonObject {
    const parts = splitShortVolume(spec);
    this.alias(`${at}.type`, at);
    if (parts.length === 1) return { type: "volume", target: parts[0] };
    const [source = "", target] = parts;
    if (isHostPath(source)) return { type: "bind", source: this.bind(source, at, at), target };
    return { type: "volume", source, target, volumeOptions: this.volumeOptions(source, at) };
  }

  private longVolume(entry: JsonObject, at: string): JsonObject {
    const out = { ...entry };
    if (typeof entry.source !== "string") return out;
    if (entry.type === "bind") out.source = this.bind(entry.source, at, `${at}.source`);
    else if (entry.type === "volume") out.volumeOptions = this.volumeOptions(entry.source, at);
    return out;
  }

  volumes(list: unknown): unknown {
    if (!Array.isArray(list)) return list;
    return list.map((entry, index) => {
      const at = `volumes[${index}]`;
      if (typeof entry === "string" && !isUnknown(entry)) return this.shortVolume(entry, at);
      return isObject(entry) ? this.longVolume(entry, at) : entry;
    });
  }

  devices(list: unknown): unknown {
    if (!Array.isArray(list)) return list;
    return list.map((entry, index) => {
      const at = `devices[${index}]`;
      if (typeof entry === "string" && !isUnknown(entry)) {
        this.alias(`${at}.hostPath`, at);
        // A CDI name is not a path: it names the device whole.
        return { hostPath: entry.startsWith("/") ? splitShortVolume(entry)[0] : entry };
      }
      if (!isObject(entry)) return entry;
      this.alias(`${at}.hostPath`, `${at}.source`);
      return { hostPath: entry.source };
    });
  }

  sysctls(value: unknown): unknown {
    if (!Array.isArray(value)) return value;
    // A name that is not known may be any sysctl.
    if (value.some(isUnknown)) return NOT_KNOWN;
    const map: JsonObject = {};
    value.forEach((entry, index) => {
      const text = String(entry);
      const name = text.split("=")[0]!.trim();
      setOwnProperty(map, name, text.slice(text.indexOf("=") + 1));
      this.alias(`sysctls[${JSON.stringify(name)}]`, `sysctls[${index}]`);
    });
    return map;
  }

  securityOpts(list: unknown): unknown {
    if (!Array.isArray(list)) return list;
    return list.map((entry, index) => {
      if (typeof entry !== "string" || isUnknown(entry)) return entry;
      const { key, value } = parseSecurityOpt(entry);
      if (key !== "seccomp" || value === "unconfined") return entry;
      const file = resolve(this.context.directory, value);
      const at = `security_opt[${index}]`;
      try {
        const profile = parseJsonFile(readFileSync(file, "utf8"));
        this.alias(at, at, `the profile is ${file}`);
        return `seccomp=${JSON.stringify(profile)}`;
      } catch (error) {
        this.context.unresolved.set(`${this.prefix}.${at}`, {
          why: `the seccomp profile ${file}, which Compose reads and sends to the daemon, could not be read here (${(error as Error).message.split("\n")[0]})`,
          fix: "Check the project with the profile in place (relative paths resolve against the Compose file's directory).",
        });
        return NOT_KNOWN;
      }
    });
  }
}

const asString = (value: unknown) => (typeof value === "number" ? String(value) : value);

/** A boolean field's value as compose-go casts a string to a boolean; anything else is left as is. */
function asBoolean(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const lower = value.toLowerCase();
  if (["y", "yes", "true", "on"].includes(lower)) return true;
  if (["n", "no", "false", "off"].includes(lower)) return false;
  return value;
}

/** Memory in MB (`mem_limit`) from a byte value; a value that is none is left for the rule to refuse. */
function megabytes(value: unknown): unknown {
  if (isUnknown(value)) return value;
  const amount = bytes(value);
  return amount === undefined ? value : amount / 1024 ** 2;
}

/** deploy.resources.limits with memory in bytes and cpus in nano CPUs. */
function limits(deploy: unknown): unknown {
  if (!isObject(deploy) || !isObject(deploy.resources) || !isObject(deploy.resources.limits)) return deploy;
  const { memory, cpus } = deploy.resources.limits;
  const nano = typeof cpus === "number" || (typeof cpus === "string" && !isUnknown(cpus) && cpus.trim() !== "" && !Number.isNaN(Number(cpus))) ? Number(cpus) * 1e9 : cpus;
  const memoryBytes = isUnknown(memory) ? memory : (bytes(memory) ?? memory);
  return { ...deploy, resources: { ...deploy.resources, limits: { ...deploy.resources.limits, memory: memoryBytes, cpus: nano } } };
}

/** The service in the shapes the Docker rules read (the input is not modified). */
export function normaliseService(raw: JsonObject, context: ServiceContext): NormalisedService {
  const normaliser = new Normaliser(context);
  const service: JsonObject = {
    ...raw,
    user: asString(raw.user),
    group_add: Array.isArray(raw.group_add) ? raw.group_add.map(asString) : raw.group_add,
    read_only: asBoolean(raw.read_only),
    privileged: asBoolean(raw.privileged),
    volumes: normaliser.volumes(raw.volumes),
    devices: normaliser.devices(raw.devices),
    sysctls: normaliser.sysctls(raw.sysctls),
    security_opt: normaliser.securityOpts(raw.security_opt),
    mem_limit: megabytes(raw.mem_limit),
    cpus: asString(raw.cpus),
    cpuset: asString(raw.cpuset),
    deploy: limits(raw.deploy),
  };
  return { service, aliases: normaliser.aliases };
}
