import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseDockerfile } from "../../../rules/docker/dockerfile";
import { effectiveUser, type EffectiveUser } from "../../../rules/docker/dockerfile-user";
import type { VariableValue } from "../../../rules/docker/dockerfile-substitution";

const fixtures = join(__dirname, "..", "..", "..", "..", "test", "fixtures", "dockerfiles");

interface Build {
  target?: string;
  args?: Record<string, string | "not-known-yet">;
  namedContexts?: string[];
}

function userOf(text: string, build: Build = {}): EffectiveUser {
  const args = build.args ?? {};
  return effectiveUser(parseDockerfile(text), {
    target: build.target,
    namedContexts: build.namedContexts,
    buildArg: (name): VariableValue | undefined => {
      if (!(name in args)) return undefined;
      return args[name] === "not-known-yet" ? { state: "not-known-yet" } : { state: "set", value: args[name]! };
    },
  });
}

function fixtureUser(name: string, build: Build = {}): EffectiveUser {
  return userOf(readFileSync(join(fixtures, name), "utf8"), build);
}

function assertUser(result: EffectiveUser, user: string, root: boolean): void {
  assert.equal(result.state, "user", JSON.stringify(result));
  if (result.state !== "user") return;
  assert.equal(result.user, user);
  assert.equal(result.root, root);
}

describe("effectiveUser: the stage that is built", () => {
  it("judges the final stage of a multi-stage build, not a root builder stage", () => {
    assertUser(fixtureUser("multi-stage-non-root.Dockerfile"), "65532:65532", false);
  });

  it("takes the last USER: USER root after a non-root USER is root", () => {
    const result = fixtureUser("root-after-non-root.Dockerfile");
    assertUser(result, "root", true);
    assert.equal(result.state === "user" && result.line, 6);
  });

  it("judges the build target, case-insensitively, and the last stage without one", () => {
    assertUser(fixtureUser("targets.Dockerfile", { target: "debug" }), "root", true);
    assertUser(fixtureUser("targets.Dockerfile", { target: "RELEASE" }), "10001", false);
    // The last stage is based on `base`, which set no USER: the alpine image's user.
    assert.deepEqual(fixtureUser("targets.Dockerfile"), { state: "base-image", image: "alpine:3.20", stage: "tests", line: 10 });
    assert.deepEqual(fixtureUser("targets.Dockerfile", { target: "prod" }), { state: "no-such-target", target: "prod", stages: ["base", "debug", "release", "tests"] });
  });

  it("follows FROM <stage>: a stage based on an earlier stage keeps its USER", () => {
    assertUser(fixtureUser("inherited-user.Dockerfile"), "10001", false);
    assertUser(userOf("FROM alpine AS a\nUSER root\nFROM a AS b\nFROM b\n"), "root", true);
  });

  it("matches only earlier stages, by their lower-cased name as written in FROM", () => {
    // `later` is defined after the stage that names it, so it is an image there.
    assert.equal(userOf("FROM later AS first\nFROM alpine AS later\nUSER 10001\nFROM first\n").state, "base-image");
    assert.equal(userOf("FROM alpine AS Build\nUSER 10001\nFROM build\n").state, "user");
  });

  it("runs a base stage's ONBUILD triggers at the start of the stage built on it", () => {
    assertUser(userOf("FROM alpine AS a\nUSER 10001\nONBUILD USER root\nFROM a\n"), "root", true);
    assertUser(userOf("FROM alpine AS a\nONBUILD USER root\nFROM a\nUSER 10001\n"), "10001", false);
  });

  it("treats a stage replaced by a named build context as an image whose user is not visible", () => {
    const result = userOf("FROM alpine AS base\nUSER 10001\nFROM base\n", { namedContexts: ["base"] });
    assert.equal(result.state, "base-image");
  });
});

describe("effectiveUser: root users", () => {
  it("reads USER 0:0 and USER root:staff as root", () => {
    assertUser(fixtureUser("user-0-0.Dockerfile"), "0:0", true);
    assertUser(fixtureUser("user-root-staff.Dockerfile"), "root:staff", true);
  });

  it("compares the user part as Docker does: UID 0 in any spelling, an empty name, never a group", () => {
    for (const user of ["00", "0:1000", ":1000"]) assertUser(userOf(`FROM alpine\nUSER ${user}\n`), user, true);
    for (const user of ["1000:0", "ROOT", "app"]) assertUser(userOf(`FROM alpine\nUSER ${user}\n`), user, false);
  });

  it("says when there is no USER at all: the base image's user, or root from scratch", () => {
    assert.deepEqual(fixtureUser("no-user.Dockerfile"), { state: "base-image", image: "nginx:1.27", stage: "stage-0", line: 1 });
    assert.deepEqual(fixtureUser("scratch.Dockerfile"), { state: "scratch", stage: "stage-0", line: 1 });
  });

  it("reads instructions in any case, through continuations, escape directives and heredocs", () => {
    assertUser(fixtureUser("lowercase.Dockerfile"), "root", true);
    assertUser(fixtureUser("continuations.Dockerfile"), "10001", false);
    assertUser(fixtureUser("escape-directive.Dockerfile"), "root", true);
    // The heredoc bodies say USER 10001; the instruction before them says root.
    assertUser(fixtureUser("heredoc.Dockerfile"), "root", true);
  });
});

