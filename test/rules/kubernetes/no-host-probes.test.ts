import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noHostProbes as rule } from "../../../rules/kubernetes/no-host-probes";
import { assertFixes, assertPasses, assertViolations, check, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

describe("no-host-probes", () => {
  it("passes probes and hooks aimed at the pod (host unset or empty)", () => {
    assertPasses(rule, pod(`
      livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
      readinessProbe: { tcpSocket: { port: 8080, host: "" } }
      startupProbe: { grpc: { port: 9090 } }
      lifecycle: { preStop: { httpGet: { path: /drain, port: 8080 } }, postStart: { exec: { command: [true] } } }`));
  });

  it("fails a host in every probe and hook, localhost included", () => {
    const findings = assertViolations(
      rule,
      pod(`
      livenessProbe: { httpGet: { host: 169.254.169.254, path: /latest/meta-data, port: 80 } }
      readinessProbe: { tcpSocket: { host: localhost, port: 10250 } }
      startupProbe: { httpGet: { host: 127.0.0.1, port: 80 } }
      lifecycle: { postStart: { tcpSocket: { host: db, port: 5432 } }, preStop: { httpGet: { host: example.com, port: 80 } } }`),
      [
        ["spec.containers[0].livenessProbe.httpGet.host", "app"],
        ["spec.containers[0].readinessProbe.tcpSocket.host", "app"],
        ["spec.containers[0].startupProbe.httpGet.host", "app"],
        ["spec.containers[0].lifecycle.postStart.tcpSocket.host", "app"],
        ["spec.containers[0].lifecycle.preStop.httpGet.host", "app"],
      ],
    );
    assert.match(findings[0]!.message, /host "169.254.169.254".*Remove host/);
  });

  it("judges init and ephemeral containers", () => {
    const object = `
apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  initContainers: [{ name: init, image: i, readinessProbe: { httpGet: { host: h, port: 1 } } }]
  containers: [{ name: app, image: a }]
  ephemeralContainers: [{ name: dbg, image: d, lifecycle: { preStop: { tcpSocket: { host: h, port: 1 } } } }]
`;
    assertViolations(rule, object, [
      ["spec.initContainers[0].readinessProbe.httpGet.host", "init"],
      ["spec.ephemeralContainers[0].lifecycle.preStop.tcpSocket.host", "dbg"],
    ]);
  });

  it("reports unknown and malformed values once, at their own path", () => {
    assert.deepEqual(check(rule, pod(`livenessProbe: "${UNKNOWN}"`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.containers[0].livenessProbe"]]);
    assert.deepEqual(check(rule, pod(`livenessProbe: { httpGet: { host: "${UNKNOWN}", port: 1 } }`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.containers[0].livenessProbe.httpGet.host"]]);
    assertViolations(rule, pod(`lifecycle: "preStop"`), [["spec.containers[0].lifecycle", "app"]]);
    assertViolations(rule, pod(`livenessProbe: { httpGet: { host: 42, port: 1 } }`), [["spec.containers[0].livenessProbe.httpGet.host", "app"]]);
  });

  it("fixes by removing the hosts", () => {
    const fixed = assertFixes(rule, pod(`livenessProbe: { httpGet: { host: h, path: /, port: 1 } }\n      lifecycle: { preStop: { tcpSocket: { host: h, port: 1 } } }`));
    assert.deepEqual((fixed.spec as { containers: Array<{ livenessProbe: unknown }> }).containers[0]!.livenessProbe, { httpGet: { path: "/", port: 1 } });
  });
});
