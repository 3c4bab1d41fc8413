import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noHostPathVolumes as rule } from "../../../rules/kubernetes/no-host-path-volumes";
import { assertPasses, assertViolations, check, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

const volumes = (yaml: string) => pod("", `volumes: ${yaml}`);

describe("no-host-path-volumes", () => {
  it("passes pods without hostPath volumes", () => {
    assertPasses(rule, pod(""));
    assertPasses(rule, volumes("[{ name: cache, emptyDir: {} }, { name: conf, configMap: { name: conf } }, { name: data, nfs: { server: nfs, path: / } }]"));
    assertPasses(rule, volumes("[{ name: x, hostPath: null, emptyDir: {} }]"));
  });

  it("fails every hostPath volume (PSA baseline), saying what it exposes and what to use instead", () => {
    const findings = assertViolations(rule, volumes("[{ name: logs, hostPath: { path: /var/log } }, { name: data, hostPath: { path: /srv/data, type: DirectoryOrCreate } }]"), [
      ["spec.volumes[0].hostPath", undefined],
      ["spec.volumes[1].hostPath", undefined],
    ]);
    assert.match(findings[0]!.message, /volume "logs" mounts the node's "\/var\/log" \(hostPath\): it exposes \/var\/log/);
    assert.match(findings[1]!.message, /emptyDir, persistentVolumeClaim/);
    assert.match(findings[1]!.message, /allowedHostPaths/);
  });

  it("fails a hostPath whose path is unknown at preview or malformed: any hostPath is refused", () => {
    assertViolations(rule, volumes(`[{ name: x, hostPath: { path: "${UNKNOWN}" } }]`), [["spec.volumes[0].hostPath", undefined]]);
    assertViolations(rule, volumes(`[{ name: x, hostPath: "${UNKNOWN}" }]`), [["spec.volumes[0].hostPath", undefined]]);
    assertViolations(rule, volumes(`[{ name: x, hostPath: "/etc" }]`), [["spec.volumes[0].hostPath", undefined]]);
  });

  it("allows configured host paths after normalisation, and nothing outside them", () => {
    const options = { allowedHostPaths: ["/var/log/pods/"] };
    assertPasses(rule, volumes("[{ name: pods, hostPath: { path: /var/log/pods/ } }, { name: one, hostPath: { path: /var/log//pods/a } }]"), options);
    const [finding] = assertViolations(rule, volumes("[{ name: evil, hostPath: { path: /var/log/pods/../../../etc } }]"), [["spec.volumes[0].hostPath.path", undefined]], options);
    assert.match(finding!.message, /"\/etc".*exposes \/etc/);
    assertViolations(rule, volumes("[{ name: nopath, hostPath: {} }]"), [["spec.volumes[0].hostPath.path", undefined]], options);
    assert.deepEqual(check(rule, volumes(`[{ name: x, hostPath: { path: "${UNKNOWN}" } }]`), options).map((f) => [f.outcome, f.path]), [["unknown", "spec.volumes[0].hostPath.path"]]);
  });

  it("reports a volumes list or volume that cannot be read", () => {
    assert.deepEqual(check(rule, volumes(`"${UNKNOWN}"`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.volumes"]]);
    assert.deepEqual(check(rule, volumes(`["${UNKNOWN}"]`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.volumes[0]"]]);
    assertViolations(rule, volumes("{ name: x }"), [["spec.volumes", undefined]]);
    assertViolations(rule, volumes("[42]"), [["spec.volumes[0]", undefined]]);
  });

  it("names a volume without a name by its position", () => {
    const [finding] = assertViolations(rule, volumes("[{ emptyDir: {} }, { hostPath: { path: /tmp } }]"), [["spec.volumes[1].hostPath", undefined]]);
    assert.match(finding!.message, /volume "volumes\[1\]"/);
  });
});
