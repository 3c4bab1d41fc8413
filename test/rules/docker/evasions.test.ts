/**
 * The Docker evasion corpus (test/fixtures/evasions/docker.yaml): each resource must get a violation
 * from every rule it names, with the options of the hardened profile.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { dockerResources } from "../../../policypack/docker-resources";
import { profileConfiguration } from "../../../rules/configuration";
import { review } from "../../../rules/review";
import type { JsonObject } from "../../../rules/values";

interface Evasion {
  name: string;
  type: string;
  caughtBy: string[];
  properties: JsonObject;
}

const corpus = parse(readFileSync(join(__dirname, "..", "..", "..", "..", "test", "fixtures", "evasions", "docker.yaml"), "utf8")) as Evasion[];

describe("the Docker evasion corpus", () => {
  it("holds the corpus", () => assert.ok(corpus.length >= 25));
  for (const evasion of corpus) {
    it(`${evasion.name} is caught by ${evasion.caughtBy.join(", ")}`, () => {
      const subject = dockerResources.subject(evasion.type, evasion.name, evasion.properties);
      assert.ok(subject, `${evasion.type} is read by the pack`);
      const caught = new Set(review(subject, profileConfiguration("hardened")).findings.filter((f) => f.outcome === "violation").map((f) => f.rule));
      assert.deepEqual(evasion.caughtBy.filter((rule) => !caught.has(rule)), []);
    });
  }
});
