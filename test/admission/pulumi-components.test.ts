/** The Pulumi components under Pulumi's runtime mocks: the resources and inputs they register. */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { ADMISSION_POLICIES_TYPE, AdmissionPolicies, PodSecurityNamespace } from "../../admission/index";
import { admissionObjects } from "../../admission/generate";
import { readSettings } from "../../rules/configuration";
import type { JsonObject } from "../../rules/values";

const registered: Array<{ type: string; name: string; inputs: JsonObject }> = [];

before(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as JsonObject });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

function settled(resource: pulumi.CustomResource): Promise<void> {
  return new Promise((resolve) => resource.urn.apply(() => resolve()));
}

describe("Pulumi admission components", () => {
  it("AdmissionPolicies registers a policy and a binding per enabled rule, with the generated inputs", async () => {
    const settings = { profile: "pss-baseline" as const, config: { "no-host-ports": "advisory" } };
    const component = new AdmissionPolicies("cluster", settings);
    await Promise.all([...component.policies, ...component.bindings].map(settled));
    const expected = admissionObjects(readSettings(settings, "test"));
    const policies = registered.filter((r) => r.type === "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy");
    const bindings = registered.filter((r) => r.type === "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding");
    assert.equal(policies.length, expected.length / 2);
    assert.equal(bindings.length, expected.length / 2);
    for (const object of expected) {
      const found = (object.kind === "ValidatingAdmissionPolicy" ? policies : bindings).find((r) => (r.inputs.metadata as JsonObject).name === object.metadata.name);
      assert.ok(found, object.metadata.name);
      assert.deepEqual(found.inputs.spec, object.spec);
    }
    assert.equal(registered.some((r) => r.type === ADMISSION_POLICIES_TYPE), true);
  });

  it("PodSecurityNamespace registers a Namespace with the Pod Security labels", async () => {
    const component = new PodSecurityNamespace("shop", { name: "shop", enforce: "restricted", version: "v1.37" });
    await settled(component.namespace);
    const namespace = registered.find((r) => r.type === "kubernetes:core/v1:Namespace");
    assert.deepEqual((namespace?.inputs.metadata as JsonObject).labels, {
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.37",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": "v1.37",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": "v1.37",
    });
  });
});
