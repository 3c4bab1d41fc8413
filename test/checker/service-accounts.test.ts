import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runChecker } from "./run-checker";


const SERVICE_ACCOUNTS = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: influxdb
  namespace: metrics
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: minio
  namespace: metrics
automountServiceAccountToken: true
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: tempo
`;

function workload(name: string, namespace: string, serviceAccount: string, automount = ""): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    spec:
      serviceAccountName: ${serviceAccount}
${automount ? `      automountServiceAccountToken: ${automount}\n` : ""}      restartPolicy: Never
      containers:
        - name: main
          image: busybox
`;
}

/** The token rule's findings of one checker run over the files, as `source: subject`. */
function tokenFindings(files: Record<string, string>, names = Object.keys(files)): string[] {
  const dir = mkdtempSync(join(tmpdir(), "checker-sa-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = runChecker(["check", "--format", "json", ...names.map((name) => join(dir, name))]);
  assert.equal(result.stderr, "");
  const report = JSON.parse(result.stdout) as { errors: string[]; objects: Array<{ source: string; subject: string; findings: Array<{ rule: string }> }> };
  assert.deepEqual(report.errors, []);
  return report.objects.filter((object) => object.findings.some((finding) => finding.rule === "no-service-account-token-automount")).map((object) => `${object.source.slice(dir.length + 1)}: ${object.subject}`);
}

describe("container-hardening check: ServiceAccounts of every file read", () => {
  it("passes a workload whose ServiceAccount, in another file of the same run, sets automountServiceAccountToken: false", () => {
    const files = { "accounts.yaml": SERVICE_ACCOUNTS, "job.yaml": workload("provision", "metrics", "influxdb") };
    assert.deepEqual(tokenFindings(files), []);
    // The same workload alone: the ServiceAccount cannot be seen, and today's finding stays.
    assert.deepEqual(tokenFindings(files, ["job.yaml"]), ["job.yaml: Job metrics/provision"]);
  });

  it("fails when the ServiceAccount sets true or leaves it unset, when the pod sets true, and across namespaces", () => {
    const files = {
      "accounts.yaml": SERVICE_ACCOUNTS,
      "jobs.yaml": [
        workload("minio", "metrics", "minio"),
        workload("asks", "metrics", "influxdb", "true"),
        workload("elsewhere", "web", "influxdb"),
        // tempo names no namespace: it is in default, and so is a Job that says so.
        workload("tempo", "default", "tempo"),
        workload("quiet", "metrics", "minio", "false"),
      ].join("---\n"),
    };
    assert.deepEqual(tokenFindings(files), ["jobs.yaml#1: Job metrics/minio", "jobs.yaml#2: Job metrics/asks", "jobs.yaml#3: Job web/elsewhere", "jobs.yaml#4: Job default/tempo"]);
  });
});
