import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { procMount } from "../../../rules/docker/proc-mount";
import { assertFixes, container, service, table, UNKNOWN } from "./docker-fixtures";

const NNP = ["no-new-privileges=true"];

describe("proc-mount (Docker)", () => {
  table(procMount, {
    passes: [
      { name: "no systempaths option", resource: container({ securityOpts: NNP }) },
      { name: "a Service", resource: service() },
    ],
    fails: [
      { name: "systempaths=unconfined", resource: container({ securityOpts: ["systempaths=unconfined"] }), expect: [["violation", "securityOpts[0]"]], says: /\/proc\/kcore/ },
      { name: "systempaths:unconfined", resource: container({ securityOpts: ["systempaths:unconfined"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "privileged (nothing masked)", resource: container({ privileged: true }), expect: [["violation", "privileged"]] },
      { name: "an entry unknown at preview", resource: container({ securityOpts: [UNKNOWN] }), expect: [["unknown", "securityOpts"]] },
    ],
  });

  it("fixes by removing the entry", () => {
    assert.deepEqual(assertFixes(procMount, container({ securityOpts: ["systempaths=unconfined", ...NNP] })).securityOpts, NNP);
  });
});
