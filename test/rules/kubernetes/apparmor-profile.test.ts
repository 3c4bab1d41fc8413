import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apparmorProfile as rule } from "../../../rules/kubernetes/apparmor-profile";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { contextPod } from "./pod-fixtures";

const pod = (podSecurity: string, containerSecurity: string, annotations = "{}", extra = "") => contextPod(podSecurity, containerSecurity, extra, annotations);
const POD = "spec.securityContext.appArmorProfile";
const APP = "spec.containers[0].securityContext.appArmorProfile";
const KEY = "container.apparmor.security.beta.kubernetes.io";

describe("apparmor-profile", () => {
  it("passes unset, RuntimeDefault, Localhost and the allowed annotation values", () => {
    assertPasses(rule, pod("", ""));
    assertPasses(rule, pod("{ appArmorProfile: { type: RuntimeDefault } }", "{ appArmorProfile: { type: Localhost, localhostProfile: k8s-nginx } }"));
    assertPasses(rule, pod("", "", `{ "${KEY}/app": runtime/default, "${KEY}/other": localhost/k8s-nginx, "${KEY}/empty": "" }`));
  });

  it("passes an annotation with a null value, stored as \"\" by the API server (PSA allows it; found by the PSA differential test)", () => {
    assertPasses(rule, pod("", "", `{ "${KEY}/app": null }`));
    assertPasses(rule, pod("", "", `{ "${KEY}/app": }`));
  });

  it("fails Unconfined in a container overriding a compliant pod, and at pod level despite containers", () => {
    assertViolations(rule, pod("{ appArmorProfile: { type: RuntimeDefault } }", "{ appArmorProfile: { type: Unconfined } }"), [[`${APP}.type`, "app"]]);
    assertViolations(rule, pod("{ appArmorProfile: { type: Unconfined } }", "{ appArmorProfile: { type: RuntimeDefault } }"), [[`${POD}.type`, undefined]]);
  });

  it("fails a profile without a type and wrong case", () => {
    assertViolations(rule, pod("", "{ appArmorProfile: {} }"), [[`${APP}.type`, "app"]]);
    const [finding] = assertViolations(rule, pod("", "{ appArmorProfile: { type: runtimedefault } }"), [[`${APP}.type`, "app"]]);
    assert.match(finding!.message, /Write exactly "RuntimeDefault"/);
  });

  it("fails unconfined and misspelled annotations, for any key suffix, as PSA does", () => {
    const [finding] = assertViolations(rule, pod("", "", `{ "${KEY}/app": unconfined }`), [[`metadata.annotations["${KEY}/app"]`, "app"]]);
    assert.match(finding!.message, /no AppArmor confinement/);
    assertViolations(rule, pod("", "", `{ "${KEY}/ghost": Runtime/Default }`), [[`metadata.annotations["${KEY}/ghost"]`, "ghost"]]);
  });

  it("checks init and ephemeral containers and the template annotations of a Deployment", () => {
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    metadata: { annotations: { "${KEY}/app": unconfined } }
    spec:
      initContainers: [{ name: setup, image: busybox, securityContext: { appArmorProfile: { type: Unconfined } } }]
      containers: [{ name: app, image: nginx }]
      ephemeralContainers: [{ name: debug, image: busybox, securityContext: { appArmorProfile: { type: Unconfined } } }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.appArmorProfile.type", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.appArmorProfile.type", "debug"],
      [`spec.template.metadata.annotations["${KEY}/app"]`, "app"],
    ]);
  });

  it("does not exempt Windows pods (PSA does not)", () => {
    assertViolations(rule, pod("{ appArmorProfile: { type: Unconfined } }", "", "{}", "os: { name: windows }"), [[`${POD}.type`, undefined]]);
  });

  it("reports values unknown at preview as unknown, never as a pass", () => {
    assert.deepEqual(check(rule, parseObject(pod("", `{ appArmorProfile: { type: "${UNKNOWN}" } }`))).map((f) => [f.outcome, f.path]), [["unknown", `${APP}.type`]]);
    assert.deepEqual(check(rule, parseObject(pod("", "", `{ "${KEY}/app": "${UNKNOWN}" }`))).map((f) => [f.outcome, f.path]), [["unknown", `metadata.annotations["${KEY}/app"]`]]);
    assert.deepEqual(check(rule, parseObject(pod("", "", `"${UNKNOWN}"`))).map((f) => [f.outcome, f.path]), [["unknown", "metadata.annotations"]]);
  });

  it("reports wrong types as unreadable violations", () => {
    assertViolations(rule, pod("", "{ appArmorProfile: Unconfined }"), [[APP, "app"]]);
    assertViolations(rule, pod("", "", `{ "${KEY}/app": 1 }`), [[`metadata.annotations["${KEY}/app"]`, "app"]]);
  });

  it("judges present values in a server-side apply patch", () => {
    assert.deepEqual(check(rule, parseObject(pod("", "")), {}, true), []);
    assert.equal(check(rule, parseObject(pod("", "{ appArmorProfile: { type: Unconfined } }")), {}, true).length, 1);
  });

  it("fixes forbidden fields and annotations to the runtime default", () => {
    const fixed = assertFixes(rule, pod("{ appArmorProfile: { type: Unconfined } }", "{ appArmorProfile: { type: Localhost, localhostProfile: p } }", `{ "${KEY}/app": unconfined }`));
    assert.deepEqual((fixed as any).spec.securityContext.appArmorProfile, { type: "RuntimeDefault" });
    assert.deepEqual((fixed as any).spec.containers[0].securityContext.appArmorProfile, { type: "Localhost", localhostProfile: "p" });
    assert.equal((fixed as any).metadata.annotations[`${KEY}/app`], "runtime/default");
  });
});
