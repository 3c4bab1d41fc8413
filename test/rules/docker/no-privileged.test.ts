import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noPrivileged } from "../../../rules/docker/no-privileged";
import { assertFixes, container, service, table, UNKNOWN } from "./docker-fixtures";

describe("no-privileged (Docker)", () => {
  table(noPrivileged, {
    passes: [
      { name: "privileged unset", resource: container() },
      { name: "privileged: false", resource: container({ privileged: false }) },
      { name: "a Service (no such input)", resource: service() },
    ],
    fails: [
      { name: "privileged: true", resource: container({ privileged: true }), expect: [["violation", "privileged"]], says: /every capability and every host device/ },
      { name: "privileged unknown at preview", resource: container({ privileged: UNKNOWN }), expect: [["unknown", "privileged"]] },
      { name: 'privileged: "false" (a string)', resource: container({ privileged: "false" }), expect: [["violation", "privileged"]] },
    ],
  });

  it("fixes by setting privileged: false", () => {
    assert.equal(assertFixes(noPrivileged, container({ privileged: true })).privileged, false);
  });
});
