import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noDockerSocketMount as rule } from "../../../rules/kubernetes/no-docker-socket-mount";
import { assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

const hostPath = (path: string) => pod("", `volumes: [{ name: sock, hostPath: { path: "${path}" } }]`);

describe("no-docker-socket-mount", () => {
  it("passes pods without runtime sockets, other host paths included (no-host-path-volumes judges those)", () => {
    assertPasses(rule, pod(""));
    assertPasses(rule, hostPath("/var/log/pods"));
    assertPasses(rule, pod("", "volumes: [{ name: c, emptyDir: {} }]"));
  });

  for (const path of [
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/var/run//docker.sock",
    "/var/run/./docker.sock",
    "/run/../var/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/run/k3s/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
    "/run/podman/podman.sock",
    "/run/user/1000/docker.sock",
    "/var/run/cri-dockerd.sock",
    "/opt/ci/docker.sock",
    "/var/run",
    "/run",
    "/run/containerd",
    "/",
  ]) {
    it(`fails a hostPath of ${path}`, () => {
      const [finding] = assertViolations(rule, hostPath(path), [["spec.volumes[0].hostPath.path", undefined]]);
      assert.match(finding!.message, /container runtime socket .*root on the node/);
    });
  }

  it("fails it in a DaemonSet too, and is not loosened by allowedHostPaths", () => {
    const daemonSet = parseObject(`
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent }
spec:
  template:
    spec:
      containers: [{ name: agent, image: agent }]
      volumes: [{ name: docker, hostPath: { path: /var/run/docker.sock, type: Socket } }]
`);
    assertViolations(rule, daemonSet, [["spec.template.spec.volumes[0].hostPath.path", undefined]], { allowedHostPaths: ["/var/run/"] });
  });

  it("reports a hostPath whose path is unknown at preview as unknown, a wrong type as unreadable", () => {
    assert.deepEqual(check(rule, hostPath(UNKNOWN)).map((f) => [f.outcome, f.path]), [["unknown", "spec.volumes[0].hostPath.path"]]);
    assertViolations(rule, pod("", "volumes: [{ name: s, hostPath: { path: 7 } }]"), [["spec.volumes[0].hostPath.path", undefined]]);
  });
});
