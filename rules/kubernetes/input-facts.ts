/**
 * Facts about the other objects of the same input — the files of one checker run, a cdk8s chart or
 * app, a Pulumi stack — that decide how a workload runs. A rule sees one pod; what another object
 * settles for it (today: whether its ServiceAccount mounts a token) reaches the pod through these.
 * Where the input does not hold the other object, the pod has no fact and the rules judge as if
 * they could not see it.
 *
 * Namespaces: an object that names none is in `default`, as kubectl (without -n) and the Pulumi
 * Kubernetes provider place it.
 */
import { isObject, read, type JsonObject } from "../values";

/** A ServiceAccount of the input, as far as a pod's token depends on it. */
export interface ServiceAccountFact {
  namespace: string;
  name: string;
  /** Its automountServiceAccountToken when set to a boolean (a pod's own setting overrides it). */
  automountServiceAccountToken?: boolean;
}

export interface InputFacts {
  /** By `namespace/name`. */
  serviceAccounts: ReadonlyMap<string, ServiceAccountFact>;
}

export const NO_FACTS: InputFacts = Object.freeze({ serviceAccounts: new Map() });

const DEFAULT_NAMESPACE = "default";

const key = (namespace: string, name: string) => `${namespace}/${name}`;

/** The object's namespace; undefined when it is not known yet (a Pulumi output at preview). */
function namespaceOf(object: JsonObject): string | undefined {
  const namespace = read(object.metadata, "namespace", "string");
  if (namespace.state === "unknown" || namespace.state === "invalid") return undefined;
  return namespace.state === "present" && namespace.value !== "" ? namespace.value : DEFAULT_NAMESPACE;
}

/** The facts of a whole input: every object it holds, in any order (`List`s already unpacked). */
export function inputFacts(objects: Iterable<JsonObject>): InputFacts {
  const serviceAccounts = new Map<string, ServiceAccountFact>();
  for (const object of objects) {
    if (object.kind !== "ServiceAccount" || object.apiVersion !== "v1") continue;
    const name = isObject(object.metadata) ? object.metadata.name : undefined;
    if (typeof name !== "string") continue;
    const namespace = namespaceOf(object);
    if (namespace === undefined) continue;
    const automount = read(object, "automountServiceAccountToken", "boolean");
    const fact: ServiceAccountFact = { namespace, name };
    if (automount.state === "present") fact.automountServiceAccountToken = automount.value;
    serviceAccounts.set(key(fact.namespace, name), fact);
  }
  return { serviceAccounts };
}

/**
 * The ServiceAccount a pod spec of `object` runs as, when the input defines it: `serviceAccountName`,
 * else its deprecated alias `serviceAccount` (the API server's conversion takes the alias only when
 * the name is empty), else `default`, in the object's namespace. None when either is not known yet.
 */
export function serviceAccountOf(object: JsonObject, spec: JsonObject, facts: InputFacts): ServiceAccountFact | undefined {
  const namespace = namespaceOf(object);
  let name = "default";
  for (const field of ["serviceAccountName", "serviceAccount"]) {
    const value = read(spec, field, "string");
    if (value.state === "unknown") return undefined;
    if (value.state === "present" && value.value !== "") {
      name = value.value;
      break;
    }
  }
  return namespace === undefined ? undefined : facts.serviceAccounts.get(key(namespace, name));
}
