import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readOnlyRootFilesystem as rule } from "../../../rules/kubernetes/read-only-root-filesystem";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

const FIELD = "spec.containers[0].securityContext.readOnlyRootFilesystem";

describe("read-only-root-filesystem", () => {
  it("passes readOnlyRootFilesystem: true", () => {
    assertPasses(rule, pod("securityContext: { readOnlyRootFilesystem: true }"));
  });

  it("fails unset and false, suggesting emptyDir volumes for writable paths", () => {
    const [unset] = assertViolations(rule, pod(""), [[FIELD, "app"]]);
    assert.match(unset!.message, /readOnlyRootFilesystem: true.*emptyDir/);
    assertViolations(rule, pod("securityContext: { readOnlyRootFilesystem: false }"), [[FIELD, "app"]]);
  });

  it("checks init and ephemeral containers of a Job, and is not satisfied at pod level", () => {
    const yaml = `
apiVersion: batch/v1
kind: Job
metadata: { name: migrate }
spec:
  template:
    spec:
      securityContext: { readOnlyRootFilesystem: true }
      initContainers: [{ name: setup, image: busybox }]
      containers: [{ name: job, image: busybox, securityContext: { readOnlyRootFilesystem: true } }]
      ephemeralContainers: [{ name: debug, image: busybox, securityContext: { readOnlyRootFilesystem: false } }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem", "setup"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem", "debug"],
    ]);
  });

  it("exempts Windows pods, for which the API server refuses the field", () => {
    assertPasses(rule, pod("", "os: { name: windows }"));
    assertViolations(rule, pod("", "os: { name: linux }"), [[FIELD, "app"]]);
  });

  it("reports values unknown at preview as unknown, never as a pass", () => {
    assert.deepEqual(check(rule, parseObject(pod(`securityContext: { readOnlyRootFilesystem: "${UNKNOWN}" }`))).map((f) => [f.outcome, f.path]), [["unknown", FIELD]]);
  });

  it("reports wrong types as unreadable violations (the string \"true\" is not true)", () => {
    assertViolations(rule, pod(`securityContext: { readOnlyRootFilesystem: "true" }`), [[FIELD, "app"]]);
  });

  it("does not judge an absent field in a server-side apply patch, but judges false", () => {
    assert.deepEqual(check(rule, parseObject(pod("")), {}, true), []);
    assert.equal(check(rule, parseObject(pod("securityContext: { readOnlyRootFilesystem: false }")), {}, true).length, 1);
  });

  it("fixes by setting readOnlyRootFilesystem: true in every container", () => {
    const fixed = assertFixes(rule, pod("securityContext: { readOnlyRootFilesystem: false, runAsNonRoot: true }"));
    assert.deepEqual((fixed as any).spec.containers[0].securityContext, { readOnlyRootFilesystem: true, runAsNonRoot: true });
  });
});
