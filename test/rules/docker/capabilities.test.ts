import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dockerCapability } from "../../../rules/docker/capabilities";
import { dropAllCapabilities } from "../../../rules/docker/drop-all-capabilities";
import { restrictAddedCapabilities } from "../../../rules/docker/restrict-added-capabilities";
import { assertFixes, check, container, service, table, UNKNOWN } from "./docker-fixtures";

describe("Docker capability names", () => {
  it("are read as the daemon reads them: any case, CAP_ optional, ALL magic, CAP_ALL and untrimmed names are not ALL", () => {
    assert.equal(dockerCapability("cap_sys_admin"), "SYS_ADMIN");
    assert.equal(dockerCapability("CAP_SYS_ADMIN"), "SYS_ADMIN");
    assert.equal(dockerCapability("Sys_Admin"), "SYS_ADMIN");
    assert.equal(dockerCapability("all"), "ALL");
    assert.equal(dockerCapability("CAP_ALL"), "CAP_ALL");
    assert.notEqual(dockerCapability(" ALL"), "ALL");
  });
});

describe("drop-all-capabilities (Docker)", () => {
  table(dropAllCapabilities, {
    passes: [
      { name: 'a Container dropping ["ALL"]', resource: container({ capabilities: { drops: ["ALL"] } }) },
      { name: "a Container dropping all in lower case, adding NET_BIND_SERVICE", resource: container({ capabilities: { drops: ["all"], adds: ["NET_BIND_SERVICE"] } }) },
      { name: "a Container with privileged: false and drops ALL among others", resource: container({ privileged: false, capabilities: { drops: ["NET_RAW", "ALL"] } }) },
      { name: 'a Service with capDrops: ["ALL"]', resource: service({ capDrops: ["ALL"] }) },
    ],
    fails: [
      { name: "a Container without capabilities (Docker's 14 defaults)", resource: container(), expect: [["violation", "capabilities.drops"]], says: /capabilities\.drops: \["ALL"\]/ },
      { name: "a Container dropping only some capabilities", resource: container({ capabilities: { drops: ["NET_RAW", "SYS_ADMIN"] } }), expect: [["violation", "capabilities.drops"]] },
      { name: "a Container dropping CAP_ALL (no capability to the daemon)", resource: container({ capabilities: { drops: ["CAP_ALL"] } }), expect: [["violation", "capabilities.drops"]], says: /"CAP_ALL" is no capability to Docker/ },
      { name: "adds ALL with drops ALL (every capability is granted)", resource: container({ capabilities: { adds: ["ALL"], drops: ["ALL"] } }), expect: [["violation", "capabilities.adds[0]"]], says: /every capability is granted/ },
      { name: "adds all (lower case) with drops ALL", resource: container({ capabilities: { adds: ["NET_BIND_SERVICE", "all"], drops: ["ALL"] } }), expect: [["violation", "capabilities.adds[1]"]] },
      { name: "a privileged Container dropping ALL", resource: container({ privileged: true, capabilities: { drops: ["ALL"] } }), expect: [["violation", "privileged"]], says: /every capability/ },
      { name: "a Service without capDrops, naming the Service field", resource: service(), expect: [["violation", "taskSpec.containerSpec.capDrops"]], says: /taskSpec\.containerSpec\.capDrops: \["ALL"\]/ },
      { name: "drops unknown at preview", resource: container({ capabilities: { drops: UNKNOWN } }), expect: [["unknown", "capabilities.drops"]] },
      { name: "capabilities unknown at preview", resource: container({ capabilities: UNKNOWN }), expect: [["unknown", "capabilities"]] },
      { name: "a drop entry unknown at preview", resource: container({ capabilities: { drops: [UNKNOWN] } }), expect: [["unknown", "capabilities.drops"]] },
      { name: "a taskSpec unknown at preview", resource: { type: service().type, props: { taskSpec: UNKNOWN } }, expect: [["unknown", "taskSpec"]] },
      { name: "drops of the wrong type", resource: container({ capabilities: { drops: "ALL" } }), expect: [["violation", "capabilities.drops"]], says: /cannot be read/ },
      { name: "privileged unknown at preview", resource: container({ privileged: UNKNOWN, capabilities: { drops: ["ALL"] } }), expect: [["unknown", "privileged"]] },
      { name: "drops ALL with an add unknown at preview (it may be ALL)", resource: container({ capabilities: { drops: ["ALL"], adds: [UNKNOWN] } }), expect: [["unknown", "capabilities.adds[0]"]] },
    ],
  });

  it("fixes by dropping ALL first and keeps the other entries", () => {
    const fixed = assertFixes(dropAllCapabilities, container({ capabilities: { drops: ["NET_RAW", "CAP_ALL"], adds: ["NET_BIND_SERVICE"] } }));
    assert.deepEqual(fixed.capabilities, { drops: ["ALL", "NET_RAW", "CAP_ALL"], adds: ["NET_BIND_SERVICE"] });
    assert.deepEqual((assertFixes(dropAllCapabilities, service()).taskSpec as any).containerSpec.capDrops, ["ALL"]);
  });

  it("does not overwrite a value unknown at preview", () => {
    const resource = container({ capabilities: UNKNOWN });
    assert.deepEqual(check(dropAllCapabilities, resource).map((f) => f.outcome), ["unknown"]);
  });
});

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
