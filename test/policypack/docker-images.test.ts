/**
 * Images built in the stack, through the compiled pack over the analyzer protocol: run-as-non-root
 * judges the Dockerfile a docker.Image, docker.RemoteImage or docker-build.Image builds, at preview
 * and at up.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startPack, UNKNOWN, type Diagnostic, type RunningPack } from "../../testing/index";

const root = join(__dirname, "..", "..", "..");
const dockerfiles = join(root, "test", "fixtures", "dockerfiles");
const IMAGE = "docker:index/image:Image";

/** docker.Image inputs as the provider's Check leaves them for an absolute Dockerfile path. */
function image(dockerfile: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { imageName: "registry.example/app:1", build: { context: dockerfiles, dockerfile: join(dockerfiles, dockerfile), ...extra } };
}

function runAsNonRoot(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.policyName === "run-as-non-root");
}

describe("images built in the stack, at preview", () => {
  let pack: RunningPack;
  before(async () => {
    pack = await startPack({ dir: root, dryRun: true });
    await pack.configure({});
  });
  after(async () => pack?.stop());

  it("blocks a docker.Image whose Dockerfile ends as root, naming the file, line and what to write", async () => {
    const [finding, ...rest] = runAsNonRoot(await pack.analyze({ type: IMAGE, name: "app", props: image("root-after-non-root.Dockerfile") }));
    assert.equal(rest.length, 0);
    assert.equal(finding?.enforcementLevel, "mandatory");
    assert.match(finding!.message, /^Image app: build\.dockerfile: The image runs as root: .*root-after-non-root\.Dockerfile line 6 .*sets USER root.*USER 10001/m);
  });

  it("passes a multi-stage build whose final stage is non-root, with no diagnostic at all", async () => {
    assert.deepEqual(await pack.analyze({ type: IMAGE, name: "app", props: image("multi-stage-non-root.Dockerfile") }), []);
  });

  it("judges build.target and build.args", async () => {
    assert.deepEqual(await pack.analyze({ type: IMAGE, name: "app", props: image("targets.Dockerfile", { target: "release" }) }), []);
    assert.equal(runAsNonRoot(await pack.analyze({ type: IMAGE, name: "app", props: image("targets.Dockerfile", { target: "debug" }) })).length, 1);
    assert.deepEqual(await pack.analyze({ type: IMAGE, name: "app", props: image("arg-user.Dockerfile", { args: { U: "10001" } }) }), []);
  });

  it("blocks a relative Dockerfile path, which it cannot locate, saying to pass an absolute one", async () => {
    const [finding] = runAsNonRoot(await pack.analyze({ type: IMAGE, name: "app", props: { build: { context: "app", dockerfile: "app/Dockerfile" } } }));
    assert.equal(finding?.enforcementLevel, "mandatory");
    assert.match(finding!.message, /could not be located.*path\.join\(__dirname/);
  });

  it("advises, without blocking, when the USER depends on a build argument not known yet", async () => {
    const [finding] = runAsNonRoot(await pack.analyze({ type: IMAGE, name: "app", props: image("arg-user.Dockerfile", { args: { U: UNKNOWN } }) }));
    assert.equal(finding?.enforcementLevel, "advisory");
    assert.match(finding!.message, /build\.args\.U is not known yet/);
  });

  it("reads docker-build.Image's dockerfile.inline and ignores a RemoteImage that only pulls", async () => {
    const [finding] = runAsNonRoot(await pack.analyze({ type: "docker-build:index:Image", name: "built", props: { context: { location: dockerfiles }, dockerfile: { inline: "FROM alpine\nUSER 0\n" } } }));
    assert.match(finding!.message, /^Image built: dockerfile\.inline: The image runs as root/m);
    assert.deepEqual(await pack.analyze({ type: "docker:index/remoteImage:RemoteImage", name: "nginx", props: { name: "nginx:1.27" } }), []);
  });
});

describe("images built in the stack, at up", () => {
  let pack: RunningPack;
  before(async () => {
    pack = await startPack({ dir: root, dryRun: false });
    await pack.configure({});
  });
  after(async () => pack?.stop());

  it("enforces a USER whose build argument is still unknown at the policy's level", async () => {
    const [finding] = runAsNonRoot(await pack.analyze({ type: IMAGE, name: "app", props: image("arg-user.Dockerfile", { args: { U: UNKNOWN } }) }));
    assert.equal(finding?.enforcementLevel, "mandatory");
  });
});
