import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noHostNamespaces as rule } from "../../../rules/kubernetes/no-host-namespaces";
import { assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

describe("no-host-namespaces", () => {
  it("passes pods that leave the host namespaces unset or false", () => {
    assertPasses(rule, pod(""));
    assertPasses(rule, pod("", "hostNetwork: false\n  hostPID: false\n  hostIPC: false"));
    assertPasses(rule, pod("", "hostNetwork: null"));
  });

  it("fails each shared namespace on its own, naming the field and the fix", () => {
    const findings = assertViolations(rule, pod("", "hostNetwork: true\n  hostPID: true\n  hostIPC: true"), [
      ["spec.hostNetwork", undefined],
      ["spec.hostPID", undefined],
      ["spec.hostIPC", undefined],
    ]);
    assert.match(findings[0]!.message, /hostNetwork: true.*Remove hostNetwork/);
    assert.match(findings[1]!.message, /process table/);
  });

  it("fails inside every workload kind and a custom resource, and Windows pods too", () => {
    const cronJob = parseObject(`
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  schedule: "@daily"
  jobTemplate: { spec: { template: { spec: { hostPID: true, containers: [{ name: job, image: busybox }] } } } }
`);
    assertViolations(rule, cronJob, [["spec.jobTemplate.spec.template.spec.hostPID", undefined]]);
    const rollout = parseObject(`
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web }
spec: { template: { spec: { hostNetwork: true, containers: [{ name: app, image: nginx }] } } }
`);
    assertViolations(rule, rollout, [["spec.template.spec.hostNetwork", undefined]]);
    assertViolations(rule, pod("", "os: { name: windows }\n  hostNetwork: true"), [["spec.hostNetwork", undefined]]);
  });

  it("reports unknown values as unknown and wrong types as unreadable, never as a pass", () => {
    assert.deepEqual(check(rule, pod("", `hostNetwork: "${UNKNOWN}"`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.hostNetwork"]]);
    assertViolations(rule, pod("", `hostPID: "true"`), [["spec.hostPID", undefined]]);
    assertViolations(rule, pod("", `hostIPC: "false"`), [["spec.hostIPC", undefined]]);
  });

  it("judges a server-side apply patch on the values it sets", () => {
    assert.deepEqual(check(rule, pod("", "hostNetwork: true"), {}, true).map((f) => f.path), ["spec.hostNetwork"]);
    assert.deepEqual(check(rule, parseObject("apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 3 }"), {}, true), []);
  });
});
