import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resourceLimits } from "../../../rules/docker/resource-limits";
import { container, service, table, UNKNOWN } from "./docker-fixtures";

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
