import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noPrivileged as rule } from "../../../rules/kubernetes/no-privileged";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";


describe("no-privileged", () => {
  it("passes containers that leave privileged unset or set it to false", () => {
    assertPasses(rule, pod(""));
    assertPasses(rule, pod("securityContext: { privileged: false }"));
    assertPasses(rule, pod("securityContext: { privileged: null }"));
  });

  it("fails a privileged container, naming the field and what to write instead", () => {
    const [finding] = assertViolations(rule, pod("securityContext: { privileged: true }"), [["spec.containers[0].securityContext.privileged", "app"]]);
    assert.match(finding!.message, /container "app" is privileged/);
    assert.match(finding!.message, /capabilities\.add/);
  });

  it("fails privileged init and ephemeral containers inside a Deployment and a CronJob", () => {
    const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      securityContext: { runAsNonRoot: true }
      initContainers: [{ name: setup, image: busybox, securityContext: { privileged: true } }]
      containers: [{ name: app, image: nginx, securityContext: { privileged: false } }]
      ephemeralContainers: [{ name: debug, image: busybox, securityContext: { privileged: true } }]
`;
    assertViolations(rule, deployment, [
      ["spec.template.spec.initContainers[0].securityContext.privileged", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.privileged", "debug"],
    ]);
    const cronJob = `
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  schedule: "0 3 * * *"
  jobTemplate: { spec: { template: { spec: { containers: [{ name: job, image: busybox, securityContext: { privileged: true } }] } } } }
`;
    assertViolations(rule, cronJob, [["spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged", "job"]]);
  });

  it("does not exempt Windows pods (PSA does not)", () => {
    assertViolations(rule, pod("securityContext: { privileged: true }", "os: { name: windows }"), [["spec.containers[0].securityContext.privileged", "app"]]);
  });

  it("reports values unknown at preview as unknown, never as a pass", () => {
    assert.deepEqual(check(rule, parseObject(pod(`securityContext: { privileged: "${UNKNOWN}" }`))).map((f) => [f.outcome, f.path]), [["unknown", "spec.containers[0].securityContext.privileged"]]);
    assert.deepEqual(check(rule, parseObject(pod(`securityContext: "${UNKNOWN}"`))).map((f) => [f.outcome, f.path]), [["unknown", "spec.containers[0].securityContext"]]);
  });

  it("reports wrong types as unreadable violations (the string \"true\" is not false)", () => {
    assertViolations(rule, pod(`securityContext: { privileged: "true" }`), [["spec.containers[0].securityContext.privileged", "app"]]);
    assertViolations(rule, pod(`securityContext: { privileged: "false" }`), [["spec.containers[0].securityContext.privileged", "app"]]);
    assertViolations(rule, pod(`securityContext: [privileged]`), [["spec.containers[0].securityContext", "app"]]);
  });

  it("judges a present privileged: true in a server-side apply patch", () => {
    assert.deepEqual(check(rule, parseObject(pod("")), {}, true), []);
    assert.equal(check(rule, parseObject(pod("securityContext: { privileged: true }")), {}, true).length, 1);
  });

  it("fixes by setting privileged to false and leaves other containers untouched", () => {
    const fixed = assertFixes(rule, `
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: app, image: nginx, securityContext: { privileged: true, readOnlyRootFilesystem: true } }
    - { name: side, image: nginx }
`);
    assert.deepEqual((fixed as any).spec.containers[0].securityContext, { privileged: false, readOnlyRootFilesystem: true });
    assert.equal((fixed as any).spec.containers[1].securityContext, undefined);
  });
});
