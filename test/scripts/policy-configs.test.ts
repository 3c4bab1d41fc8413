import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CATALOGUE } from "../../rules/catalogue";
import { profileConfig } from "../../rules/profiles";
import { POLICY_CONFIGS, render } from "../../scripts/policy-configs";

const root = join(__dirname, "..", "..", "..");

describe("shipped policy configs", () => {
  for (const [file, make] of Object.entries(POLICY_CONFIGS)) {
    it(`policy-config/${file} is what npm run docs generates`, () => {
      assert.equal(readFileSync(join(root, "policy-config", file), "utf8"), render(make()));
    });
  }

  it("the PSS configs turn on exactly the rules of their level", () => {
    const baseline = profileConfig("pss-baseline");
    const on = Object.keys(baseline).filter((id) => baseline[id] !== "disabled" && baseline[id] !== "advisory");
    assert.deepEqual(on, CATALOGUE.filter((e) => e.meta.pss.includes("baseline")).map((e) => e.meta.id));
    assert.ok(on.includes("no-privileged"));
    assert.ok(!on.includes("drop-all-capabilities"), "drop ALL is restricted, not baseline");
    assert.equal(baseline["read-only-root-filesystem"], "disabled");
    const restricted = profileConfig("pss-restricted");
    assert.deepEqual(restricted["seccomp-profile"], { enforcementLevel: "mandatory", level: "restricted" });
    assert.equal(restricted["drop-all-capabilities"], "mandatory");
    assert.equal(restricted["read-only-root-filesystem"], "disabled");
    assert.equal(restricted["restricted-volume-types"], "mandatory");
    assert.equal(baseline["restricted-volume-types"], "disabled");
  });

  it("hardened turns on every rule, at the restricted level where a rule reads it", () => {
    const hardened = profileConfig("hardened");
    for (const entry of CATALOGUE) assert.notEqual(hardened[entry.meta.id], "disabled", entry.meta.id);
    assert.deepEqual(hardened["proc-mount"], { enforcementLevel: "mandatory", level: "restricted" });
  });
});
