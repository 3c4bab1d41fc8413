import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { bytes, normaliseService } from "../../checker/compose-service";
import { NOT_KNOWN, type Unresolved } from "../../checker/compose-variables";
import type { JsonObject } from "../../rules/values";

function normalise(service: JsonObject, volumes?: unknown, directory = "/srv/app") {
  const unresolved: Unresolved = new Map();
  return { ...normaliseService(service, { name: "web", directory, volumes, unresolved }), unresolved };
}

describe("Compose service normalisation", () => {
  it("reads byte values as go-units RAMInBytes does", () => {
    assert.equal(bytes("512m"), 512 * 1024 ** 2);
    assert.equal(bytes("1g"), 1024 ** 3);
    assert.equal(bytes("1.5GB"), 1.5 * 1024 ** 3);
    assert.equal(bytes("64 MiB"), 64 * 1024 ** 2);
    assert.equal(bytes(1048576), 1048576);
    assert.equal(bytes("100"), 100);
    assert.equal(bytes("lots"), undefined);
  });

  it("turns short-syntax volumes into typed mounts, binds resolved as Compose resolves them", () => {
    const { service, aliases } = normalise({
      volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro", "./data:/data", "~/.ssh:/keys", "cache:/cache", "/anonymous", "C:\\Users\\me:/win"],
    });
    assert.deepEqual(service.volumes, [
      { type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock" },
      { type: "bind", source: "/srv/app/data", target: "/data" },
      { type: "bind", source: "/root/.ssh", target: "/keys" },
      { type: "volume", source: "cache", target: "/cache", volumeOptions: undefined },
      { type: "volume", target: "/anonymous" },
      { type: "bind", source: "C:\\Users\\me", target: "/win" },
    ]);
    assert.deepEqual(aliases.get("services.web.volumes[0].source"), { path: "services.web.volumes[0]" });
    assert.match(aliases.get("services.web.volumes[2].source")!.note!, /~ is the home directory of whoever runs Compose/);
  });

  it("gives a named volume its local-driver bind, reported where the volume is defined", () => {
    const { service, aliases } = normalise({ volumes: [{ type: "volume", source: "etc", target: "/e" }] }, { etc: { driver_opts: { type: "none", o: "bind", device: "../../etc" } } });
    assert.deepEqual(service.volumes, [{ type: "volume", source: "etc", target: "/e", volumeOptions: { driverName: undefined, driverOptions: { type: "none", o: "bind", device: "/etc" } } }]);
    assert.equal(aliases.get("services.web.volumes[0].volumeOptions.driverOptions.device")!.path, "volumes.etc.driver_opts.device");
  });

  it("reads devices, sysctl lists, limits, booleans and numeric users in Compose's shapes", () => {
    const { service } = normalise({
      devices: ["/dev/sda:/dev/xvda:rwm", "nvidia.com/gpu=all", { source: "/dev/kmsg", target: "/dev/kmsg" }],
      sysctls: ["net.ipv4.ip_forward=1", "net.core.somaxconn = 1024"],
      mem_limit: "512m",
      cpus: 0.5,
      deploy: { resources: { limits: { cpus: "1.5", memory: "1g" } } },
      read_only: "yes",
      privileged: "off",
      user: 0,
      group_add: [0, "audio"],
    });
    assert.deepEqual(service.devices, [{ hostPath: "/dev/sda" }, { hostPath: "nvidia.com/gpu=all" }, { hostPath: "/dev/kmsg" }]);
    assert.deepEqual(service.sysctls, { "net.ipv4.ip_forward": "1", "net.core.somaxconn": " 1024" });
    assert.equal(service.mem_limit, 512);
    assert.equal(service.cpus, "0.5");
    assert.deepEqual(service.deploy, { resources: { limits: { cpus: 1.5e9, memory: 1024 ** 3 } } });
    assert.equal(service.read_only, true);
    assert.equal(service.privileged, false);
    assert.equal(service.user, "0");
    assert.deepEqual(service.group_add, ["0", "audio"]);
  });

  it("reads a seccomp profile file relative to the Compose file, and an unreadable one is not known", () => {
    const dir = mkdtempSync(join(tmpdir(), "compose-seccomp-"));
    writeFileSync(join(dir, "allow.json"), '{ "defaultAction": "SCMP_ACT_ALLOW" }');
    const { service, unresolved } = normalise({ security_opt: ["no-new-privileges:true", "seccomp:allow.json", "seccomp=./missing.json", "seccomp:unconfined"] }, undefined, dir);
    assert.deepEqual(service.security_opt, ["no-new-privileges:true", 'seccomp={"defaultAction":"SCMP_ACT_ALLOW"}', NOT_KNOWN, "seccomp:unconfined"]);
    assert.match(unresolved.get("services.web.security_opt[2]")!.why, /missing\.json, which Compose reads and sends to the daemon, could not be read/);
  });

  it("leaves values of the wrong shape for the rules to refuse, and does not modify its input", () => {
    const raw = { volumes: "not-a-list", sysctls: 7, mem_limit: "lots", cap_drop: "ALL" };
    const { service } = normalise(raw);
    assert.equal(service.volumes, "not-a-list");
    assert.equal(service.sysctls, 7);
    assert.equal(service.mem_limit, "lots");
    assert.equal(service.cap_drop, "ALL");
    assert.deepEqual(raw, { volumes: "not-a-list", sysctls: 7, mem_limit: "lots", cap_drop: "ALL" });
  });
});
