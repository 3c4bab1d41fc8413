/**
 * Resource properties as the Pulumi engine encodes them for an analyzer: a google.protobuf.Struct in
 * which a value unknown at preview is a sentinel string and a secret is a signed object
 * (sdk/go/common/resource/plugin/rpc.go; @pulumi/pulumi runtime/rpc.ts).
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The sentinel the engine sends for a value unknown at preview (any type). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** A secret value, as the engine marks it on the wire. */
export function secret(value: unknown): Record<string, unknown> {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** A Struct of the given plain properties (undefined members are left out, as the engine does). */
export function toStruct(properties: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(properties)));
}
