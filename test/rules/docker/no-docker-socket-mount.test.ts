import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noDockerSocketMount } from "../../../rules/docker/no-docker-socket-mount";
import { container, service, table, UNKNOWN } from "./docker-fixtures";

const bind = (source: unknown, target = "/data") => ({ type: "bind", source, target });

describe("no-docker-socket-mount (Docker)", () => {
  table(noDockerSocketMount, {
    passes: [
      { name: "a bind mount of a project directory", resource: container({ mounts: [bind("/srv/app")] }) },
      { name: "a Service with a named volume", resource: service({ mounts: [{ type: "volume", source: "data", target: "/data" }] }) },
    ],
    fails: [
      { name: "/var/run/docker.sock", resource: container({ mounts: [bind("/var/run/docker.sock", "/var/run/docker.sock")] }), expect: [["violation", "mounts[0].source"]], says: /runtime socket \/var\/run\/docker\.sock/ },
      { name: "//var/run/docker.sock", resource: container({ volumes: [{ hostPath: "//var/run/docker.sock", containerPath: "/d.sock" }] }), expect: [["violation", "volumes[0].hostPath"]] },
      { name: "/var/run/../run/docker.sock", resource: container({ mounts: [bind("/var/run/../run/docker.sock")] }), expect: [["violation", "mounts[0].source"]] },
      { name: "/run (the directory holding it)", resource: container({ mounts: [bind("/run")] }), expect: [["violation", "mounts[0].source"]], says: /which holds the container runtime socket/ },
      { name: "a relocated docker.sock", resource: container({ mounts: [bind("/srv/sockets/docker.sock")] }), expect: [["violation", "mounts[0].source"]] },
      { name: "containerd's socket on a Service", resource: service({ mounts: [bind("/run/containerd/containerd.sock")] }), expect: [["violation", "taskSpec.containerSpec.mounts[0].source"]] },
      { name: "the socket even when allowedHostPaths lists it", resource: container({ mounts: [bind("/var/run/docker.sock")] }), expect: [["violation", "mounts[0].source"]], options: { allowedHostPaths: ["/var/run/docker.sock"] } },
      { name: "a hostPath unknown at preview", resource: container({ volumes: [{ hostPath: UNKNOWN, containerPath: "/x" }] }), expect: [["unknown", "volumes[0].hostPath"]] },
    ],
  });

  it("has no automatic fix", () => assert.equal(noDockerSocketMount.fix, undefined));
});
