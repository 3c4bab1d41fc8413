/**
 * What a Compose service takes from another service of the project, which Docker gives it as if
 * it were its own:
 * - `network_mode: service:<name>`, `pid: service:<name>`, `ipc: service:<name>` join that
 *   service's namespace: when it is the host's (`host`, directly or through further services), so
 *   is this one's;
 * - `volumes_from: [<name>[:ro|:rw]]` mounts every volume of that service (`container:<name>`
 *   entries name containers outside the project, which cannot be seen).
 * So that exempting one service (say, a trusted agent that mounts the Docker socket) does not
 * exempt every service built on it, the shared settings are judged on this service too, reported at
 * the key that shares them.
 */
import { isObject, type JsonObject } from "../rules/values";
import type { Alias } from "./compose-service";

const NAMESPACES = ["network_mode", "pid", "ipc"] as const;

export interface Shared {
  /** The service with the shared settings written in. */
  service: JsonObject;
  /** Where a finding on a shared setting is reported, by the path it has in `service`. */
  aliases: Map<string, Alias>;
}

/** The host's namespace when `service` reaches it through `service:` joins, with the chain that does. */
function hostThrough(services: JsonObject, key: (typeof NAMESPACES)[number], name: string, chain: string[]): string[] | undefined {
  const service = services[name];
  const mode = isObject(service) ? service[key] : undefined;
  if (mode === "host") return chain;
  if (typeof mode !== "string" || !mode.startsWith("service:")) return undefined;
  const next = mode.slice("service:".length);
  return chain.includes(next) ? undefined : hostThrough(services, key, next, [...chain, next]);
}

/** The service `name` of `services` (interpolated, extends resolved) with what it shares written in. */
export function withSharedSettings(name: string, services: JsonObject): Shared {
  const own = services[name] as JsonObject;
  const service: JsonObject = { ...own };
  const aliases = new Map<string, Alias>();
  const prefix = `services.${name}`;
  for (const key of NAMESPACES) {
    const mode = own[key];
    if (typeof mode !== "string" || !mode.startsWith("service:")) continue;
    const chain = hostThrough(services, key, mode.slice("service:".length), [mode.slice("service:".length)]);
    if (!chain) continue;
    service[key] = "host";
    aliases.set(`${prefix}.${key}`, { path: `${prefix}.${key}`, note: `${JSON.stringify(mode)} joins the host's namespace through ${chain.map((link) => `services.${link}`).join(" -> ")}` });
  }
  const from = own.volumes_from;
  // A volumes list of the wrong type is left for the rules to refuse.
  if (!Array.isArray(from) || (own.volumes !== undefined && own.volumes !== null && !Array.isArray(own.volumes))) return { service, aliases };
  const volumes = Array.isArray(own.volumes) ? [...(own.volumes as unknown[])] : [];
  from.forEach((entry, index) => {
    if (typeof entry !== "string" || entry.startsWith("container:")) return;
    const source = entry.split(":")[0]!;
    const shared = services[source];
    if (source === name || !isObject(shared) || !Array.isArray(shared.volumes)) return;
    shared.volumes.forEach((volume, j) => {
      const at = `${prefix}.volumes[${volumes.length}]`;
      const alias = { path: `${prefix}.volumes_from[${index}]`, note: `services.${source}.volumes[${j}], shared through volumes_from` };
      for (const suffix of ["", ".source", ".type"]) aliases.set(`${at}${suffix}`, alias);
      volumes.push(volume);
    });
  });
  service.volumes = volumes;
  return { service, aliases };
}
