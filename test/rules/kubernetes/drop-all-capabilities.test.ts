import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dropAllCapabilities as rule } from "../../../rules/kubernetes/drop-all-capabilities";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod } from "./pod-fixtures";

const pod = containerPod;

describe("drop-all-capabilities", () => {
  it("passes a container that drops ALL (and adds back NET_BIND_SERVICE)", () => {
    assertPasses(rule, pod(`securityContext: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } }`));
  });

  it("fails a container with no securityContext, naming the field to set", () => {
    const [finding] = assertViolations(rule, pod(""), [["spec.containers[0].securityContext.capabilities.drop", "app"]]);
    assert.match(finding!.message, /drop: \["ALL"\]/);
  });

  it("fails drop lists without ALL, and the lower-case and CAP_ spellings PSA refuses", () => {
    for (const drop of [`[]`, `["NET_RAW"]`, `["all"]`, `["CAP_ALL"]`, `["All"]`]) {
      const findings = assertViolations(rule, pod(`securityContext: { capabilities: { drop: ${drop} } }`), [["spec.containers[0].securityContext.capabilities.drop", "app"]]);
      if (drop !== "[]" && drop !== '["NET_RAW"]') assert.match(findings[0]!.message, /exact, upper-case string "ALL"/);
    }
  });

  it("checks init and ephemeral containers, and every container separately", () => {
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      initContainers: [{ name: setup, image: busybox }]
      containers:
        - { name: ok, image: nginx, securityContext: { capabilities: { drop: [ALL] } } }
        - { name: bad, image: nginx, securityContext: { capabilities: { drop: [SYS_ADMIN] } } }
      ephemeralContainers: [{ name: debug, image: busybox }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.capabilities.drop", "setup"],
      ["spec.template.spec.containers[1].securityContext.capabilities.drop", "bad"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.capabilities.drop", "debug"],
    ]);
  });

  it("finds the pod template of a CronJob", () => {
    const yaml = `
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  schedule: "0 3 * * *"
  jobTemplate: { spec: { template: { spec: { containers: [{ name: job, image: busybox }] } } } }
`;
    assertViolations(rule, yaml, [["spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.drop", "job"]]);
  });

  it("exempts Windows pods, as Pod Security Admission does since 1.25", () => {
    assertPasses(rule, pod("", "os: { name: windows }"));
    assertViolations(rule, pod("", "os: { name: linux }"), [["spec.containers[0].securityContext.capabilities.drop", "app"]]);
  });

  it("does not pass a pod whose OS is unknown at preview, and does not fail it either", () => {
    const findings = check(rule, parseObject(pod("", `os: { name: "${UNKNOWN}" }`)));
    assert.deepEqual(findings.map((f) => [f.outcome, f.path]), [["unknown", "spec.os.name"]]);
  });

  it("reports a value unknown at preview as unknown, never as a pass", () => {
    const object = parseObject(pod(`securityContext: { capabilities: { drop: ["${UNKNOWN}"] } }`));
    assert.deepEqual(check(rule, object).map((f) => f.outcome), ["unknown"]);
    const whole = parseObject(pod(`securityContext: "${UNKNOWN}"`));
    assert.deepEqual(check(rule, whole).map((f) => [f.outcome, f.path]), [["unknown", "spec.containers[0].securityContext"]]);
  });

  it("reports wrong types as unreadable violations instead of crashing", () => {
    assertViolations(rule, pod(`securityContext: { capabilities: { drop: "ALL" } }`), [["spec.containers[0].securityContext.capabilities.drop", "app"]]);
    assertViolations(rule, pod(`securityContext: 42`), [["spec.containers[0].securityContext", "app"]]);
  });

  it("does not judge an absent drop list in a server-side apply patch", () => {
    const yaml = parseObject(pod(""));
    assert.deepEqual(check(rule, yaml, {}, true), []);
    assert.equal(check(rule, parseObject(pod(`securityContext: { capabilities: { drop: ["NET_RAW"] } }`)), {}, true).length, 1);
  });

  it("fixes every container by dropping ALL", () => {
    const fixed = assertFixes(rule, pod(`securityContext: { capabilities: { drop: ["all"], add: ["NET_BIND_SERVICE"] } }`));
    assert.deepEqual((fixed as any).spec.containers[0].securityContext.capabilities, { drop: ["ALL"], add: ["NET_BIND_SERVICE"] });
  });
});
