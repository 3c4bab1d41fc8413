import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noHostDevices } from "../../../rules/docker/no-host-devices";
import { resourceLimits } from "../../../rules/docker/resource-limits";
import { safeSysctls } from "../../../rules/docker/safe-sysctls";
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

describe("resource-limits (Docker only)", () => {
  table(resourceLimits, {
    passes: [
      { name: "memory and cpus", resource: container({ memory: 512, cpus: "1.5" }) },
      { name: "memory and cpuQuota", resource: container({ memory: 256, cpuQuota: 50000, cpuPeriod: 100000 }) },
      { name: "memory and cpuSet", resource: container({ memory: 256, cpuSet: "0-1" }) },
      { name: "a Service with memoryBytes and nanoCpus", resource: service({}, { resources: { limits: { memoryBytes: 536870912, nanoCpus: 1000000000 } } }) },
    ],
    fails: [
      { name: "no limits", resource: container(), expect: [["violation", "memory"], ["violation", "cpus"]], says: /memory: 512/ },
      { name: "cpuShares only (a weight, not a limit)", resource: container({ memory: 512, cpuShares: 512 }), expect: [["violation", "cpus"]], says: /cpuShares is only a weight/ },
      { name: 'memory 0 and cpus "0"', resource: container({ memory: 0, cpus: "0" }), expect: [["violation", "memory"], ["violation", "cpus"]] },
      { name: "a Service without limits", resource: service(), expect: [["violation", "taskSpec.resources.limits.memoryBytes"], ["violation", "taskSpec.resources.limits.nanoCpus"]] },
      { name: "a memory limit unknown at preview", resource: container({ memory: UNKNOWN, cpus: "1" }), expect: [["unknown", "memory"]] },
      { name: "cpus of the wrong type", resource: container({ memory: 512, cpus: 2 }), expect: [["violation", "cpus"]], says: /cannot be read/ },
    ],
  });

  it("is beyond PSS (so advisory unless a profile enforces it)", () => assert.deepEqual(resourceLimits.meta?.pss, []));
});

describe("safe-sysctls (Docker)", () => {
  table(safeSysctls, {
    passes: [
      { name: "no sysctls", resource: container() },
      { name: "net.ipv4.ip_unprivileged_port_start", resource: container({ sysctls: { "net.ipv4.ip_unprivileged_port_start": "80" } }) },
      { name: "a Service with a safe sysctl", resource: service({ sysctl: { "net.ipv4.tcp_syncookies": "1" } }) },
      // runc writes both spellings to the same /proc/sys file (test/docker measures it).
      { name: "a safe name written with slashes", resource: container({ sysctls: { "kernel/shm_rmid_forced": "1" } }) },
    ],
    fails: [
      { name: "net.ipv4.ip_forward", resource: container({ sysctls: { "net.ipv4.ip_forward": "1" } }), expect: [["violation", 'sysctls["net.ipv4.ip_forward"]']] },
      { name: "an unsafe name written with slashes", resource: container({ sysctls: { "net/ipv4/ip_forward": "1" } }), expect: [["violation", 'sysctls["net/ipv4/ip_forward"]']] },
      { name: "a Service sysctl", resource: service({ sysctl: { "kernel.shmmax": "1" } }), expect: [["violation", 'taskSpec.containerSpec.sysctl["kernel.shmmax"]']] },
      { name: "sysctls unknown at preview", resource: container({ sysctls: UNKNOWN }), expect: [["unknown", "sysctls"]] },
    ],
  });
});
