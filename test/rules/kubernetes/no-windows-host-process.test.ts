import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noWindowsHostProcess as rule } from "../../../rules/kubernetes/no-windows-host-process";
import { assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { contextPod } from "./pod-fixtures";

const pod = (podSecurity: string, containerSecurity: string) => contextPod(podSecurity, containerSecurity, "os: { name: windows }");
const POD = "spec.securityContext.windowsOptions.hostProcess";
const APP = "spec.containers[0].securityContext.windowsOptions.hostProcess";

describe("no-windows-host-process", () => {
  it("passes unset and false", () => {
    assertPasses(rule, pod("", ""));
    assertPasses(rule, pod("{ windowsOptions: { hostProcess: false, runAsUserName: ContainerUser } }", "{ windowsOptions: { hostProcess: false } }"));
  });

  it("fails hostProcess: true at pod level even when the container sets false", () => {
    const [finding] = assertViolations(rule, pod("{ windowsOptions: { hostProcess: true } }", "{ windowsOptions: { hostProcess: false } }"), [[POD, undefined]]);
    assert.match(finding!.message, /do not undo it/);
  });

  it("fails a container overriding a compliant pod", () => {
    assertViolations(rule, pod("{ windowsOptions: { hostProcess: false } }", "{ windowsOptions: { hostProcess: true } }"), [[APP, "app"]]);
  });

  it("checks init and ephemeral containers of a DaemonSet, whatever the OS field says", () => {
    const yaml = `
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent }
spec:
  template:
    spec:
      initContainers: [{ name: setup, image: agent, securityContext: { windowsOptions: { hostProcess: true } } }]
      containers: [{ name: agent, image: agent }]
      ephemeralContainers: [{ name: debug, image: agent, securityContext: { windowsOptions: { hostProcess: true } } }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.windowsOptions.hostProcess", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess", "debug"],
    ]);
  });

  it("reports values unknown at preview as unknown and wrong types as unreadable", () => {
    assert.deepEqual(check(rule, parseObject(pod(`{ windowsOptions: { hostProcess: "${UNKNOWN}" } }`, ""))).map((f) => [f.outcome, f.path]), [["unknown", POD]]);
    assert.deepEqual(check(rule, parseObject(pod("", `{ windowsOptions: "${UNKNOWN}" }`))).map((f) => [f.outcome, f.path]), [["unknown", "spec.containers[0].securityContext.windowsOptions"]]);
    assertViolations(rule, pod("", `{ windowsOptions: { hostProcess: "true" } }`), [[APP, "app"]]);
  });

  it("judges present values in a server-side apply patch", () => {
    assert.equal(check(rule, parseObject(pod("", "{ windowsOptions: { hostProcess: true } }")), {}, true).length, 1);
  });
});
