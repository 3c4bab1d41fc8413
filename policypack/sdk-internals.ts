/**
 * Two run-time members of @pulumi/policy that its type declarations leave out (they are marked
 * @internal, so proxy.d.ts is empty): the key that unwraps the SDK's unknown-checking proxy, and the
 * error class the SDK turns into an advisory "can't be known during preview" diagnostic.
 */
interface PolicyProxyModule {
  getSpecialProxyTarget: string;
  UnknownValueError: new (unknownTypeSentinel: string, props: string[]) => Error;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as PolicyProxyModule;

export const getSpecialProxyTarget = proxy.getSpecialProxyTarget;
export const UnknownValueError = proxy.UnknownValueError;
