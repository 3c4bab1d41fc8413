import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noPrivilegeEscalation as rule } from "../../../rules/kubernetes/no-privilege-escalation";
import { fixObject } from "../../../rules/kubernetes/evaluate";
import { resolveOptions } from "../../../rules/options";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

const FIELD = "spec.containers[0].securityContext.allowPrivilegeEscalation";

describe("no-privilege-escalation", () => {
  it("passes a container that sets allowPrivilegeEscalation: false", () => {
    assertPasses(rule, pod("securityContext: { allowPrivilegeEscalation: false }"));
  });

  it("fails unset and true, naming the field to set", () => {
    const [unset] = assertViolations(rule, pod(""), [[FIELD, "app"]]);
    assert.match(unset!.message, /unset, which allows it.*allowPrivilegeEscalation: false/);
    assertViolations(rule, pod("securityContext: { allowPrivilegeEscalation: true }"), [[FIELD, "app"]]);
    assertViolations(rule, pod("securityContext: { allowPrivilegeEscalation: null }"), [[FIELD, "app"]]);
  });

  it("is not satisfied by a pod-level securityContext (the field exists only on containers)", () => {
    assertViolations(rule, pod("", "securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false }"), [[FIELD, "app"]]);
  });

  it("checks init and ephemeral containers of a CronJob", () => {
    const yaml = `
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{ name: setup, image: busybox, securityContext: { allowPrivilegeEscalation: true } }]
          containers: [{ name: job, image: busybox, securityContext: { allowPrivilegeEscalation: false } }]
          ephemeralContainers: [{ name: debug, image: busybox }]
`;
    assertViolations(rule, yaml, [
      ["spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation", "setup"],
      ["spec.jobTemplate.spec.template.spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation", "debug"],
    ]);
  });

  it("explains why a privileged or CAP_SYS_ADMIN container escalates anyway", () => {
    const [privileged] = assertViolations(rule, pod("securityContext: { privileged: true }"), [[FIELD, "app"]]);
    assert.match(privileged!.message, /because it is privileged/);
    const [sysAdmin] = assertViolations(rule, pod(`securityContext: { capabilities: { add: ["cap_sys_admin"] } }`), [[FIELD, "app"]]);
    assert.match(sysAdmin!.message, /because it adds SYS_ADMIN/);
  });

  it("exempts Windows pods, as PSA does since 1.25", () => {
    assertPasses(rule, pod("", "os: { name: windows }"));
    assertViolations(rule, pod("", "os: { name: linux }"), [[FIELD, "app"]]);
  });

  it("reports values unknown at preview as unknown, never as a pass", () => {
    assert.deepEqual(check(rule, parseObject(pod(`securityContext: { allowPrivilegeEscalation: "${UNKNOWN}" }`))).map((f) => [f.outcome, f.path]), [["unknown", FIELD]]);
    assert.deepEqual(check(rule, parseObject(pod("", `os: "${UNKNOWN}"`))).map((f) => [f.outcome, f.path]), [["unknown", "spec.os"]]);
  });

  it("reports wrong types as unreadable violations (the string \"false\" is not false)", () => {
    assertViolations(rule, pod(`securityContext: { allowPrivilegeEscalation: "false" }`), [[FIELD, "app"]]);
    assertViolations(rule, pod("", "os: { name: 7 }"), [["spec.os.name", undefined]]);
  });

  it("does not judge an absent field in a server-side apply patch, but judges true", () => {
    assert.deepEqual(check(rule, parseObject(pod("")), {}, true), []);
    assert.equal(check(rule, parseObject(pod("securityContext: { allowPrivilegeEscalation: true }")), {}, true).length, 1);
  });

  it("fixes by setting false, but never next to privileged: true (the API server would refuse it)", () => {
    const fixed = assertFixes(rule, pod("securityContext: { runAsNonRoot: true }"));
    assert.deepEqual((fixed as any).spec.containers[0].securityContext, { runAsNonRoot: true, allowPrivilegeEscalation: false });
    const object = parseObject(pod("securityContext: { privileged: true }"));
    const unchanged = fixObject([rule], object, () => resolveOptions());
    assert.deepEqual((unchanged as any).spec.containers[0].securityContext, { privileged: true });
  });
});
