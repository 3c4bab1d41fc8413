import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { selinuxOptions as rule } from "../../../rules/kubernetes/selinux-options";
import { assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { contextPod as pod } from "./pod-fixtures";

const POD = "spec.securityContext.seLinuxOptions";
const APP = "spec.containers[0].securityContext.seLinuxOptions";

describe("selinux-options", () => {
  it("passes unset options, the allowed types (container_engine_t included at latest), empty strings and a level", () => {
    assertPasses(rule, pod("", ""));
    for (const type of ["container_t", "container_init_t", "container_kvm_t", "container_engine_t", '""']) {
      assertPasses(rule, pod("", `{ seLinuxOptions: { type: ${type}, level: "s0:c1,c2" } }`));
    }
    assertPasses(rule, pod(`{ seLinuxOptions: { user: "", role: "" } }`, ""));
  });

  it("fails spc_t, other types and wrong case, naming the field", () => {
    const [spc] = assertViolations(rule, pod("", "{ seLinuxOptions: { type: spc_t } }"), [[`${APP}.type`, "app"]]);
    assert.match(spc!.message, /super-privileged/);
    assertViolations(rule, pod("", "{ seLinuxOptions: { type: Container_t } }"), [[`${APP}.type`, "app"]]);
    assertViolations(rule, pod("", "{ seLinuxOptions: { type: unconfined_t } }"), [[`${APP}.type`, "app"]]);
  });

  it("fails any user or role, at pod level even when containers set their own options", () => {
    assertViolations(rule, pod("{ seLinuxOptions: { user: system_u, role: system_r } }", "{ seLinuxOptions: { type: container_t } }"), [
      [`${POD}.user`, undefined],
      [`${POD}.role`, undefined],
    ]);
  });

  it("fails a container overriding a compliant pod, and checks init and ephemeral containers of a Deployment", () => {
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      securityContext: { seLinuxOptions: { type: container_t } }
      initContainers: [{ name: setup, image: busybox, securityContext: { seLinuxOptions: { type: spc_t } } }]
      containers: [{ name: app, image: nginx }]
      ephemeralContainers: [{ name: debug, image: busybox, securityContext: { seLinuxOptions: { role: sysadm_r } } }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.seLinuxOptions.type", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.seLinuxOptions.role", "debug"],
    ]);
  });

  it("does not exempt Windows pods (PSA does not)", () => {
    assertViolations(rule, pod("{ seLinuxOptions: { type: spc_t } }", "", "os: { name: windows }"), [[`${POD}.type`, undefined]]);
  });

  it("reports values unknown at preview as unknown, never as a pass", () => {
    assert.deepEqual(check(rule, parseObject(pod("", `{ seLinuxOptions: { type: "${UNKNOWN}" } }`))).map((f) => [f.outcome, f.path]), [["unknown", `${APP}.type`]]);
    assert.deepEqual(check(rule, parseObject(pod(`{ seLinuxOptions: "${UNKNOWN}" }`, ""))).map((f) => [f.outcome, f.path]), [["unknown", POD]]);
  });

  it("reports wrong types as unreadable violations", () => {
    assertViolations(rule, pod("", "{ seLinuxOptions: { type: 0 } }"), [[`${APP}.type`, "app"]]);
    assertViolations(rule, pod("", "{ seLinuxOptions: spc_t }"), [[APP, "app"]]);
  });

  it("judges present values in a server-side apply patch", () => {
    assert.equal(check(rule, parseObject(pod("", "{ seLinuxOptions: { type: spc_t } }")), {}, true).length, 1);
    assert.deepEqual(check(rule, parseObject(pod("", "")), {}, true), []);
  });

  it("offers no automatic fix (a custom label is deliberate)", () => {
    assert.equal(rule.fix, undefined);
  });
});
