/**
 * Differential test of the Dockerfile reader and effectiveUser against BuildKit's own Dockerfile
 * frontend (test/buildkit-oracle, built from the Go module proxy): on the fixtures and on a
 * fixed-seed sample of generated multi-stage builds, whenever we name the user an image runs as,
 * BuildKit's image config says the same; "the base image's user" is BuildKit's base USER, scratch is
 * "", a missing target fails in both. A variable we call unresolvable is one BuildKit expands from the
 * base image's environment, which we cannot see: those are counted, not compared.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { DockerfileSyntaxError, parseDockerfile } from "../../../rules/docker/dockerfile";
import { effectiveUser, type EffectiveUser } from "../../../rules/docker/dockerfile-user";
import { askBuildKit, BASE_IMAGE_USER, type OracleAnswer, type OracleRequest } from "./buildkit-oracle";
import { generatedBuild } from "./dockerfile-generator";

const fixtures = join(__dirname, "..", "..", "..", "..", "test", "fixtures", "dockerfiles");
const SEED = 20261126;
const BUILDS = 3000;

function ours(request: OracleRequest): EffectiveUser | "syntax-error" {
  const args = request.buildArgs ?? {};
  try {
    return effectiveUser(parseDockerfile(request.dockerfile), {
      target: request.target,
      buildArg: (name) => (name in args ? { state: "set", value: args[name]! } : undefined),
    });
  } catch (error) {
    if (error instanceof DockerfileSyntaxError) return "syntax-error";
    throw error;
  }
}

/** Why our verdict and BuildKit's differ, or undefined when they agree (or ours is not comparable). */
function disagreement(mine: EffectiveUser | "syntax-error", theirs: OracleAnswer): string | undefined {
  const said = "user" in theirs ? `BuildKit: user ${JSON.stringify(theirs.user)}` : `BuildKit: error ${theirs.error}`;
  if (mine === "syntax-error") return "error" in theirs ? undefined : `we refuse the Dockerfile; ${said}`;
  switch (mine.state) {
    case "user":
      return "user" in theirs && theirs.user === mine.user ? undefined : `we: user ${JSON.stringify(mine.user)}; ${said}`;
    case "base-image":
      return "user" in theirs && theirs.user === BASE_IMAGE_USER ? undefined : `we: the base image's user; ${said}`;
    case "scratch":
      return "user" in theirs && theirs.user === "" ? undefined : `we: scratch (no user); ${said}`;
    case "no-such-target":
      return "error" in theirs && /target stage .* could not be found/.test(theirs.error) ? undefined : `we: no such target; ${said}`;
    case "unresolvable":
    case "not-known-yet":
      return undefined;
  }
}

function compare(requests: OracleRequest[]): { compared: number; unresolvable: number } {
  const answers = askBuildKit(requests);
  let unresolvable = 0;
  requests.forEach((request, index) => {
    const mine = ours(request);
    if (mine !== "syntax-error" && mine.state === "unresolvable") unresolvable++;
    const why = disagreement(mine, answers[index]!);
    assert.equal(why, undefined, `${why}\n--- Dockerfile (target ${request.target ?? "last"}, build args ${JSON.stringify(request.buildArgs ?? {})}):\n${request.dockerfile}`);
  });
  return { compared: requests.length - unresolvable, unresolvable };
}

test("every Dockerfile fixture: the user BuildKit's image config gets, with and without target and build args", () => {
  const requests: OracleRequest[] = [];
  for (const name of readdirSync(fixtures).filter((file) => file.endsWith(".Dockerfile"))) {
    const dockerfile = readFileSync(join(fixtures, name), "utf8");
    requests.push({ dockerfile }, { dockerfile, buildArgs: { U: "10001", UID: "0" } });
    for (const target of ["debug", "release", "undeclared", "redeclared", "missing"]) requests.push({ dockerfile, target });
  }
  const { compared } = compare(requests);
  assert.ok(compared > requests.length / 2, `most fixture builds are compared (${compared} of ${requests.length})`);
});

test(`generated multi-stage builds: the user we name is BuildKit's (${BUILDS} builds, seed ${SEED})`, () => {
  const builds = fc.sample(generatedBuild, { numRuns: BUILDS, seed: SEED });
  const requests = builds.map(({ dockerfile, target, buildArgs }) => ({ dockerfile, ...(target ? { target } : {}), buildArgs }));
  const { compared, unresolvable } = compare(requests);
  // The sample must reach every verdict, or agreement would be vacuous.
  const states = new Set(requests.map((request) => {
    const mine = ours(request);
    return mine === "syntax-error" ? mine : mine.state === "user" ? `user:${mine.user === "" ? "empty" : /^(root|0+)(:|$)/.test(mine.user) ? "root" : "non-root"}` : mine.state;
  }));
  for (const state of ["user:root", "user:non-root", "base-image", "scratch", "no-such-target", "unresolvable"]) assert.ok(states.has(state), `the sample reaches ${state}`);
  assert.ok(compared > BUILDS / 2, `most generated builds are compared (${compared}; ${unresolvable} unresolvable)`);
});
