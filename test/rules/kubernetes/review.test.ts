import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseObject, reviewObject } from "../../helpers/kubernetes";

const insecure = parseObject(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, labels: { team: a } }
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{ name: app, image: nginx, securityContext: { capabilities: { add: [SYS_ADMIN] } } }]
`);

const rulesOf = (object: object, profile: "pss-baseline" | "pss-restricted" | "hardened", extra = {}) =>
  [...new Set(reviewObject(object as never, { profile, ...extra }).findings.map((f) => f.rule))];

describe("reviewObject", () => {
  it("runs exactly the profile's rules", () => {
    assert.deepEqual(rulesOf(insecure, "pss-baseline"), ["no-host-namespaces", "restrict-added-capabilities"]);
    const restricted = rulesOf(insecure, "pss-restricted");
    assert.ok(restricted.includes("drop-all-capabilities") && restricted.includes("seccomp-profile"));
    assert.ok(!restricted.includes("read-only-root-filesystem"));
    assert.ok(rulesOf(insecure, "hardened").includes("read-only-root-filesystem"));
  });

  it("applies the profile's level to rules that read it, whatever the options say", () => {
    const review = reviewObject(insecure, { profile: "pss-baseline", options: { level: "restricted" } });
    const added = review.findings.find((f) => f.rule === "restrict-added-capabilities");
    assert.match(added!.message, /baseline level does not allow it/);
  });

  it("carries severity, path and container, and applies configured exemptions with their reason", () => {
    const review = reviewObject(insecure, { profile: "pss-baseline", exemptions: [{ namespace: "shop", reason: "legacy node agent" }] });
    assert.deepEqual(review.findings, []);
    assert.deepEqual(review.exemptions, [
      { rule: "no-host-namespaces", source: "configuration", reason: "legacy node agent" },
      { rule: "restrict-added-capabilities", source: "configuration", reason: "legacy node agent" },
    ]);
    const [first] = reviewObject(insecure, { profile: "pss-baseline" }).findings;
    assert.deepEqual([first!.rule, first!.severity, first!.path, first!.container], ["no-host-namespaces", "critical", "spec.template.spec.hostNetwork", undefined]);
  });

  it("has nothing to say about objects without pod templates", () => {
    assert.deepEqual(reviewObject(parseObject("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { a: b }"), { profile: "hardened" }).findings, []);
  });
});
