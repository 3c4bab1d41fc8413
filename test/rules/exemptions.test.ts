import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyExemptions, describeExemption, EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION, type Exemption } from "../../rules/exemptions";
import type { ResourceRef } from "../../rules/kubernetes/workloads";
import type { Finding } from "../../rules/types";

const findings: Finding[] = [
  { outcome: "violation", path: "spec.containers[0].securityContext.capabilities.add[0]", container: "app", message: "app adds SYS_PTRACE." },
  { outcome: "violation", path: "spec.containers[1].securityContext.capabilities.add[0]", container: "sidecar", message: "sidecar adds SYS_ADMIN." },
  { outcome: "violation", path: "spec.securityContext.runAsUser", message: "the pod runs as root." },
];

function resource(annotations: Record<string, string> = {}, labels: Record<string, string> = {}): ResourceRef {
  return { kind: "Pod", name: "web", namespace: "shop", labels, annotations } as ResourceRef;
}

function remaining(ref: ResourceRef, configured: Exemption[] = []): Array<string | undefined> {
  return applyExemptions("restrict-added-capabilities", ref, findings, configured).findings.map((f) => f.container ?? "pod");
}

describe("exemptions", () => {
  it("an annotation naming the rule, with a reason, exempts every finding of it", () => {
    const outcome = applyExemptions("restrict-added-capabilities", resource({ [EXEMPT_ANNOTATION]: "restrict-added-capabilities", [EXEMPT_REASON_ANNOTATION]: "profiler" }), findings, []);
    assert.deepEqual(outcome, { findings: [], applied: [{ rule: "restrict-added-capabilities", source: "annotation", reason: "profiler" }] });
    assert.equal(describeExemption(outcome.applied[0]!), `exempted by annotation ${EXEMPT_ANNOTATION}: profiler`);
  });

  it("rule/container exempts that container alone, not the others nor the pod", () => {
    assert.deepEqual(remaining(resource({ [EXEMPT_ANNOTATION]: "no-privileged, restrict-added-capabilities/app", [EXEMPT_REASON_ANNOTATION]: "profiler" })), ["sidecar", "pod"]);
    assert.deepEqual(remaining(resource({ [EXEMPT_ANNOTATION]: "*/sidecar", [EXEMPT_REASON_ANNOTATION]: "vendor sidecar" })), ["app", "pod"]);
  });

  it("other rules' entries exempt nothing", () => {
    assert.deepEqual(remaining(resource({ [EXEMPT_ANNOTATION]: "no-privileged,drop-all-capabilities/app", [EXEMPT_REASON_ANNOTATION]: "x" })), ["app", "sidecar", "pod"]);
  });

  it("an annotation without a reason exempts nothing and says so on the findings it names", () => {
    const outcome = applyExemptions("restrict-added-capabilities", resource({ [EXEMPT_ANNOTATION]: "restrict-added-capabilities/app", [EXEMPT_REASON_ANNOTATION]: "  " }), findings, []);
    assert.equal(outcome.findings.length, 3);
    assert.deepEqual(outcome.findings.map((f) => f.message.includes("not honoured")), [true, false, false]);
    assert.deepEqual(outcome.applied, []);
  });

  it("configured exemptions match namespace, name, labels and container", () => {
    assert.deepEqual(remaining(resource({}, { team: "a" }), [{ namespace: "shop", labels: { team: "a" }, container: "sidecar", reason: "vendor" }]), ["app", "pod"]);
    assert.deepEqual(remaining(resource(), [{ namespace: "other", reason: "elsewhere" }]), ["app", "sidecar", "pod"]);
    assert.deepEqual(remaining(resource(), [{ name: "web", reason: "all of it" }]), []);
  });
});
