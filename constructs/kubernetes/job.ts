/** SecureJob: a batch/v1 Job with a hardened pod; failed pods are replaced (restartPolicy Never). */
import type { Construct } from "constructs";
import { SECURE_DEFAULTS } from "./defaults";
import { jobSpec } from "./job-spec";
import type { SecureJobProps } from "./props";
import { SecureWorkload } from "./workload";

export class SecureJob extends SecureWorkload {
  constructor(scope: Construct, id: string, props: SecureJobProps) {
    super(scope, id, props, {
      apiVersion: "batch/v1",
      kind: "Job",
      podSpec: { restartPolicy: props.restartPolicy ?? SECURE_DEFAULTS.jobRestartPolicy },
      spec: (template) => jobSpec(props, template),
    });
  }
}
