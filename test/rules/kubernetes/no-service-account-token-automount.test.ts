import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noServiceAccountTokenAutomount as rule } from "../../../rules/kubernetes/no-service-account-token-automount";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

describe("no-service-account-token-automount", () => {
  it("passes a pod that sets automountServiceAccountToken: false", () => {
    assertPasses(rule, pod("", "automountServiceAccountToken: false"));
  });

  it("fails true and unset (the ServiceAccount's setting cannot be seen), saying what to write", () => {
    const [explicit] = assertViolations(rule, pod("", "automountServiceAccountToken: true"), [["spec.automountServiceAccountToken", undefined]]);
    assert.match(explicit!.message, /sets automountServiceAccountToken: true\. Set automountServiceAccountToken: false/);
    const [unset] = assertViolations(rule, pod(""), [["spec.automountServiceAccountToken", undefined]]);
    assert.match(unset!.message, /leaves automountServiceAccountToken unset/);
    assertViolations(rule, pod("", 'automountServiceAccountToken: "false"'), [["spec.automountServiceAccountToken", undefined]]);
  });

  it("reports unknown at preview, and leaves an unset field of a patch to the live object", () => {
    assert.deepEqual(check(rule, pod("", `automountServiceAccountToken: "${UNKNOWN}"`)).map((f) => f.outcome), ["unknown"]);
    assert.deepEqual(check(rule, pod(""), {}, true), []);
    assert.equal(check(rule, pod("", "automountServiceAccountToken: true"), {}, true).length, 1);
  });

  it("judges a Job's pod template and fixes it", () => {
    const job = "apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec: { template: { spec: { containers: [{ name: c, image: i }] } } }";
    assertViolations(rule, parseObject(job), [["spec.template.spec.automountServiceAccountToken", undefined]]);
    const fixed = assertFixes(rule, job);
    assert.equal((fixed as { spec: { template: { spec: { automountServiceAccountToken: boolean } } } }).spec.template.spec.automountServiceAccountToken, false);
  });
});
