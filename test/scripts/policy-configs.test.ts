import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CATALOGUE } from "../../rules/catalogue";
import { POLICY_CONFIGS, pssConfig, render } from "../../scripts/policy-configs";

const root = join(__dirname, "..", "..", "..");

describe("shipped policy configs", () => {
  for (const [file, make] of Object.entries(POLICY_CONFIGS)) {
    it(`policy-config/${file} is what npm run docs generates`, () => {
      assert.equal(readFileSync(join(root, "policy-config", file), "utf8"), render(make()));
    });
  }

  it("the PSS configs turn on exactly the rules of their level", () => {
    const baseline = pssConfig("baseline");
    const on = Object.keys(baseline).filter((id) => baseline[id] !== "disabled" && baseline[id] !== "advisory");
    assert.deepEqual(on, CATALOGUE.filter((e) => e.meta.pss.includes("baseline")).map((e) => e.meta.id));
    assert.ok(on.includes("no-privileged"));
    assert.ok(!on.includes("drop-all-capabilities"), "drop ALL is restricted, not baseline");
    assert.equal(baseline["read-only-root-filesystem"], "disabled");
    const restricted = pssConfig("restricted");
    assert.deepEqual(restricted["seccomp-profile"], { enforcementLevel: "mandatory", level: "restricted" });
    assert.equal(restricted["drop-all-capabilities"], "mandatory");
    assert.equal(restricted["read-only-root-filesystem"], "disabled");
  });
});
