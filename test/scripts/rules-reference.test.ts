import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CATALOGUE } from "../../rules/catalogue";
import { readmeTable, rulesReference, withReadmeTable } from "../../scripts/rules-reference";

const root = join(__dirname, "..", "..", "..");

describe("generated rules reference", () => {
  it("docs/rules.md is what npm run docs generates (run it after changing a rule's metadata)", () => {
    assert.equal(readFileSync(join(root, "docs", "rules.md"), "utf8"), rulesReference());
  });

  it("the README's rule table is what npm run docs generates", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    assert.equal(withReadmeTable(readme), readme);
  });

  it("lists every rule of the catalogue exactly once", () => {
    const table = readmeTable();
    for (const entry of CATALOGUE) {
      assert.equal(table.split(`[\`${entry.meta.id}\`]`).length - 1, 1, entry.meta.id);
      assert.match(rulesReference(), new RegExp(`^## ${entry.meta.id}$`, "m"));
    }
  });
});
