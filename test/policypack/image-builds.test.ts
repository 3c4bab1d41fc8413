import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fromEngine } from "../../policypack/engine-values";
import { imageBuildOf } from "../../policypack/image-builds";
import { checkImageBuild } from "../../rules/docker/image-build";
import type { Finding } from "../../rules/types";
import type { JsonObject } from "../../rules/values";

const fixtures = join(__dirname, "..", "..", "..", "test", "fixtures", "dockerfiles");
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The pack's reading of an image resource, judged by the catalogue (undefined when the type builds nothing). */
function reviewImageBuild(type: string, props: JsonObject, readText?: (path: string) => string): Finding[] | undefined {
  const build = imageBuildOf(type, fromEngine(props), readText);
  return build && checkImageBuild(build);
}
const DOCKER_IMAGE = "docker:index/image:Image";
const REMOTE_IMAGE = "docker:index/remoteImage:RemoteImage";
const BUILD_IMAGE = "docker-build:index:Image";

function fixture(name: string): string {
  return join(fixtures, name);
}

function review(type: string, props: JsonObject, files?: Record<string, string>): Finding[] {
  const reader = files
    ? (path: string): string => {
        if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
        return files[path]!;
      }
    : undefined;
  const findings = reviewImageBuild(type, props, reader);
  assert.ok(findings, `${type} is an image build`);
  return findings;
}

function assertOne(findings: Finding[], outcome: Finding["outcome"], path: string, message: RegExp): void {
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0]!.outcome, outcome);
  assert.equal(findings[0]!.path, path);
  assert.match(findings[0]!.message, message);
  assert.equal(findings[0]!.container, undefined);
}

describe("reviewImageBuild: which resources", () => {
  it("is undefined for resources that build no image, including a RemoteImage that only pulls", () => {
    assert.equal(reviewImageBuild("docker:index/container:Container", { image: "nginx" }), undefined);
    assert.equal(reviewImageBuild("kubernetes:core/v1:Pod", {}), undefined);
    assert.equal(reviewImageBuild(REMOTE_IMAGE, { name: "nginx:1.27" }), undefined);
  });
});

