/**
 * What a controller manager would do next with a stored workload, which this API server cannot show
 * (it has none): create Pods from the workload's template. The Pod is the template's metadata and
 * spec under a name of its own, as the ReplicaSet, DaemonSet and Job controllers create it, and it is
 * submitted with server-side dry-run, so the server's admission — Pod Security among it — judges it
 * without storing anything.
 */
import type { ApiResponse, Cluster } from "../../scripts/engine/cluster";

interface Template {
  metadata?: Record<string, unknown>;
  spec: Record<string, unknown>;
}

interface Workload {
  kind: string;
  metadata: { name: string };
  spec: { template?: Template; jobTemplate?: { spec: { template: Template } } };
}

/** The server's answer to a dry-run create of the Pod the workload's controller would make. */
export async function dryRunControllerPod(cluster: Cluster, namespace: string, workload: Workload): Promise<ApiResponse> {
  const template = workload.spec.template ?? workload.spec.jobTemplate?.spec.template;
  if (!template) throw new Error(`${workload.kind} ${workload.metadata.name} has no pod template`);
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { ...template.metadata, name: `${workload.metadata.name}-from-template` },
    spec: template.spec,
  };
  return cluster.request("POST", `/api/v1/namespaces/${namespace}/pods?dryRun=All`, JSON.stringify(pod));
}
