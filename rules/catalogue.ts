/**
 * The catalogue by concept: one entry per public rule ID, with the implementation for each kind of
 * resource the concept applies to. The pack makes one policy per entry and the docs one section, so
 * a user who configures `read-only-root-filesystem` configures it everywhere at once.
 */
import type { PssLevel, RuleMeta } from "./types";
import { KUBERNETES_RULES, type KubernetesRule } from "./kubernetes/index";
import { DOCKER_RULES, type DockerRule } from "./docker/index";

export interface CatalogueEntry {
  meta: RuleMeta;
  kubernetes?: KubernetesRule;
  docker?: DockerRule;
}

/** The Kubernetes rule's header, its remediation followed by the Docker one. */
function sharedMeta(kubernetes: KubernetesRule, docker: DockerRule): RuleMeta {
  if (!docker.remediation) return kubernetes.meta;
  return { ...kubernetes.meta, remediation: `${kubernetes.meta.remediation}\n\nDocker: ${docker.remediation}` };
}

function byId(): CatalogueEntry[] {
  const docker = new Map(DOCKER_RULES.map((rule) => [rule.id, rule]));
  const entries: CatalogueEntry[] = KUBERNETES_RULES.map((kubernetes) => {
    const shared = docker.get(kubernetes.meta.id);
    docker.delete(kubernetes.meta.id);
    return shared ? { meta: sharedMeta(kubernetes, shared), kubernetes, docker: shared } : { meta: kubernetes.meta, kubernetes };
  });
  for (const rule of docker.values()) {
    if (!rule.meta) throw new Error(`Docker rule ${rule.id} has no Kubernetes counterpart and no meta of its own`);
    entries.push({ meta: rule.meta, docker: rule });
  }
  return entries;
}

/** One entry per rule ID: the union of the Kubernetes and Docker rules, Docker-only ones last. */
export const CATALOGUE: readonly CatalogueEntry[] = byId();

/** The rules a Pod Security Standards level consists of (each rule lists every level it is part of). */
export function pssRules(level: PssLevel): CatalogueEntry[] {
  return CATALOGUE.filter((entry) => entry.meta.pss.includes(level));
}
