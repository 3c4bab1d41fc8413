/**
 * The Docker resource family: which Pulumi types carry a Docker container or build an image.
 *
 * - `docker:index/container:Container` and `docker:index/service:Service` (its task's container)
 *   are judged by every entry that has a Docker rule (rules/docker/).
 * - Images built in the stack (`docker:index/image:Image`, `docker:index/remoteImage:RemoteImage`,
 *   `docker-build:index:Image`) are judged by the rules that judge images (run-as-non-root), from
 *   the Dockerfile they build (policypack/image-builds.ts reads it).
 * Output names the resource by kind and Pulumi name (`Container web`). Exemptions match on that
 * name and kind, and on the resource's Docker labels, which also serve as the annotations of the
 * Kubernetes exemption (`container-hardening.io/exempt` with `container-hardening.io/exempt-reason`).
 */
import type { CatalogueEntry } from "../rules/catalogue";
import { fixDockerContainer } from "../rules/docker/remediate";
import { dockerSubject } from "../rules/docker/subject";
import { dockerContainerSubject, imageSubject } from "../rules/subject";
import type { RuleOptions } from "../rules/types";
import { isObject, type JsonObject } from "../rules/values";
import { imageBuildOf } from "./image-builds";
import type { ResourceFamily } from "./resource-family";

const CONTAINER_KINDS: Record<string, "Container" | "Service"> = {
  "docker:index/container:Container": "Container",
  "docker:index/service:Service": "Service",
};

/** `Image` for `docker:index/image:Image`, `RemoteImage`, ... */
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

export const dockerResources: ResourceFamily = {
  name: "Docker",

  subject(type, name, props) {
    const kind = CONTAINER_KINDS[type];
    if (kind) return dockerContainerSubject(dockerSubject(kind, name, props), kind, dockerLabels(props));
    const build = imageBuildOf(type, props);
    if (!build) return undefined;
    const labels = dockerLabels(props);
    return imageSubject(build, { kind: kindOf(type), name, labels, annotations: labels });
  },

  remediate(entries: CatalogueEntry[], type: string, props: JsonObject, options: (entry: CatalogueEntry) => RuleOptions): JsonObject | undefined {
    const kind = CONTAINER_KINDS[type];
    if (!kind) return undefined;
    const withRule = entries.filter((entry) => entry.docker !== undefined);
    const optionsByRule = new Map(withRule.map((entry) => [entry.docker, options(entry)]));
    return fixDockerContainer(withRule.map((entry) => entry.docker!), kind, props, (rule) => optionsByRule.get(rule)!);
  },
};
