/**
 * The inputs as the engine sent them, out of the SDK's wrappers. For Analyze the SDK wraps them in a
 * proxy that throws on reading an unknown value (which would end a policy at the first one; the rules
 * read the unknown sentinels themselves). For Remediate it also keeps secrets as `Secret` objects
 * behind a second proxy, so that a remediation does not turn a secret into plain text in the state:
 * the rules judge plain values, and the hardened copy gets its secrets back at the same places.
 */
import { Secret } from "@pulumi/policy";
import { copyTree, isObject, type JsonObject } from "../rules/values";
import { getSpecialProxyTarget } from "./sdk-internals";

type Path = Array<string | number>;

/** The object under the SDK's proxies. */
export function unwrapped(props: unknown): JsonObject {
  let value = props;
  for (let target = targetOf(value); target !== undefined && target !== value; target = targetOf(value)) value = target;
  return isObject(value) ? value : {};
}

function targetOf(value: unknown): unknown {
  return isObject(value) ? value[getSpecialProxyTarget] : undefined;
}

/** A plain copy of inputs that may hold `Secret`s, and where the secrets were. */
export function withoutSecrets(props: JsonObject): { plain: JsonObject; secrets: Path[] } {
  const secrets: Path[] = [];
  const plain = copyTree(props, (value, path) => {
    if (!(value instanceof Secret)) return value;
    secrets.push(path());
    let inner: unknown = value;
    while (inner instanceof Secret) inner = inner.value;
    return inner;
  });
  return { plain: plain as JsonObject, secrets };
}

/** Wraps the values at `secrets` in `object` (changed in place) as `Secret`s again. */
export function restoreSecrets(object: JsonObject, secrets: Path[]): JsonObject {
  for (const path of secrets) {
    if (path.length === 0) continue;
    let parent: unknown = object;
    for (const key of path.slice(0, -1)) parent = isObject(parent) || Array.isArray(parent) ? (parent as any)[key] : undefined;
    const last = path[path.length - 1];
    if ((isObject(parent) || Array.isArray(parent)) && (parent as any)[last] !== undefined) (parent as any)[last] = new Secret((parent as any)[last]);
  }
  return object;
}
