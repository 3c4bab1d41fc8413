import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seccompProfile as rule } from "../../../rules/kubernetes/seccomp-profile";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { contextPod as pod } from "./pod-fixtures";

const POD = "spec.securityContext.seccompProfile";
const APP = "spec.containers[0].securityContext.seccompProfile";
const baseline = { level: "baseline" as const };

describe("seccomp-profile", () => {
  it("passes RuntimeDefault or Localhost at pod level, or in every container", () => {
    assertPasses(rule, pod("{ seccompProfile: { type: RuntimeDefault } }", ""));
    assertPasses(rule, pod("", "{ seccompProfile: { type: Localhost, localhostProfile: profiles/app.json } }"));
    assertPasses(rule, pod("{ seccompProfile: { type: Localhost, localhostProfile: p.json } }", "{ seccompProfile: { type: RuntimeDefault } }"));
  });

  it("at restricted fails a container with no profile anywhere; at baseline passes it", () => {
    const [finding] = assertViolations(rule, pod("", ""), [[APP, "app"]]);
    assert.match(finding!.message, /Set spec\.securityContext\.seccompProfile\.type: RuntimeDefault/);
    assertPasses(rule, pod("", ""), baseline);
  });

  it("fails Unconfined at both levels, in a container overriding a compliant pod", () => {
    for (const options of [{}, baseline]) {
      const [finding] = assertViolations(rule, pod("{ seccompProfile: { type: RuntimeDefault } }", "{ seccompProfile: { type: Unconfined } }"), [[`${APP}.type`, "app"]], options);
      assert.match(finding!.message, /turns off system call filtering/);
    }
  });

  it("fails an Unconfined pod even when every container sets RuntimeDefault, as PSA does", () => {
    for (const options of [{}, baseline]) {
      assertViolations(rule, pod("{ seccompProfile: { type: Unconfined } }", "{ seccompProfile: { type: RuntimeDefault } }"), [[`${POD}.type`, undefined]], options);
    }
  });

  it("fails wrong case and a profile without a type (PSA compares exact strings)", () => {
    const [lower] = assertViolations(rule, pod("{ seccompProfile: { type: runtimedefault } }", ""), [[`${POD}.type`, undefined]], baseline);
    assert.match(lower!.message, /Write exactly "RuntimeDefault"/);
    const [empty] = assertViolations(rule, pod("", "{ seccompProfile: {} }"), [[`${APP}.type`, "app"]], baseline);
    assert.match(empty!.message, /without a type/);
  });

  it("ignores the legacy seccomp annotations, which PSA at latest and the kubelet ignore", () => {
    const yaml = `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations: { seccomp.security.alpha.kubernetes.io/pod: unconfined }
spec:
  securityContext: { seccompProfile: { type: RuntimeDefault } }
  containers: [{ name: app, image: nginx }]
`;
    assertPasses(rule, yaml);
  });

  it("checks init and ephemeral containers in a Deployment", () => {
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      initContainers: [{ name: setup, image: busybox, securityContext: { seccompProfile: { type: Unconfined } } }]
      containers: [{ name: app, image: nginx, securityContext: { seccompProfile: { type: RuntimeDefault } } }]
      ephemeralContainers: [{ name: debug, image: busybox }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.seccompProfile.type", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.seccompProfile", "debug"],
    ]);
  });

  it("exempts Windows pods at restricted only, as PSA's check override does", () => {
    assertPasses(rule, pod("{ seccompProfile: { type: Unconfined } }", "", "os: { name: windows }"));
    assertViolations(rule, pod("{ seccompProfile: { type: Unconfined } }", "", "os: { name: windows }"), [[`${POD}.type`, undefined]], baseline);
  });

  it("reports values unknown at preview as unknown, never as a pass", () => {
    const podUnknown = check(rule, parseObject(pod(`{ seccompProfile: { type: "${UNKNOWN}" } }`, "")));
    assert.deepEqual(podUnknown.map((f) => [f.outcome, f.path]), [["unknown", `${POD}.type`]]);
    const whole = check(rule, parseObject(pod("", `{ seccompProfile: "${UNKNOWN}" }`)));
    assert.deepEqual(whole.map((f) => [f.outcome, f.path]), [["unknown", APP]]);
  });

  it("reports wrong types as unreadable violations", () => {
    assertViolations(rule, pod(`{ seccompProfile: RuntimeDefault }`, ""), [[POD, undefined]]);
    assertViolations(rule, pod(`{ seccompProfile: { type: 1 } }`, ""), [[`${POD}.type`, undefined]]);
  });

  it("does not require a profile in a server-side apply patch, but judges Unconfined", () => {
    assert.deepEqual(check(rule, parseObject(pod("", "")), {}, true), []);
    assert.equal(check(rule, parseObject(pod("", "{ seccompProfile: { type: Unconfined } }")), {}, true).length, 1);
  });

  it("fixes by replacing forbidden profiles and setting RuntimeDefault on the pod at restricted", () => {
    const fixed = assertFixes(rule, pod("", "{ seccompProfile: { type: Unconfined } }"));
    assert.deepEqual((fixed as any).spec.securityContext.seccompProfile, { type: "RuntimeDefault" });
    assert.deepEqual((fixed as any).spec.containers[0].securityContext.seccompProfile, { type: "RuntimeDefault" });
    const kept = assertFixes(rule, pod("{ seccompProfile: { type: Unconfined } }", "{ seccompProfile: { type: Localhost, localhostProfile: p.json } }"), baseline);
    assert.deepEqual((kept as any).spec.containers[0].securityContext.seccompProfile, { type: "Localhost", localhostProfile: "p.json" });
  });
});
