/** The cdk8s constructs: what a chart synthesizes with the admission policies and a Pod Security namespace. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Chart, Testing } from "cdk8s";
import { admissionObjects } from "../../admission/generate";
import { AdmissionPolicies, PodSecurityNamespace } from "../../constructs/index";
import { readSettings } from "../../rules/configuration";

describe("cdk8s admission constructs", () => {
  it("AdmissionPolicies synthesizes exactly the generated objects of its configuration", () => {
    const app = Testing.app();
    const chart = new Chart(app, "cluster");
    const props = { profile: "pss-restricted" as const, config: { "seccomp-profile": "advisory" }, exemptions: [{ namespace: "kube-system", reason: "system components" }] };
    new AdmissionPolicies(chart, "policies", { ...props, namePrefix: "org" });
    const expected = admissionObjects(readSettings(props, "test"), { namePrefix: "org" });
    assert.deepEqual(Testing.synth(chart), expected);
    const seccomp = expected.find((o) => o.kind === "ValidatingAdmissionPolicyBinding" && o.metadata.name === "org-seccomp-profile");
    assert.deepEqual(seccomp?.spec.validationActions, ["Warn", "Audit"]);
  });

  it("AdmissionPolicies refuses a configuration the pack would refuse", () => {
    const chart = new Chart(Testing.app(), "cluster");
    assert.throws(() => new AdmissionPolicies(chart, "policies", { exemptions: [{ name: "x", reason: "" }] }), /reason is required/);
  });

  it("PodSecurityNamespace labels enforce, warn and audit at the level and version chosen", () => {
    const chart = new Chart(Testing.app(), "cluster");
    new PodSecurityNamespace(chart, "shop", { metadata: { name: "shop", labels: { team: "web" } }, enforce: "restricted", warn: "restricted", audit: "restricted", version: "v1.37" });
    new PodSecurityNamespace(chart, "legacy", { metadata: { name: "legacy" }, enforce: "baseline", warn: "restricted" });
    const [shop, legacy] = Testing.synth(chart) as Array<{ metadata: { name: string; labels: Record<string, string> } }>;
    assert.deepEqual(shop!.metadata.labels, {
      team: "web",
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.37",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": "v1.37",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": "v1.37",
    });
    assert.equal(legacy!.metadata.labels["pod-security.kubernetes.io/enforce"], "baseline");
    assert.equal(legacy!.metadata.labels["pod-security.kubernetes.io/warn"], "restricted");
    assert.equal(legacy!.metadata.labels["pod-security.kubernetes.io/audit"], "baseline");
    assert.equal(legacy!.metadata.labels["pod-security.kubernetes.io/audit-version"], "latest");
    assert.throws(() => new PodSecurityNamespace(chart, "bad", { enforce: "baseline", version: "1.37" }), /must be "latest" or "v1.<minor>"/);
  });
});
