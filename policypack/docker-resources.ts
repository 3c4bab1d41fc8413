/**
 * The Docker resource family: which Pulumi types carry a Docker container, and the catalogue's Docker
 * rules run over them.
 *
 * - `docker:index/container:Container` and `docker:index/service:Service` (its task's container)
 *   run every entry that has a Docker rule (rules/docker/).
 * - Images built in the stack (`docker:index/image:Image`, `docker:index/remoteImage:RemoteImage`,
 *   `docker-build:index:Image`) are judged by run-as-non-root alone, from the Dockerfile they build
 *   (rules/docker/image-build.ts).
 * Output names the resource by kind and Pulumi name (`Container web`). Exemptions match on that
 * name and kind, and on the resource's Docker labels, which also serve as the annotations of the
 * Kubernetes exemption (`container-hardening.io/exempt` with `container-hardening.io/exempt-reason`).
 */
import type { CatalogueEntry } from "../rules/catalogue";
import { checkDockerResource, fixDockerResource } from "../rules/docker/review";
import { reviewImageBuild } from "../rules/docker/image-build";
import { runAsNonRoot } from "../rules/docker/run-as-non-root";
import type { ResourceRef } from "../rules/kubernetes/workloads";
import type { RuleOptions } from "../rules/types";
import { isObject, type JsonObject } from "../rules/values";
import type { Evaluation, ResourceFamily } from "./resource-family";

/** `Image` for `docker:index/image:Image`, `Container` for the container type, and so on. */
function kindOf(type: string): string {
  const name = type.slice(type.lastIndexOf(":") + 1);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Docker labels (a list of `{ label, value }`) as a map; entries that cannot be read are left out. */
function dockerLabels(props: JsonObject): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!Array.isArray(props.labels)) return labels;
  for (const entry of props.labels) {
    if (isObject(entry) && typeof entry.label === "string" && typeof entry.value === "string") labels[entry.label] = entry.value;
  }
  return labels;
}

function reference(type: string, name: string, props: JsonObject): ResourceRef {
  const labels = dockerLabels(props);
  return { apiVersion: "", kind: kindOf(type), name, namespace: undefined, labels, annotations: labels };
}

export const dockerResources: ResourceFamily = {
  name: "Docker",

  evaluate(entry: CatalogueEntry, type: string, name: string, props: JsonObject, options: RuleOptions): Evaluation | undefined {
    if (!entry.docker) return undefined;
    const findings = checkDockerResource(entry.docker, type, name, props, options) ?? (entry.docker.id === runAsNonRoot.id ? reviewImageBuild(type, props) : undefined);
    if (!findings) return undefined;
    return { subject: `${kindOf(type)} ${name}`, ref: reference(type, name, props), findings, patch: false };
  },

  remediate(entries: CatalogueEntry[], type: string, props: JsonObject, options: (entry: CatalogueEntry) => RuleOptions): JsonObject | undefined {
    const withRule = entries.filter((entry) => entry.docker !== undefined);
    const optionsByRule = new Map(withRule.map((entry) => [entry.docker, options(entry)]));
    return fixDockerResource(withRule.map((entry) => entry.docker!), type, props, (rule) => optionsByRule.get(rule)!);
  },
};
