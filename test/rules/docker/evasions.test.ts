/**
 * The Docker evasion corpus (test/fixtures/evasions/docker.yaml): each resource must get a violation
 * from every rule it names, with the options of the hardened profile.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { checkDockerResource } from "../../../rules/docker/review";
import { resolveOptions } from "../../../rules/options";
import { profileRules } from "../../../rules/profiles";
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
      const caught = new Set<string>();
      for (const { entry, level } of profileRules("hardened")) {
        if (!entry.docker) continue;
        const findings = checkDockerResource(entry.docker, evasion.type, evasion.name, evasion.properties, resolveOptions(level ? { level } : {}));
        if (findings?.some((f) => f.outcome === "violation")) caught.add(entry.meta.id);
      }
      assert.deepEqual(evasion.caughtBy.filter((rule) => !caught.has(rule)), []);
    });
  }
});
