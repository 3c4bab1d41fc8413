import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nonRootUidGid as rule } from "../../../rules/kubernetes/non-root-uid-gid";
import { assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { contextPod as pod } from "./pod-fixtures";

const POD = "spec.securityContext";
const APP = "spec.containers[0].securityContext";
const IDS = "{ runAsUser: 10001, runAsGroup: 10001 }";

describe("non-root-uid-gid", () => {
  it("passes high IDs at pod level, in the container, or split between them", () => {
    assertPasses(rule, pod(IDS, ""));
    assertPasses(rule, pod("", IDS));
    assertPasses(rule, pod("{ runAsUser: 20000, fsGroup: 10000, supplementalGroups: [44, 10002] }", "{ runAsGroup: 10000 }"));
  });

  it("fails a container whose UID and GID are left to the image, saying to set numeric IDs", () => {
    const [user, group] = assertViolations(rule, pod("", ""), [[`${APP}.runAsUser`, "app"], [`${APP}.runAsGroup`, "app"]]);
    assert.match(user!.message, /image's USER.*cannot be verified.*numeric runAsUser of at least 10000/);
    assert.match(group!.message, /often 0/);
  });

  it("fails 0:0 and low IDs, at pod level even when containers override", () => {
    assertViolations(rule, pod("", "{ runAsUser: 0, runAsGroup: 0 }"), [[`${APP}.runAsUser`, "app"], [`${APP}.runAsGroup`, "app"]]);
    const [low] = assertViolations(rule, pod("{ runAsUser: 1000, runAsGroup: 10001 }", ""), [[`${POD}.runAsUser`, undefined]]);
    assert.match(low!.message, /below 10000.*e\.g\. 10001/);
    assertViolations(rule, pod("{ runAsUser: 0, runAsGroup: 10001 }", "{ runAsUser: 10001 }"), [[`${POD}.runAsUser`, undefined]]);
  });

  it("fails a container overriding a compliant pod, with runAsNonRoot true not helping", () => {
    assertViolations(rule, pod(IDS, "{ runAsNonRoot: true, runAsUser: 0 }"), [[`${APP}.runAsUser`, "app"]]);
  });

  it("honours options.minimumId", () => {
    assertPasses(rule, pod("{ runAsUser: 1000, runAsGroup: 1000 }", ""), { minimumId: 1000 });
    assertViolations(rule, pod("{ runAsUser: 15000, runAsGroup: 20000 }", ""), [[`${POD}.runAsUser`, undefined]], { minimumId: 20000 });
  });

  it("fails fsGroup 0 or low, and supplementalGroups containing 0", () => {
    const [fsGroup] = assertViolations(rule, pod("{ runAsUser: 10001, runAsGroup: 10001, fsGroup: 0, supplementalGroups: [10002, 0] }", ""), [
      [`${POD}.fsGroup`, undefined],
      [`${POD}.supplementalGroups[1]`, undefined],
    ]);
    assert.match(fsGroup!.message, /^the pod sets fsGroup: 0, which is root's group\. Set fsGroup to a GID of at least 10000 \(e\.g\. 10001\)/);
  });

  it("checks init and ephemeral containers of a Deployment", () => {
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      securityContext: { runAsGroup: 10001 }
      initContainers: [{ name: setup, image: busybox, securityContext: { runAsUser: 0 } }]
      containers: [{ name: app, image: nginx, securityContext: { runAsUser: 10001 } }]
      ephemeralContainers: [{ name: debug, image: busybox }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.runAsUser", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.runAsUser", "debug"],
    ]);
  });

  it("exempts Windows pods, where these Linux fields are refused", () => {
    assertPasses(rule, pod("", "", "os: { name: windows }"));
  });

  it("does not exempt pods with hostUsers: false", () => {
    assertViolations(rule, pod("{ runAsUser: 0, runAsGroup: 10001 }", "", "hostUsers: false"), [[`${POD}.runAsUser`, undefined]]);
  });

  it("reports \"0\" as a string and other wrong types as unreadable violations", () => {
    assertViolations(rule, pod(`{ runAsUser: "0", runAsGroup: 10001 }`, ""), [[`${POD}.runAsUser`, undefined]]);
    assertViolations(rule, pod(`{ runAsUser: 10001, runAsGroup: 10001, supplementalGroups: ["0"] }`, ""), [[`${POD}.supplementalGroups[0]`, undefined]]);
  });

  it("reports values unknown at preview as unknown, once, never as a pass", () => {
    const findings = check(rule, parseObject(pod(`{ runAsUser: "${UNKNOWN}", runAsGroup: 10001, supplementalGroups: ["${UNKNOWN}"] }`, "")));
    assert.deepEqual(findings.map((f) => [f.outcome, f.path]), [["unknown", `${POD}.runAsUser`], ["unknown", `${POD}.supplementalGroups[0]`]]);
  });

  it("does not require IDs in a server-side apply patch, but judges 0", () => {
    assert.deepEqual(check(rule, parseObject(pod("", "")), {}, true), []);
    assert.equal(check(rule, parseObject(pod("", "{ runAsUser: 0 }")), {}, true).length, 1);
  });
});
