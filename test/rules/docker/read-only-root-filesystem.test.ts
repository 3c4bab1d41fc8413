import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readOnlyRootFilesystem } from "../../../rules/docker/read-only-root-filesystem";
import { assertFixes, container, service, table, UNKNOWN } from "./docker-fixtures";

describe("read-only-root-filesystem (Docker)", () => {
  table(readOnlyRootFilesystem, {
    passes: [
      { name: "readOnly: true", resource: container({ readOnly: true, tmpfs: { "/tmp": "rw,noexec,nosuid" } }) },
      { name: "a Service with readOnly: true", resource: service({ readOnly: true }) },
    ],
    fails: [
      { name: "readOnly unset", resource: container(), expect: [["violation", "readOnly"]], says: /readOnly: true.*tmpfs/ },
      { name: "readOnly: false", resource: container({ readOnly: false }), expect: [["violation", "readOnly"]] },
      { name: "a Service without readOnly", resource: service(), expect: [["violation", "taskSpec.containerSpec.readOnly"]] },
      { name: 'readOnly: "true" (a string)', resource: container({ readOnly: "true" }), expect: [["violation", "readOnly"]], says: /cannot be read/ },
      { name: "readOnly unknown at preview", resource: container({ readOnly: UNKNOWN }), expect: [["unknown", "readOnly"]] },
    ],
  });

  it("fixes by setting readOnly: true, for a Container and a Service", () => {
    assert.equal(assertFixes(readOnlyRootFilesystem, container({ readOnly: false })).readOnly, true);
    assert.equal((assertFixes(readOnlyRootFilesystem, service()).taskSpec as any).containerSpec.readOnly, true);
  });
});
