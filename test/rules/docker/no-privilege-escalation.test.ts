import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noPrivilegeEscalation } from "../../../rules/docker/no-privilege-escalation";
import { assertFixes, container, service, table, UNKNOWN } from "./docker-fixtures";

const NNP = ["no-new-privileges=true"];

describe("no-privilege-escalation (Docker)", () => {
  table(noPrivilegeEscalation, {
    passes: [
      { name: "no-new-privileges", resource: container({ securityOpts: ["no-new-privileges"] }) },
      { name: "no-new-privileges:true", resource: container({ securityOpts: ["no-new-privileges:true"] }) },
      { name: "no-new-privileges=true", resource: container({ securityOpts: ["no-new-privileges=true"] }) },
      { name: "no-new-privileges=1 and =T (Go booleans)", resource: container({ securityOpts: ["no-new-privileges=1", "no-new-privileges=T"] }) },
    ],
    fails: [
      { name: "no securityOpts", resource: container(), expect: [["violation", "securityOpts"]], says: /Add "no-new-privileges=true" to securityOpts/ },
      { name: "no-new-privileges=false (passes a substring match)", resource: container({ securityOpts: ["no-new-privileges=false"] }), expect: [["violation", "securityOpts[0]"]], says: /turns no_new_privs off/ },
      { name: "no-new-privileges:0", resource: container({ securityOpts: ["no-new-privileges:0"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "no-new-privileges=yes (not a Go boolean)", resource: container({ securityOpts: ["no-new-privileges=yes"] }), expect: [["violation", "securityOpts[0]"]], says: /strconv\.ParseBool/ },
      { name: "true and false together (the set's order is not kept)", resource: container({ securityOpts: ["no-new-privileges", "no-new-privileges=False"] }), expect: [["violation", "securityOpts[1]"]], says: /order is not kept/ },
      { name: "NO-NEW-PRIVILEGES (keys are case-sensitive)", resource: container({ securityOpts: ["NO-NEW-PRIVILEGES=true"] }), expect: [["violation", "securityOpts"]] },
      { name: "an entry unknown at preview beside a true one", resource: container({ securityOpts: ["no-new-privileges", UNKNOWN] }), expect: [["unknown", "securityOpts"]] },
      { name: "securityOpts unknown at preview", resource: container({ securityOpts: UNKNOWN }), expect: [["unknown", "securityOpts"]] },
      { name: "an entry of the wrong type", resource: container({ securityOpts: [true] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "a Service (not settable through @pulumi/docker)", resource: service(), expect: [["violation", "taskSpec.containerSpec.privileges"]], says: /daemon\.json.*exempt/ },
    ],
  });

  it("fixes by removing false or invalid entries and adding no-new-privileges=true", () => {
    const fixed = assertFixes(noPrivilegeEscalation, container({ securityOpts: ["apparmor=docker-default", "no-new-privileges=false", "no-new-privileges=maybe"] }));
    assert.deepEqual(fixed.securityOpts, ["apparmor=docker-default", "no-new-privileges=true"]);
    assert.deepEqual(assertFixes(noPrivilegeEscalation, container()).securityOpts, NNP);
  });
});
