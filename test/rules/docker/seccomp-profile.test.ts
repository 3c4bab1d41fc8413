import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seccompProfile } from "../../../rules/docker/seccomp-profile";
import { assertFixes, container, service, table, UNKNOWN } from "./docker-fixtures";

const NNP = ["no-new-privileges=true"];

describe("seccomp-profile (Docker)", () => {
  table(seccompProfile, {
    passes: [
      { name: "no seccomp option (Docker's default profile)", resource: container({ securityOpts: NNP }) },
      { name: "a profile of its own", resource: container({ securityOpts: ['seccomp={"defaultAction":"SCMP_ACT_ERRNO","syscalls":[]}'] }) },
      { name: "seccomp=builtin", resource: container({ securityOpts: ["seccomp=builtin"] }) },
      { name: "a Service", resource: service() },
    ],
    fails: [
      { name: "seccomp=unconfined", resource: container({ securityOpts: ["seccomp=unconfined"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "seccomp:unconfined (deprecated separator)", resource: container({ securityOpts: [...NNP, "seccomp:unconfined"] }), expect: [["violation", "securityOpts[1]"]] },
      { name: "a profile that allows everything by default", resource: container({ securityOpts: ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'] }), expect: [["violation", "securityOpts[0]"]], says: /SCMP_ACT_ALLOW/ },
      { name: "privileged (no seccomp at all)", resource: container({ privileged: true }), expect: [["violation", "privileged"]] },
      { name: "an entry unknown at preview", resource: container({ securityOpts: [UNKNOWN] }), expect: [["unknown", "securityOpts"]] },
    ],
  });

  it("fixes by removing the unconfined entry", () => {
    assert.deepEqual(assertFixes(seccompProfile, container({ securityOpts: ["seccomp:unconfined", ...NNP] })).securityOpts, NNP);
  });
});
