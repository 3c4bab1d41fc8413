/**
 * The evasion corpus (test/fixtures/evasions/kubernetes.yaml), read by the manifest reader (decoding/manifest-files.ts):
 * each object must be reported by every rule its `evasion.test/caught-by` annotation names.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readFileSync } from "node:fs";
import { decodeManifestFile } from "../../decoding/manifest-files";
import { reviewObject } from "../helpers/kubernetes";
import { isObject } from "../../rules/values";

const corpus = join(__dirname, "..", "..", "..", "test", "fixtures", "evasions", "kubernetes.yaml");

describe("the evasion corpus", () => {
  const { manifests, errors } = decodeManifestFile(corpus, readFileSync(corpus, "utf8"));
  it("holds the corpus, every object readable", () => {
    assert.deepEqual(errors, []);
    assert.ok(manifests.length >= 20);
  });
  for (const { object } of manifests) {
    const metadata = isObject(object.metadata) ? object.metadata : {};
    const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
    const expected = String(annotations["evasion.test/caught-by"]).split(",");
    it(`${String(object.kind)} ${String(metadata.name)} is caught by ${expected.join(", ")}`, () => {
      const caught = new Set(reviewObject(object, { profile: "hardened" }).findings.filter((f) => f.outcome === "violation").map((f) => f.rule));
      assert.deepEqual(expected.filter((rule) => !caught.has(rule)), []);
    });
  }
});
