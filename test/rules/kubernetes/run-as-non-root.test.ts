import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runAsNonRoot as rule } from "../../../rules/kubernetes/run-as-non-root";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { contextPod as pod } from "./pod-fixtures";

const POD = "spec.securityContext";
const APP = "spec.containers[0].securityContext";

describe("run-as-non-root", () => {
  it("passes runAsNonRoot: true at pod level, or in every container", () => {
    assertPasses(rule, pod("{ runAsNonRoot: true }", ""));
    assertPasses(rule, pod("", "{ runAsNonRoot: true }"));
    assertPasses(rule, pod("{ runAsNonRoot: true, runAsUser: 10001 }", "{ runAsUser: 1000 }"));
  });

  it("fails when runAsNonRoot is set nowhere, naming the container and what to write", () => {
    const [finding] = assertViolations(rule, pod("", ""), [[`${APP}.runAsNonRoot`, "app"]]);
    assert.match(finding!.message, /Set spec\.securityContext\.runAsNonRoot: true/);
  });

  it("fails an explicit false anywhere: container overriding a compliant pod, or the pod despite containers", () => {
    assertViolations(rule, pod("{ runAsNonRoot: true }", "{ runAsNonRoot: false }"), [[`${APP}.runAsNonRoot`, "app"]]);
    assertViolations(rule, pod("{ runAsNonRoot: false }", "{ runAsNonRoot: true }"), [[`${POD}.runAsNonRoot`, undefined]]);
  });

  it("fails runAsUser: 0 even with runAsNonRoot: true, at container or pod level", () => {
    const [container] = assertViolations(rule, pod("{ runAsNonRoot: true }", "{ runAsUser: 0 }"), [[`${APP}.runAsUser`, "app"]]);
    assert.match(container!.message, /runs as root.*non-zero UID/);
    assertViolations(rule, pod("{ runAsNonRoot: true, runAsUser: 0 }", "{ runAsUser: 1000 }"), [[`${POD}.runAsUser`, undefined]]);
    assert.match(container!.message, /runAsNonRoot: true does not change that/);
  });

  it("does not speak of runAsNonRoot: true where it is false or unset", () => {
    const findings = check(rule, pod("", "{ runAsNonRoot: false, runAsUser: 0 }"));
    assert.equal(findings.length, 2);
    for (const finding of findings) assert.doesNotMatch(finding.message, /runAsNonRoot: true does not change/);
    const user = check(rule, pod("{ runAsNonRoot: true }", "{ runAsNonRoot: false, runAsUser: 0 }")).find((finding) => finding.path === `${APP}.runAsUser`);
    assert.match(user!.message, /^container "app" sets runAsUser: 0, so it runs as root\. Set runAsUser/);
  });

  it("reports runAsUser given as the string \"0\" as unreadable, not as a pass", () => {
    assertViolations(rule, pod("{ runAsNonRoot: true }", `{ runAsUser: "0" }`), [[`${APP}.runAsUser`, "app"]]);
    assertViolations(rule, pod(`{ runAsNonRoot: "true" }`, ""), [[`${POD}.runAsNonRoot`, undefined]]);
  });

  it("checks init and ephemeral containers of a Deployment", () => {
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      initContainers: [{ name: setup, image: busybox, securityContext: { runAsUser: 0 } }]
      containers: [{ name: app, image: nginx, securityContext: { runAsNonRoot: true } }]
      ephemeralContainers: [{ name: debug, image: busybox }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.runAsNonRoot", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.runAsNonRoot", "debug"],
      ["spec.template.spec.initContainers[0].securityContext.runAsUser", "setup"],
    ]);
  });

  it("relaxes both checks for hostUsers: false exactly as PSA does, and only for false", () => {
    assertPasses(rule, pod("{ runAsNonRoot: false, runAsUser: 0 }", "{ runAsUser: 0 }", "hostUsers: false"));
    assertViolations(rule, pod("", "{ runAsUser: 0 }", "hostUsers: true"), [[`${APP}.runAsNonRoot`, "app"], [`${APP}.runAsUser`, "app"]]);
    assertViolations(rule, pod("", "", `hostUsers: "false"`), [["spec.hostUsers", undefined]]);
    const unknown = check(rule, parseObject(pod("", "", `hostUsers: "${UNKNOWN}"`)));
    assert.deepEqual(unknown.map((f) => [f.outcome, f.path]), [["unknown", "spec.hostUsers"]]);
  });

  it("does not exempt Windows pods (PSA does not)", () => {
    assertViolations(rule, pod("", "", "os: { name: windows }"), [[`${APP}.runAsNonRoot`, "app"]]);
  });

  it("reports values unknown at preview as unknown, once, never as a pass", () => {
    const podUnknown = check(rule, parseObject(pod(`{ runAsNonRoot: "${UNKNOWN}" }`, "")));
    assert.deepEqual(podUnknown.map((f) => [f.outcome, f.path]), [["unknown", `${POD}.runAsNonRoot`]]);
    const userUnknown = check(rule, parseObject(pod("{ runAsNonRoot: true }", `{ runAsUser: "${UNKNOWN}" }`)));
    assert.deepEqual(userUnknown.map((f) => [f.outcome, f.path]), [["unknown", `${APP}.runAsUser`]]);
  });

  it("does not judge absent values in a server-side apply patch, but judges false and 0", () => {
    assert.deepEqual(check(rule, parseObject(pod("", "")), {}, true), []);
    assert.equal(check(rule, parseObject(pod("", "{ runAsNonRoot: false }")), {}, true).length, 1);
    assert.equal(check(rule, parseObject(pod("", "{ runAsUser: 0 }")), {}, true).length, 1);
  });

  it("fixes by requiring non-root at pod level and undoing container opt-outs", () => {
    const fixed = assertFixes(rule, pod("{ runAsNonRoot: false }", "{ runAsNonRoot: false, runAsUser: 1000 }"));
    assert.equal((fixed as any).spec.securityContext.runAsNonRoot, true);
    assert.deepEqual((fixed as any).spec.containers[0].securityContext, { runAsNonRoot: true, runAsUser: 1000 });
  });
});
