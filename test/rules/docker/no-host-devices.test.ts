import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noHostDevices } from "../../../rules/docker/no-host-devices";
import { container, service, table, UNKNOWN } from "./docker-fixtures";

describe("no-host-devices (Docker only)", () => {
  table(noHostDevices, {
    passes: [
      { name: "no devices", resource: container() },
      { name: "GPUs requested by name", resource: container({ gpus: "all" }) },
      { name: "a Service (no such input)", resource: service() },
    ],
    fails: [
      { name: "two devices, each named", resource: container({ devices: [{ hostPath: "/dev/sda" }, { hostPath: "/dev/mem", containerPath: "/dev/mem" }] }), expect: [["violation", "devices[0]"], ["violation", "devices[1]"]], says: /host device \/dev\/sda[\s\S]*host device \/dev\/mem/ },
      { name: "a device cgroup rule", resource: container({ deviceCgroupRules: ["c *:* rwm"] }), expect: [["violation", "deviceCgroupRules[0]"]] },
      { name: "a device whose host path is unknown at preview", resource: container({ devices: [{ hostPath: UNKNOWN }] }), expect: [["unknown", "devices[0].hostPath"], ["violation", "devices[0]"]] },
      { name: "devices unknown at preview", resource: container({ devices: UNKNOWN }), expect: [["unknown", "devices"]] },
    ],
  });

  it("carries its own metadata: beyond PSS, CIS 5.17", () => {
    assert.deepEqual(noHostDevices.meta?.pss, []);
    assert.match(noHostDevices.meta!.references.map((r) => r.control).join(), /5\.17/);
  });
});
