import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { procMount as rule } from "../../../rules/kubernetes/proc-mount";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

const FIELD = "spec.containers[0].securityContext.procMount";
const baseline = { level: "baseline" as const };

describe("proc-mount", () => {
  it("passes unset and Default at both levels", () => {
    for (const options of [{}, baseline]) {
      assertPasses(rule, pod(""), options);
      assertPasses(rule, pod("securityContext: { procMount: Default }"), options);
    }
  });

  it("fails Unmasked, an empty string and wrong case at both levels", () => {
    for (const options of [{}, baseline]) {
      const [unmasked] = assertViolations(rule, pod("securityContext: { procMount: Unmasked }"), [[FIELD, "app"]], options);
      assert.match(unmasked!.message, /Remove securityContext\.procMount or set it to "Default"/);
      assertViolations(rule, pod(`securityContext: { procMount: "" }`), [[FIELD, "app"]], options);
      const [lower] = assertViolations(rule, pod("securityContext: { procMount: default }"), [[FIELD, "app"]], options);
      assert.match(lower!.message, /case-sensitive/);
    }
  });

  it("relaxes baseline for hostUsers: false, never restricted (PSA 1.35)", () => {
    const yaml = pod("securityContext: { procMount: Unmasked }", "hostUsers: false");
    assertPasses(rule, yaml, baseline);
    assertViolations(rule, yaml, [[FIELD, "app"]]);
    assertViolations(rule, pod("securityContext: { procMount: Unmasked }", "hostUsers: true"), [[FIELD, "app"]], baseline);
  });

  it("reports an unknown hostUsers at baseline as unknown instead of guessing", () => {
    const findings = check(rule, parseObject(pod("securityContext: { procMount: Unmasked }", `hostUsers: "${UNKNOWN}"`)), baseline);
    assert.deepEqual(findings.map((f) => [f.outcome, f.path]), [["unknown", "spec.hostUsers"]]);
  });

  it("checks init and ephemeral containers of a StatefulSet; Windows pods are not exempt", () => {
    const yaml = `
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  template:
    spec:
      os: { name: windows }
      initContainers: [{ name: setup, image: busybox, securityContext: { procMount: Unmasked } }]
      containers: [{ name: db, image: postgres, securityContext: { procMount: Default } }]
      ephemeralContainers: [{ name: debug, image: busybox, securityContext: { procMount: Unmasked } }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.procMount", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.procMount", "debug"],
    ]);
  });

  it("reports values unknown at preview as unknown and wrong types as unreadable", () => {
    assert.deepEqual(check(rule, parseObject(pod(`securityContext: { procMount: "${UNKNOWN}" }`))).map((f) => [f.outcome, f.path]), [["unknown", FIELD]]);
    assertViolations(rule, pod("securityContext: { procMount: true }"), [[FIELD, "app"]]);
  });

  it("judges present values in a server-side apply patch", () => {
    assert.equal(check(rule, parseObject(pod("securityContext: { procMount: Unmasked }")), {}, true).length, 1);
  });

  it("fixes by setting Default", () => {
    const fixed = assertFixes(rule, pod("securityContext: { procMount: Unmasked, runAsNonRoot: true }"));
    assert.deepEqual((fixed as any).spec.containers[0].securityContext, { procMount: "Default", runAsNonRoot: true });
  });
});
