import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allowedHostPath, exposedRuntimeSocket, exposedSensitivePath, exposes, normaliseHostPath } from "../../rules/host-paths";

describe("host paths", () => {
  it("normalises the spellings the kernel resolves to the same path", () => {
    assert.equal(normaliseHostPath("/var/run//docker.sock"), "/var/run/docker.sock");
    assert.equal(normaliseHostPath("/var/run/./docker.sock"), "/var/run/docker.sock");
    assert.equal(normaliseHostPath("/run/../var/run/docker.sock"), "/var/run/docker.sock");
    assert.equal(normaliseHostPath("/etc/"), "/etc");
    assert.equal(normaliseHostPath("//"), "/");
    assert.equal(normaliseHostPath("/.."), "/");
    assert.equal(normaliseHostPath("/ETC"), "/ETC", "Linux paths are case-sensitive");
  });

  it("says a mount exposes a target at, below or above it, with * matching one segment", () => {
    assert.ok(exposes("/var/lib/docker", "/var/lib/docker"));
    assert.ok(exposes("/var/lib/docker/volumes", "/var/lib/docker"));
    assert.ok(exposes("/var", "/var/lib/docker"));
    assert.ok(exposes("/", "/var/lib/docker"));
    assert.ok(exposes("/run/user/1000/docker.sock", "/run/user/*/docker.sock"));
    assert.ok(exposes("/run/user/1000", "/run/user/*/docker.sock"));
    assert.ok(!exposes("/var/lib/dockerd", "/var/lib/docker"), "a sibling with a longer name is not below");
    assert.ok(!exposes("/*", "/etc"), "a literal * in the mounted path is no wildcard");
  });

  it("finds runtime sockets by path, by directory above them and by file name", () => {
    assert.equal(exposedRuntimeSocket("/var/run/docker.sock"), "/var/run/docker.sock");
    assert.equal(exposedRuntimeSocket("/var/run//./docker.sock"), "/var/run/docker.sock");
    assert.equal(exposedRuntimeSocket("/var/run"), "/var/run/docker.sock");
    assert.equal(exposedRuntimeSocket("/run/containerd"), "/run/containerd/containerd.sock");
    assert.equal(exposedRuntimeSocket("/"), "/var/run/docker.sock");
    assert.equal(exposedRuntimeSocket("/opt/ci/docker.sock"), "/opt/ci/docker.sock");
    assert.equal(exposedRuntimeSocket("/run/user/1000/podman/podman.sock"), "/run/user/1000/podman/podman.sock");
    assert.equal(exposedRuntimeSocket("/var/log/pods"), undefined);
    assert.equal(exposedRuntimeSocket("/data/docker.socket"), undefined);
  });

  it("finds sensitive paths at, below and above the listed ones, but not unrelated directories", () => {
    assert.equal(exposedSensitivePath("/"), "/");
    assert.equal(exposedSensitivePath("/etc/kubernetes"), "/etc");
    assert.equal(exposedSensitivePath("/var"), "/var/lib/docker");
    assert.equal(exposedSensitivePath("/data/../proc"), "/proc");
    assert.equal(exposedSensitivePath("/data"), undefined);
    assert.equal(exposedSensitivePath("/opt/app/cache"), undefined);
  });

  it("allows exact entries and directories with a trailing slash, after normalising both sides", () => {
    const allowlist = ["/var/log/pods/", "/opt/agent.conf"];
    assert.ok(allowedHostPath("/var/log/pods", allowlist));
    assert.ok(allowedHostPath("/var/log/pods/ns_pod/c/0.log", allowlist));
    assert.ok(allowedHostPath("/opt//agent.conf", allowlist));
    assert.ok(!allowedHostPath("/opt/agent.conf.d", allowlist), "an exact entry allows nothing below or beside it");
    assert.ok(!allowedHostPath("/var/log/pods/../../../etc", allowlist), "escaping the allowed directory with .. is refused");
    assert.ok(!allowedHostPath("/var/log/podsX", allowlist));
    assert.ok(!allowedHostPath("/var/log", allowlist), "the parent of an allowed directory is not allowed");
    assert.ok(!allowedHostPath("/etc", []));
  });
});
