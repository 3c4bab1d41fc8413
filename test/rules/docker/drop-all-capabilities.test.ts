import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dropAllCapabilities } from "../../../rules/docker/drop-all-capabilities";
import { assertFixes, check, container, service, table, UNKNOWN } from "./docker-fixtures";

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
