/** SecureCronJob: a batch/v1 CronJob whose Jobs run hardened pods; overlapping runs are forbidden by default. */
import type { Construct } from "constructs";
import { SECURE_DEFAULTS } from "./defaults";
import { jobSpec } from "./job-spec";
import type { SecureCronJobProps } from "./props";
import { SecureWorkload } from "./workload";

/** Five whitespace-separated fields, or one of the macros the CronJob controller accepts. */
const SCHEDULE = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\S+\s+){4}\S+)$/;

export class SecureCronJob extends SecureWorkload {
  constructor(scope: Construct, id: string, props: SecureCronJobProps) {
    if (!SCHEDULE.test(props.schedule.trim())) {
      throw new Error(`${scope.node.path}/${id}: schedule "${props.schedule}" is not a cron schedule; write five fields ("*/15 * * * *") or a macro such as "@hourly".`);
    }
    super(scope, id, props, {
      apiVersion: "batch/v1",
      kind: "CronJob",
      podSpec: { restartPolicy: props.restartPolicy ?? SECURE_DEFAULTS.jobRestartPolicy },
      spec: (template) => ({
        schedule: props.schedule.trim(),
        timeZone: props.timeZone,
        concurrencyPolicy: props.concurrencyPolicy ?? SECURE_DEFAULTS.concurrencyPolicy,
        startingDeadlineSeconds: props.startingDeadlineSeconds,
        suspend: props.suspend,
        successfulJobsHistoryLimit: props.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: props.failedJobsHistoryLimit,
        jobTemplate: { spec: jobSpec(props, template) },
      }),
    });
  }
}
