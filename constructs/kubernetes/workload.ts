/**
 * What every secure workload construct does, whatever its kind: resolve the props (defaults.ts),
 * build the pod (pod-spec.ts), label the pods (and the object) so the workload can select them, annotate the
 * loosenings, and emit one plain cdk8s ApiObject. A kind only says its apiVersion, kind and how its
 * spec wraps the pod template.
 */
import { ApiObject, Names } from "cdk8s";
import { Construct } from "constructs";
import { resolvePod } from "./defaults";
import { withExemptions } from "./exemption-annotations";
import type { PodSpec, PodTemplateSpec } from "./k8s";
import { buildPodSpec } from "./pod-spec";
import type { SecurePodSpecProps } from "./props";

/** The label every secure workload puts on its pods and selects them by. */
export const SELECTOR_LABEL = "container-hardening.io/workload";

export interface WorkloadKind {
  apiVersion: string;
  kind: string;
  /** Kind-specific pod spec fields (restartPolicy). */
  podSpec?: Partial<PodSpec>;
  /** The object's spec around its pod template (for a Pod, the pod spec itself). */
  spec(template: PodTemplateSpec, selector: Record<string, string>): Record<string, unknown>;
}

export abstract class SecureWorkload extends Construct {
  /** The Kubernetes object, for escape hatches (`addJsonPatch`) and dependencies. */
  public readonly apiObject: ApiObject;
  /** Labels on this workload's pods, e.g. for a Service selector. */
  public readonly selector: Record<string, string>;

  protected constructor(scope: Construct, id: string, props: SecurePodSpecProps, kind: WorkloadKind) {
    super(scope, id);
    let podSpec: PodSpec;
    let annotations: Record<string, string> | undefined;
    try {
      const pod = resolvePod(props);
      podSpec = buildPodSpec(pod, props, kind.podSpec);
      annotations = withExemptions(props.metadata?.annotations, pod.loosenings);
    } catch (error) {
      throw new Error(`${this.node.path}: ${(error as Error).message}`);
    }
    this.selector = { [SELECTOR_LABEL]: Names.toLabelValue(this) };
    const template: PodTemplateSpec = { metadata: { labels: { ...this.selector } }, spec: podSpec };
    this.apiObject = new ApiObject(this, "Resource", {
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: { ...props.metadata, labels: { ...this.selector, ...props.metadata?.labels }, annotations },
      spec: kind.spec(template, this.selector),
    });
  }
}
