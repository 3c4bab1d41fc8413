/**
 * The engine's encoding of values at the pack's edge. During a preview the engine puts a sentinel
 * string where a value is not known yet (one per expected type; part of its wire protocol, see
 * `@pulumi/policy/proxy.js` and sdk/go/common/resource/plugin/rpc.go). The catalogue knows one
 * notion of an unknown value (rules/values.ts `Unknown`), so the pack replaces every sentinel by an
 * `Unknown` that remembers it, and puts the sentinel back in what it hands the engine (remediation).
 */
import { copyTree, isUnknown, Unknown, type JsonObject } from "../rules/values";

export const ENGINE_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (and the engine's generic unknown)
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** A value the engine sent, with `substitute` applied first, sentinels read as the catalogue's unknown. */
export function fromEngine(props: JsonObject, substitute: (value: unknown, path: () => Array<string | number>) => unknown = (value) => value): JsonObject {
  return copyTree(props, (value, path) => {
    const own = substitute(value, path);
    return typeof own === "string" && ENGINE_SENTINELS.has(own) ? new Unknown(own) : own;
  }) as JsonObject;
}

/** A tree for the engine: every unknown value back to the sentinel it came from (changed in place). */
export function toEngine(tree: JsonObject): JsonObject {
  const work: unknown[] = [tree];
  while (work.length > 0) {
    const node = work.pop() as Record<string | number, unknown>;
    for (const [key, value] of Object.entries(node)) {
      if (isUnknown(value)) node[key] = typeof value.origin === "string" ? value.origin : [...ENGINE_SENTINELS][0];
      else if (typeof value === "object" && value !== null) work.push(value);
    }
  }
  return tree;
}
