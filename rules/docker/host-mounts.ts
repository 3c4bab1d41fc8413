/**
 * The host paths a Docker container mounts, for no-host-path-volumes and no-docker-socket-mount.
 *
 * Reads:
 *   Container: mounts[*] of type "bind" (`source`), mounts[*] of type "volume" whose local driver
 *     binds a host directory (volumeOptions.driverOptions with `o` including `bind`: `device` is a
 *     host path, exactly as `docker volume create -o type=none -o o=bind -o device=/etc` makes),
 *     and volumes[*].hostPath (which takes precedence over volumeName);
 *   Service: taskSpec.containerSpec.mounts[*] of type "bind" (`source`), and local-driver binds as
 *     for a Container.
 * Mount types are compared exactly, as the daemon does (it refuses `Bind`). A mount whose type or
 * host path is unknown at preview is reported as unknown: it may be a bind of anything.
 */
import type { Finding } from "../types";
import { unknownValue } from "../findings";
import { classify, isObject, type JsonObject } from "../values";
import { field, itemField, items, judge, type DockerContainerSubject, type Field, type Item } from "./subject";

export interface HostMount {
  /** The path of the field holding the host path, e.g. `mounts[0].source`. */
  path: string;
  hostPath: string;
}

/** The host directory a local-driver volume mount binds, if it is one. */
function localBindDevice(mount: Item<JsonObject>): Field<string> | undefined {
  const options = mount.value.volumeOptions;
  if (!isObject(options)) return undefined;
  const driver = options.driverName;
  if (driver !== undefined && driver !== null && driver !== "local") return undefined;
  const driverOptions = options.driverOptions;
  if (!isObject(driverOptions) || typeof driverOptions.o !== "string") return undefined;
  if (!driverOptions.o.split(",").map((o) => o.trim()).includes("bind")) return undefined;
  return { path: `${mount.path}.volumeOptions.driverOptions.device`, read: classify(driverOptions.device, "string") };
}

function hostPathAt(located: Field<string>, needed: string): { mounts: HostMount[]; findings: Finding[] } {
  const judged = judge(located, needed);
  if (!judged) return { mounts: [], findings: [] };
  if ("finding" in judged) return { mounts: [], findings: [judged.finding] };
  return { mounts: [{ path: located.path, hostPath: judged.value }], findings: [] };
}

function fromMount(mount: Item<JsonObject>, needed: string): { mounts: HostMount[]; findings: Finding[] } {
  const type = judge(itemField(mount, "type", "string"), 'a mount type ("bind", "volume", "tmpfs")');
  // A type that cannot be read may be "bind": never a pass.
  if (type && "finding" in type) return { mounts: [], findings: [type.finding] };
  if (type?.value === "bind") return hostPathAt(itemField(mount, "source", "string"), needed);
  const device = type?.value === "volume" ? localBindDevice(mount) : undefined;
  return device ? hostPathAt(device, needed) : { mounts: [], findings: [] };
}

/** Every host path the container mounts, and what keeps a mount from being judged. */
export function hostMounts(subject: DockerContainerSubject, needed: string): { mounts: HostMount[]; findings: Finding[] } {
  const out: { mounts: HostMount[]; findings: Finding[] } = { mounts: [], findings: [] };
  const mounts = items(field(subject, "mounts"), "object", needed);
  out.findings.push(...mounts.findings);
  for (const mount of mounts.items) {
    const found = fromMount(mount, needed);
    out.mounts.push(...found.mounts);
    out.findings.push(...found.findings);
  }
  const volumes = items(field(subject, "volumes"), "object", needed);
  out.findings.push(...volumes.findings);
  for (const volume of volumes.items) {
    const found = hostPathAt(itemField(volume, "hostPath", "string"), needed);
    out.mounts.push(...found.mounts);
    out.findings.push(...found.findings);
  }
  return { mounts: out.mounts, findings: out.findings.map((f) => (f.outcome === "unknown" ? unknownValue(f.path, undefined, needed) : f)) };
}
