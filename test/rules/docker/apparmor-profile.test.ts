import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apparmorProfile } from "../../../rules/docker/apparmor-profile";
import { assertFixes, container, service, table, UNKNOWN } from "./docker-fixtures";

describe("apparmor-profile (Docker)", () => {
  table(apparmorProfile, {
    passes: [
      { name: "no apparmor option", resource: container() },
      { name: "a named profile", resource: container({ securityOpts: ["apparmor=my-profile"] }) },
      { name: "a Service", resource: service() },
    ],
    fails: [
      { name: "apparmor=unconfined", resource: container({ securityOpts: ["apparmor=unconfined"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "apparmor:unconfined", resource: container({ securityOpts: ["apparmor:unconfined"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "privileged", resource: container({ privileged: true }), expect: [["violation", "privileged"]], says: /runs without AppArmor confinement/ },
      { name: "securityOpts unknown at preview", resource: container({ securityOpts: UNKNOWN }), expect: [["unknown", "securityOpts"]] },
    ],
  });

  it("fixes by removing the unconfined entry", () => {
    assert.deepEqual(assertFixes(apparmorProfile, container({ securityOpts: ["apparmor=unconfined"] })).securityOpts, []);
  });
});
