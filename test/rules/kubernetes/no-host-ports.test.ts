import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noHostPorts as rule } from "../../../rules/kubernetes/no-host-ports";
import { assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

describe("no-host-ports", () => {
  it("passes container ports without hostPort, or with hostPort 0", () => {
    assertPasses(rule, pod("ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 0 }, { containerPort: 53, hostPort: null }]"));
    assertPasses(rule, pod(""));
  });

  it("fails a hostPort in any container list, naming container, field and the fix", () => {
    const object = parseObject(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      initContainers: [{ name: setup, image: busybox, ports: [{ containerPort: 1, hostPort: 1 }] }]
      containers: [{ name: app, image: nginx, ports: [{ containerPort: 80 }, { containerPort: 443, hostPort: 443 }] }]
      ephemeralContainers: [{ name: debug, image: busybox, ports: [{ containerPort: 2, hostPort: 2 }] }]
`);
    const findings = assertViolations(rule, object, [
      ["spec.template.spec.initContainers[0].ports[0].hostPort", "setup"],
      ["spec.template.spec.containers[0].ports[1].hostPort", "app"],
      ["spec.template.spec.ephemeralContainers[0].ports[0].hostPort", "debug"],
    ]);
    assert.match(findings[1]!.message, /container "app" binds port 443 of the node \(hostPort\).*Service/);
  });

  it("reports unknown and malformed ports, never passing them", () => {
    assert.deepEqual(check(rule, pod(`ports: [{ containerPort: 80, hostPort: "${UNKNOWN}" }]`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.containers[0].ports[0].hostPort"]]);
    assert.deepEqual(check(rule, pod(`ports: "${UNKNOWN}"`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.containers[0].ports"]]);
    assertViolations(rule, pod(`ports: [{ containerPort: 80, hostPort: "80" }]`), [["spec.containers[0].ports[0].hostPort", "app"]]);
    assertViolations(rule, pod(`ports: [{ containerPort: 80, hostPort: 80.5 }]`), [["spec.containers[0].ports[0].hostPort", "app"]]);
    assertViolations(rule, pod(`ports: [8080]`), [["spec.containers[0].ports[0]", "app"]]);
  });
});
