/**
 * Run-time members of @pulumi/policy (1.21.0, pinned) that its type declarations leave out (they are
 * marked @internal, so proxy.d.ts is empty): the key that unwraps the SDK's unknown-checking proxy,
 * and the error class the SDK turns into an advisory "can't be known during preview" diagnostic.
 *
 * And one change to its behaviour, for speed: the SDK's Analyze handler deserializes the request's
 * properties afresh for every policy (server.js, makeAnalyzeRpcFun: deserializeProperties inside
 * the per-policy loop), which with 23 policies dominated the pack's time on large resources.
 * `shareDeserializedProperties` makes the policies of one request share one deserialization: it is
 * keyed by the request's Struct (the generated getter returns the same wrapper object on every call
 * for one request), and applies only to Analyze's plain deserialization (`proxySecrets` false), which
 * policies only read. Remediate, which deserializes once per request with secrets proxied, is left
 * as it is. If a future SDK stops calling through the module's export, the pack only gets slower.
 */
interface PolicyProxyModule {
  getSpecialProxyTarget: string;
  UnknownValueError: new (unknownTypeSentinel: string, props: string[]) => Error;
}

interface DeserializeModule {
  deserializeProperties(outputsStruct: object, proxySecrets: boolean): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as PolicyProxyModule;

export const getSpecialProxyTarget = proxy.getSpecialProxyTarget;
export const UnknownValueError = proxy.UnknownValueError;

const SHARED = Symbol.for("container-hardening.shared-deserialization");

/** Makes every policy of one Analyze request share one deserialization of its properties (see above). */
export function shareDeserializedProperties(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require("@pulumi/policy/deserialize") as DeserializeModule & { [SHARED]?: true };
  if (module[SHARED]) return;
  const deserialize = module.deserializeProperties;
  const byRequest = new WeakMap<object, unknown>();
  module.deserializeProperties = (outputsStruct, proxySecrets) => {
    if (proxySecrets || typeof outputsStruct !== "object" || outputsStruct === null) return deserialize(outputsStruct, proxySecrets);
    if (!byRequest.has(outputsStruct)) byRequest.set(outputsStruct, deserialize(outputsStruct, false));
    return byRequest.get(outputsStruct);
  };
  module[SHARED] = true;
}
