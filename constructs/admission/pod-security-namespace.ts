/** cdk8s: a Namespace whose Pod Security Admission labels enforce, warn and audit a chosen level. */
import { ApiObject, type ApiObjectMetadata } from "cdk8s";
import { Construct } from "constructs";
import { podSecurityLabels, type PodSecurityModes } from "../../admission/pod-security-labels";

export interface PodSecurityNamespaceProps extends PodSecurityModes {
  /** The namespace's metadata (its name among them); the Pod Security labels are added. @default - a generated name */
  readonly metadata?: ApiObjectMetadata;
}

export class PodSecurityNamespace extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PodSecurityNamespaceProps) {
    super(scope, id);
    const metadata = props.metadata ?? {};
    this.apiObject = new ApiObject(this, "Namespace", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { ...metadata, labels: { ...metadata.labels, ...podSecurityLabels(props) } },
    });
  }
}
