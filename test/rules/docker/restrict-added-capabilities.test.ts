import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { restrictAddedCapabilities } from "../../../rules/docker/restrict-added-capabilities";
import { assertFixes, container, service, table, UNKNOWN } from "./docker-fixtures";

describe("restrict-added-capabilities (Docker)", () => {
  table(restrictAddedCapabilities, {
    passes: [
      { name: "a Container adding nothing", resource: container({ capabilities: { drops: ["ALL"] } }) },
      { name: "a Container adding NET_BIND_SERVICE in any spelling", resource: container({ capabilities: { adds: ["NET_BIND_SERVICE", "net_bind_service", "CAP_NET_BIND_SERVICE"] } }) },
      { name: "a Service adding NET_BIND_SERVICE", resource: service({ capAdds: ["cap_net_bind_service"] }) },
      { name: "CHOWN at level baseline", resource: container({ capabilities: { adds: ["chown"] } }), options: { level: "baseline" } },
    ],
    fails: [
      { name: "cap_sys_admin", resource: container({ capabilities: { adds: ["cap_sys_admin"] } }), expect: [["violation", "capabilities.adds[0]"]], says: /grants SYS_ADMIN \(Docker reads the name as SYS_ADMIN\)/ },
      { name: "CAP_SYS_ADMIN", resource: container({ capabilities: { adds: ["CAP_SYS_ADMIN"] } }), expect: [["violation", "capabilities.adds[0]"]] },
      { name: "SYS_ADMIN at level baseline", resource: container({ capabilities: { adds: ["SYS_ADMIN"] } }), expect: [["violation", "capabilities.adds[0]"]], options: { level: "baseline" } },
      { name: "NET_RAW at level baseline (not in the baseline list)", resource: container({ capabilities: { adds: ["net_raw"] } }), expect: [["violation", "capabilities.adds[0]"]], options: { level: "baseline" } },
      { name: 'adds: ["ALL"] with drops: ["ALL"]', resource: container({ capabilities: { adds: ["ALL"], drops: ["ALL"] } }), expect: [["violation", "capabilities.adds[0]"]], says: /every capability \(even with drops ALL/ },
      { name: "a Service adding SYS_PTRACE", resource: service({ capAdds: ["SYS_PTRACE"] }), expect: [["violation", "taskSpec.containerSpec.capAdds[0]"]], says: /taskSpec\.containerSpec\.capAdds/ },
      { name: "NET_BIND_SERVICE when allowedCapabilities is []", resource: container({ capabilities: { adds: ["NET_BIND_SERVICE"] } }), expect: [["violation", "capabilities.adds[0]"]], options: { allowedCapabilities: [] } },
      { name: "NET_ADMIN listed in allowedCapabilities at restricted (the option only narrows)", resource: container({ capabilities: { adds: ["NET_ADMIN"] } }), expect: [["violation", "capabilities.adds[0]"]], says: /can only narrow/, options: { allowedCapabilities: ["NET_BIND_SERVICE", "NET_ADMIN"] } },
      { name: "a privileged Container", resource: container({ privileged: true }), expect: [["violation", "privileged"]] },
      { name: "an add entry unknown at preview", resource: container({ capabilities: { adds: ["NET_BIND_SERVICE", UNKNOWN] } }), expect: [["unknown", "capabilities.adds[1]"]] },
      { name: "an add entry of the wrong type", resource: container({ capabilities: { adds: [7] } }), expect: [["violation", "capabilities.adds[0]"]] },
    ],
  });

  it("fixes by keeping only the allowed adds, in canonical spelling", () => {
    const fixed = assertFixes(restrictAddedCapabilities, container({ capabilities: { adds: ["cap_sys_admin", "net_bind_service", "ALL"], drops: ["ALL"] } }));
    assert.deepEqual(fixed.capabilities, { adds: ["NET_BIND_SERVICE"], drops: ["ALL"] });
  });
});