describe("reviewImageBuild: docker.Image (build.context, build.dockerfile, build.target, build.args)", () => {
  it("passes a multi-stage build whose final stage is non-root, and fails one that ends as root", () => {
    assert.deepEqual(review(DOCKER_IMAGE, { imageName: "app", build: { context: fixtures, dockerfile: fixture("multi-stage-non-root.Dockerfile") } }), []);
    assertOne(
      review(DOCKER_IMAGE, { build: { context: fixtures, dockerfile: fixture("root-after-non-root.Dockerfile") } }),
      "violation",
      "build.dockerfile",
      /runs as root: .*root-after-non-root\.Dockerfile line 6 sets USER root, the last USER, .*End the Dockerfile with USER 10001/,
    );
  });

  it("judges build.target and applies build.args over ARG defaults", () => {
    const targets = { context: fixtures, dockerfile: fixture("targets.Dockerfile") };
    assert.deepEqual(review(DOCKER_IMAGE, { build: { ...targets, target: "release" } }), []);
    assertOne(review(DOCKER_IMAGE, { build: { ...targets, target: "debug" } }), "violation", "build.dockerfile", /USER root/);
    assertOne(review(DOCKER_IMAGE, { build: { ...targets, target: "prod" } }), "violation", "build.target", /no stage of that name \(stages: base, debug, release, tests\)/);
    const argUser = { context: fixtures, dockerfile: fixture("arg-user.Dockerfile") };
    assertOne(review(DOCKER_IMAGE, { build: argUser }), "violation", "build.dockerfile", /sets USER 0/);
    assert.deepEqual(review(DOCKER_IMAGE, { build: { ...argUser, args: { U: "10001" } } }), []);
  });

  it("says the base image's user cannot be seen when no stage sets USER, and that scratch is root", () => {
    assertOne(review(DOCKER_IMAGE, { build: { context: fixtures, dockerfile: fixture("no-user.Dockerfile") } }), "violation", "build.dockerfile", /sets no USER, so the image runs as the user of its base image nginx:1\.27, which cannot be seen/);
    assertOne(review(DOCKER_IMAGE, { build: { context: fixtures, dockerfile: fixture("scratch.Dockerfile") } }), "violation", "build.dockerfile", /FROM scratch and sets no USER/);
  });

  it("reports values unknown at preview as unknown: a build argument the USER uses, the target, the paths", () => {
    const argUser = { context: fixtures, dockerfile: fixture("arg-user.Dockerfile") };
    assertOne(review(DOCKER_IMAGE, { build: { ...argUser, args: { U: UNKNOWN } } }), "unknown", "build.args.U", /not known yet/);
    assertOne(review(DOCKER_IMAGE, { build: { ...argUser, args: UNKNOWN } }), "unknown", "build.args.U", /not known yet/);
    // A literal USER does not depend on the unknown arguments.
    assert.deepEqual(review(DOCKER_IMAGE, { build: { context: fixtures, dockerfile: fixture("multi-stage-non-root.Dockerfile"), args: UNKNOWN } }), []);
    assertOne(review(DOCKER_IMAGE, { build: { ...argUser, target: UNKNOWN } }), "unknown", "build.target", /not known yet/);
    assertOne(review(DOCKER_IMAGE, { build: { context: fixtures, dockerfile: UNKNOWN } }), "unknown", "build.dockerfile", /not known yet/);
    assertOne(review(DOCKER_IMAGE, { build: UNKNOWN }), "unknown", "build", /not known yet/);
  });

  it("cannot locate a relative path (resolved against the program's directory) and says to pass an absolute one", () => {
    assertOne(review(DOCKER_IMAGE, { build: { context: "app", dockerfile: "app/Dockerfile" } }), "violation", "build.dockerfile", /could not be located: build\.dockerfile is "app\/Dockerfile".*Pulumi program's directory.*path\.join\(__dirname/);
    // No build at all: the provider's defaults, context "." and ./Dockerfile.
    assertOne(review(DOCKER_IMAGE, { imageName: "app" }), "violation", "build.context", /could not be located: build\.context is "\."/);
  });

  it("reads <context>/Dockerfile when only an absolute context is given", () => {
    const findings = review(DOCKER_IMAGE, { build: { context: "/src/app" } }, { "/src/app/Dockerfile": "FROM alpine\nUSER 10001\n" });
    assert.deepEqual(findings, []);
  });

  it("reports an absolute path that cannot be read and a Dockerfile BuildKit would refuse", () => {
    assertOne(review(DOCKER_IMAGE, { build: { dockerfile: "/nowhere/Dockerfile" } }, {}), "violation", "build.dockerfile", /\/nowhere\/Dockerfile could not be read \(ENOENT/);
    assertOne(review(DOCKER_IMAGE, { build: { dockerfile: "/src/Dockerfile" } }, { "/src/Dockerfile": "USER 10001\n" }), "violation", "build.dockerfile", /not a valid Dockerfile \(line 1: only ARG may come before the first FROM/);
  });

  it("reports inputs of the wrong type as unreadable", () => {
    assertOne(review(DOCKER_IMAGE, { build: "." }), "violation", "build", /cannot be read/);
    assertOne(review(DOCKER_IMAGE, { build: { dockerfile: 42 } }), "violation", "build.dockerfile", /must be a string/);
    assertOne(review(DOCKER_IMAGE, { build: { dockerfile: fixture("arg-user.Dockerfile"), target: 1 } }), "violation", "build.target", /must be a stage name/);
    assertOne(review(DOCKER_IMAGE, { build: { dockerfile: fixture("arg-user.Dockerfile"), args: ["U=1"] } }), "violation", "build.args", /must be a map/);
  });
});

describe("reviewImageBuild: docker.RemoteImage (build.context, build.dockerfile, build.target, build.buildArgs)", () => {
  it("resolves a relative dockerfile against an absolute context, as the buildx builder does", () => {
    assertOne(review(REMOTE_IMAGE, { name: "app", build: { context: fixtures, dockerfile: "user-0-0.Dockerfile" } }), "violation", "build.dockerfile", /user-0-0\.Dockerfile line 2 .*USER 0:0/);
    assert.deepEqual(review(REMOTE_IMAGE, { name: "app", build: { context: fixtures, dockerfile: "targets.Dockerfile", target: "release" } }), []);
    assert.deepEqual(review(REMOTE_IMAGE, { name: "app", build: { context: fixtures, dockerfile: "arg-user.Dockerfile", buildArgs: { U: "10001" } } }), []);
    assertOne(review(REMOTE_IMAGE, { name: "app", build: { context: fixtures, dockerfile: "arg-user.Dockerfile", buildArgs: { U: UNKNOWN } } }), "unknown", "build.buildArgs.U", /not known yet/);
  });

  it("cannot locate a relative context, a relative dockerfile under the legacy builder, or a remote context", () => {
    assertOne(review(REMOTE_IMAGE, { name: "app", build: { context: "./app" } }), "violation", "build.context", /could not be located/);
    assertOne(review(REMOTE_IMAGE, { name: "app", build: { context: fixtures, dockerfile: "user-0-0.Dockerfile", useLegacyBuilder: true } }), "violation", "build.dockerfile", /could not be located.*legacy builder/);
    assertOne(review(REMOTE_IMAGE, { name: "app", build: { context: fixtures, remoteContext: "https://example.com/app.tar.gz" } }), "violation", "build.remoteContext", /could not be located.*remote context/);
  });
});

describe("reviewImageBuild: docker-build.Image (context.location, dockerfile.location | inline, target, buildArgs)", () => {
  it("reads dockerfile.location, or <context.location>/Dockerfile, or dockerfile.inline", () => {
    assert.deepEqual(review(BUILD_IMAGE, { context: { location: fixtures }, dockerfile: { location: fixture("inherited-user.Dockerfile") } }), []);
    assertOne(review(BUILD_IMAGE, { context: { location: "/src/app" } }, { "/src/app/Dockerfile": "FROM alpine\nUSER root\n" }), "violation", "context.location", /USER root/);
    assertOne(review(BUILD_IMAGE, { context: { location: fixtures }, dockerfile: { inline: "FROM alpine\nUSER 0\n" } }), "violation", "dockerfile.inline", /dockerfile\.inline line 2 sets USER 0/);
  });

  it("judges target and buildArgs", () => {
    const targets = { context: { location: fixtures }, dockerfile: { location: fixture("targets.Dockerfile") } };
    assert.deepEqual(review(BUILD_IMAGE, { ...targets, target: "release" }), []);
    assertOne(review(BUILD_IMAGE, { ...targets, target: "debug" }), "violation", "dockerfile.location", /USER root/);
    assertOne(review(BUILD_IMAGE, { ...targets, target: "nope" }), "violation", "target", /no stage of that name/);
    const argUser = { context: { location: fixtures }, dockerfile: { location: fixture("arg-user.Dockerfile") } };
    assert.deepEqual(review(BUILD_IMAGE, { ...argUser, buildArgs: { U: "10001" } }), []);
    assertOne(review(BUILD_IMAGE, { ...argUser, buildArgs: { U: UNKNOWN } }), "unknown", "buildArgs.U", /not known yet/);
  });

  it("treats a stage replaced by a named context as unseen", () => {
    const inline = "FROM alpine AS base\nUSER 10001\nFROM base\n";
    assert.deepEqual(review(BUILD_IMAGE, { context: { location: fixtures }, dockerfile: { inline } }), []);
    assertOne(review(BUILD_IMAGE, { context: { location: fixtures, named: { base: { location: "docker-image://node:22" } } }, dockerfile: { inline } }), "violation", "dockerfile.inline", /named build context "base"/);
  });

  it("cannot locate relative paths or remote URLs", () => {
    assertOne(review(BUILD_IMAGE, { context: { location: "." } }), "violation", "context.location", /could not be located: context\.location is "\."/);
    assertOne(review(BUILD_IMAGE, { context: { location: fixtures }, dockerfile: { location: "app/Dockerfile" } }), "violation", "dockerfile.location", /could not be located.*path\.join\(__dirname/);
    assertOne(review(BUILD_IMAGE, { context: { location: "https://github.com/acme/app.git" } }), "violation", "context.location", /remote context/);
    assertOne(review(BUILD_IMAGE, { context: { location: fixtures }, dockerfile: { location: "https://example.com/Dockerfile" } }), "violation", "dockerfile.location", /remote URL/);
  });

  it("reports unknown locations as unknown", () => {
    assertOne(review(BUILD_IMAGE, { context: { location: UNKNOWN } }), "unknown", "context.location", /not known yet/);
    assertOne(review(BUILD_IMAGE, { context: { location: fixtures }, dockerfile: { location: UNKNOWN } }), "unknown", "dockerfile.location", /not known yet/);
    assertOne(review(BUILD_IMAGE, { context: { location: fixtures }, dockerfile: { inline: UNKNOWN } }), "unknown", "dockerfile.inline", /not known yet/);
  });
});
