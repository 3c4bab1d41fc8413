import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { restrictedVolumeTypes as rule } from "../../../rules/kubernetes/restricted-volume-types";
import { assertPasses, assertViolations, check, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

const volumes = (yaml: string) => pod("", `volumes: ${yaml}`);

describe("restricted-volume-types", () => {
  it("passes every type Pod Security restricted allows", () => {
    assertPasses(
      rule,
      volumes(`
    - { name: a, configMap: { name: c } }
    - { name: b, csi: { driver: secrets-store.csi.k8s.io } }
    - { name: c, downwardAPI: { items: [] } }
    - { name: d, emptyDir: { medium: Memory } }
    - { name: e, ephemeral: { volumeClaimTemplate: { spec: {} } } }
    - { name: f, image: { reference: "registry/model:1" } }
    - { name: g, persistentVolumeClaim: { claimName: data } }
    - { name: h, projected: { sources: [] } }
    - { name: i, secret: { secretName: s } }`),
    );
  });

  it("passes a volume with no source, which the API server defaults to emptyDir", () => {
    assertPasses(rule, volumes("[{ name: scratch }]"));
  });

  it("fails hostPath and the node- and network-backed types, naming type and alternatives", () => {
    const findings = assertViolations(rule, volumes("[{ name: h, hostPath: { path: /data } }, { name: n, nfs: { server: s, path: / } }, { name: g, gitRepo: { repository: r } }, { name: f, flexVolume: { driver: d } }]"), [
      ["spec.volumes[0].hostPath", undefined],
      ["spec.volumes[1].nfs", undefined],
      ["spec.volumes[2].gitRepo", undefined],
      ["spec.volumes[3].flexVolume", undefined],
    ]);
    assert.match(findings[1]!.message, /volume "n" is of type nfs, which Pod Security restricted does not allow\. Use one of configMap/);
  });

  it("fails a misspelt type and a second source next to an allowed one", () => {
    assertViolations(rule, volumes("[{ name: typo, hostpath: { path: /etc } }]"), [["spec.volumes[0].hostpath", undefined]]);
    assertViolations(rule, volumes("[{ name: two, emptyDir: {}, hostPath: { path: /etc } }]"), [["spec.volumes[0].hostPath", undefined]]);
  });

  it("fails a refused type whose value is unknown at preview: the type is known", () => {
    assertViolations(rule, volumes(`[{ name: x, hostPath: "${UNKNOWN}" }]`), [["spec.volumes[0].hostPath", undefined]]);
    assertPasses(rule, volumes(`[{ name: x, secret: "${UNKNOWN}" }]`));
    assert.deepEqual(check(rule, volumes(`"${UNKNOWN}"`)).map((f) => f.outcome), ["unknown"]);
  });
});
