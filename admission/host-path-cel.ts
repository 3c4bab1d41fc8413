/**
 * rules/host-paths.ts in CEL, over the normalised segments of a host path (cel.ts withSegments):
 * the allowlist of allowedHostPaths and the container runtime sockets, each compiled to
 * comparisons of constant segments, as CEL has no loops with an index.
 */
import { normaliseHostPath, RUNTIME_SOCKET_NAMES, RUNTIME_SOCKETS } from "../rules/host-paths";
import { list, literal } from "./cel";

function segmentsOf(path: string): string[] {
  const normalised = normaliseHostPath(path);
  return normalised === "/" ? [] : normalised.slice(1).split("/");
}

function conjunction(terms: string[]): string {
  return terms.length === 0 ? "true" : terms.join(" && ");
}

/** `segments` lies at or below `prefix` (`*` in the prefix matches any one segment). */
function atOrBelow(prefix: string[]): string {
  return conjunction([`segments.size() >= ${prefix.length}`, ...prefix.flatMap((segment, i) => (segment === "*" ? [] : [`segments[${i}] == ${literal(segment)}`]))]);
}

/** `segments` is `target` or a directory above it (`*` in the target matches any one segment). */
function atOrAbove(target: string[]): string {
  return conjunction([`segments.size() <= ${target.length}`, ...target.flatMap((segment, i) => (segment === "*" ? [] : [`(segments.size() <= ${i} || segments[${i}] == ${literal(segment)})`]))]);
}

/** allowedHostPath: an exact path, or everything at or below an entry written with a trailing `/`. */
export function allowedHostPathCel(allowlist: readonly string[]): string {
  if (allowlist.length === 0) return "false";
  return allowlist.map((entry) => (entry.endsWith("/") ? `(${atOrBelow(segmentsOf(entry))})` : `segments == ${list(segmentsOf(entry))}`)).join(" || ");
}

/** exposedRuntimeSocket: a socket file named like a runtime's, or a path at, below or above a known socket. */
export function exposesRuntimeSocketCel(): string {
  const named = `(segments.size() > 0 && segments[segments.size() - 1].matches(${literal(RUNTIME_SOCKET_NAMES.source)}))`;
  const known = RUNTIME_SOCKETS.map((socket) => segmentsOf(socket)).map((target) => `(${atOrBelow(target)}) || (${atOrAbove(target)})`);
  return [named, ...known].join(" || ");
}
