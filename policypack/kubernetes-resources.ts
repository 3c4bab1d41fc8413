/**
 * The Kubernetes resource family: which Pulumi types carry a Kubernetes object.
 *
 * Every `kubernetes:<group>/<version>:<Kind>` type is read (workloads by their known template path,
 * anything else, custom resources included, by the generic pod-template search), so resources
 * expanded from `yaml.ConfigFile`/`ConfigGroup` and Helm charts, which arrive as these same types,
 * are covered. `<Kind>Patch` types are server-side apply patches. The overlay components
 * (`kubernetes:yaml:*`, `kubernetes:helm.sh/*:Chart`, `kubernetes:kustomize:*`) carry no object of
 * their own.
 */
import { fixObject } from "../rules/kubernetes/index";
import type { CatalogueEntry } from "../rules/catalogue";
import { kubernetesSubject } from "../rules/subject";
import type { RuleOptions } from "../rules/types";
import { isObject, type JsonObject } from "../rules/values";
import type { ResourceFamily } from "./resource-family";

const TYPE_TOKEN = /^kubernetes:([a-z0-9.-]+)\/([a-z0-9]+):([A-Za-z0-9]+)$/;
const NOT_OBJECTS = /^(helm\.sh|yaml|kustomize)$/;

interface KubernetesObject {
  object: JsonObject;
  patch: boolean;
}

/** The Kubernetes object a resource of `type` describes, with apiVersion/kind from the type token when absent. */
function kubernetesObject(type: string, props: JsonObject): KubernetesObject | undefined {
  const match = TYPE_TOKEN.exec(type);
  if (!match || NOT_OBJECTS.test(match[1])) return undefined;
  const [, group, version, kindToken] = match;
  const patch = kindToken.endsWith("Patch");
  const kind = patch ? kindToken.slice(0, -"Patch".length) : kindToken;
  const apiVersion = group === "core" ? version : `${group}/${version}`;
  return { object: { ...props, apiVersion: props.apiVersion ?? apiVersion, kind: props.kind ?? kind }, patch };
}

export const kubernetesResources: ResourceFamily = {
  name: "Kubernetes",

  subject(type, name, props) {
    const resource = kubernetesObject(type, props);
    return resource && kubernetesSubject(resource.object, { patch: resource.patch, fallbackName: name });
  },

  remediate(entries: CatalogueEntry[], type: string, props: JsonObject, options: (entry: CatalogueEntry) => RuleOptions): JsonObject | undefined {
    const resource = kubernetesObject(type, props);
    if (!resource) return undefined;
    const withRule = entries.filter((entry) => entry.kubernetes !== undefined);
    const optionsByRule = new Map(withRule.map((entry) => [entry.kubernetes, options(entry)]));
    const fixed = fixObject(withRule.map((entry) => entry.kubernetes!), resource.object, (rule) => optionsByRule.get(rule)!, resource.patch);
    if (!fixed) return undefined;
    // Return the inputs in their own shape: apiVersion/kind only if the program set them.
    if (!("apiVersion" in props)) delete fixed.apiVersion;
    if (!("kind" in props)) delete fixed.kind;
    return isObject(fixed) ? fixed : undefined;
  },
};