describe("effectiveUser: ARG and ENV substitution", () => {
  it("USER ${U} with ARG U=0 is root; the build argument U=10001 overrides the default", () => {
    assertUser(fixtureUser("arg-user.Dockerfile"), "0", true);
    assertUser(fixtureUser("arg-user.Dockerfile", { args: { U: "10001" } }), "10001", false);
    assertUser(fixtureUser("arg-user.Dockerfile", { args: { U: "root" } }), "root", true);
  });

  it("does not see a global ARG inside a stage until the stage declares it again (then takes its value)", () => {
    const undeclared = fixtureUser("global-arg-user.Dockerfile", { target: "undeclared" });
    assert.equal(undeclared.state, "unresolvable");
    assertUser(fixtureUser("global-arg-user.Dockerfile", { target: "redeclared" }), "10001", false);
    assertUser(fixtureUser("global-arg-user.Dockerfile", { target: "redeclared", args: { UID: "0" } }), "0", true);
  });

  it("expands FROM with global ARGs, so a stage alias can come from a build argument", () => {
    const text = "FROM alpine AS rootful\nUSER root\nFROM alpine AS rootless\nUSER 10001\nARG X\nFROM ${FLAVOUR}\n";
    const withGlobal = `ARG FLAVOUR=rootless\n${text}`;
    assertUser(userOf(withGlobal), "10001", false);
    assertUser(userOf(withGlobal, { args: { FLAVOUR: "rootful" } }), "root", true);
    assert.equal(userOf(withGlobal, { args: { FLAVOUR: "not-known-yet" } }).state, "not-known-yet");
  });

  it("supports $U, ${U}, ${U:-default}, ${U-default}, ${U:+alt} and quotes", () => {
    assertUser(userOf("FROM alpine\nENV U=10001\nUSER $U\n"), "10001", false);
    assertUser(userOf("FROM scratch\nARG U\nUSER ${U:-0}\n"), "0", true);
    assertUser(userOf("FROM alpine\nARG U=\nUSER ${U:-0}\n"), "0", true);
    assertUser(userOf("FROM alpine\nARG U=\nUSER ${U-0}:${U-0}\n"), ":", true);
    assertUser(userOf("FROM alpine\nARG U=0\nUSER ${U:+10001}\n"), "10001", false);
    assertUser(userOf("FROM alpine\nARG U=\nUSER ${U:+10001}\n"), "", true);
    assertUser(userOf('FROM alpine\nARG U="10001"\nUSER "$U"\n'), "10001", false);
    assertUser(userOf("FROM alpine\nARG U=0\nUSER '$U'\n"), "$U", false);
    assertUser(userOf("FROM alpine\nARG U=0\nUSER \\$U\n"), "$U", false);
  });

  it("lets ENV and later ARGs replace earlier values, and expands ENV with the values before it", () => {
    assertUser(userOf("FROM alpine\nARG U=0\nENV U=10001\nUSER $U\n"), "10001", false);
    assertUser(userOf("FROM alpine\nENV BASE=0\nENV BASE=10001 U=${BASE}\nUSER $U\n"), "0", true);
    assertUser(userOf("FROM alpine\nENV BASE=100\nENV U=${BASE}01\nUSER $U\n"), "10001", false);
    assertUser(userOf("FROM alpine\nENV U 10001\nUSER $U\n"), "10001", false);
  });

  it("carries ENV and ARG values into a stage built on the stage that set them", () => {
    assertUser(userOf("FROM alpine AS base\nARG U=0\nFROM base\nUSER $U\n"), "0", true);
  });

  it("reports a variable that only the base image could define as unresolvable, never non-root", () => {
    assert.equal(userOf("FROM node:22\nUSER ${APP_UID:-10001}\n").state, "unresolvable");
    // ARG without a value sets nothing, so the base image's ENV could still define it.
    assert.equal(userOf("FROM node:22\nARG APP_UID\nUSER ${APP_UID:-10001}\n").state, "unresolvable");
    // From scratch nothing is inherited: unset, so the default applies.
    assertUser(userOf("FROM scratch\nUSER ${APP_UID:-10001}\n"), "10001", false);
  });

  it("reports a USER that depends on a build argument not known yet", () => {
    assert.deepEqual(fixtureUser("arg-user.Dockerfile", { args: { U: "not-known-yet" } }), { state: "not-known-yet", variable: "U", line: 3, stage: "stage-0" });
  });

  it("does not evaluate pattern operators, and says so", () => {
    const result = userOf("FROM alpine\nARG U=x10001\nUSER ${U#x}\n");
    assert.equal(result.state, "unresolvable");
  });
});
