/**
 * SecureContainer, really run: the docker.Container inputs it registers (under Pulumi's mocks, see
 * secure-container-inputs.ts) are mapped to the Engine API as the Pulumi Docker provider maps them
 * (provider-mapping.ts), created and started in the test daemon, and measured inside. Its measured
 * state must be hardened in the sense of every Docker rule (hardened.ts), and the rules must pass its
 * inputs: UID and GID 65532, no capability (or only NET_BIND_SERVICE when asked), NoNewPrivs 1,
 * Seccomp 2, "/" read-only and its tmpfs paths writable.
 *
 * The provider would put the container on the default bridge network, which this sandbox's daemon
 * does not have (no iptables): it runs with network "none" instead, a network namespace of its own.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { SecureContainerArgs } from "../../constructs/docker/index";
import { DOCKER_RULES } from "../../rules/docker/index";
import { dockerSubject } from "../../rules/docker/subject";
import { resolveOptions } from "../../rules/options";
import { DockerDaemon, IMAGES } from "../helpers/docker-daemon";
import { capabilityNames } from "./capability-numbers";
import { effectiveState, type Reference } from "./effective-state";
import { measureReference } from "./effective-state-oracle";
import { HARDENED } from "./hardened";
import { measure, type Measured } from "./measure";
import { containerCreateBody } from "./provider-mapping";
import { secureContainerInputs } from "./secure-container-inputs";

const NETWORK = "none";
let daemon: DockerDaemon;
let reference: Reference;

before(async () => {
  daemon = await DockerDaemon.start();
  reference = await measureReference(daemon, NETWORK);
});
after(() => daemon?.stop());

async function run(name: string, args: SecureContainerArgs): Promise<{ inputs: Awaited<ReturnType<typeof secureContainerInputs>>; measured: Extract<Measured, { state: "ran" }> }> {
  const inputs = await secureContainerInputs(name, args);
  const tmpfs = Object.keys((inputs.tmpfs ?? {}) as object);
  const measured = await measure(daemon, { body: containerCreateBody(inputs, NETWORK), writablePaths: tmpfs });
  if (measured.state !== "ran") assert.fail(`SecureContainer "${name}" did not run: ${measured.state} ${"message" in measured ? measured.message : ""}`);
  return { inputs, measured };
}

describe("SecureContainer run in a real daemon", () => {
  it("with its defaults: 65532:65532, no capability, no_new_privs, seccomp, read-only / with a writable /tmp", async () => {
    const { inputs, measured } = await run("defaults", { image: IMAGES.root });
    const p = measured.process;
    assert.deepEqual([p.uid, p.gid], [[65532, 65532, 65532, 65532], [65532, 65532, 65532, 65532]]);
    assert.equal(p.capEff, 0n);
    assert.equal(p.capPrm, 0n);
    assert.equal(p.capBnd, 0n);
    assert.equal(p.noNewPrivs, 1);
    assert.equal(p.seccomp, 2);
    assert.equal(p.rootReadOnly, true);
    assert.match(p.rootWriteError ?? "", /Read-only file system/);
    assert.deepEqual(p.writable, { "/tmp": true });
    assert.equal(measured.inspect.HostConfig.Memory, 256 * 1024 * 1024);
    assert.equal(measured.inspect.HostConfig.NanoCpus, 500_000_000);

    const state = effectiveState(measured, reference);
    for (const row of HARDENED) {
      assert.ok(row.hardened({ state, boundingWithoutAdds: state.bounding, reference }), `${row.rule}${row.level ? `@${row.level}` : ""} is not met: ${row.reason}`);
    }
    for (const rule of DOCKER_RULES) assert.deepEqual(rule.check(dockerSubject("Container", "defaults", inputs), resolveOptions()), [], rule.id);
  });

  it("with NET_BIND_SERVICE asked for and more writable paths: only that capability, held in the bounding set, and each path writable", async () => {
    const { inputs, measured } = await run("web", {
      image: IMAGES.root,
      user: "10001:10001",
      addCapabilities: ["net_bind_service"],
      writablePaths: ["/tmp", { path: "/data", size: "8m" }],
    });
    const p = measured.process;
    assert.deepEqual([p.uid[0], p.gid[0]], [10001, 10001]);
    assert.deepEqual([...capabilityNames(p.capBnd)], ["NET_BIND_SERVICE"]);
    // A non-root process keeps no effective capability across execve (Docker 20.10 sets no ambient set).
    assert.ok(subsetOf(capabilityNames(p.capEff), ["NET_BIND_SERVICE"]));
    assert.equal(p.noNewPrivs, 1);
    assert.equal(p.seccomp, 2);
    assert.deepEqual(p.writable, { "/tmp": true, "/data": true });

    const without = await run("web-without-adds", { image: IMAGES.root, user: "10001:10001", writablePaths: ["/tmp", { path: "/data", size: "8m" }] });
    const state = effectiveState(measured, reference);
    const boundingWithoutAdds = effectiveState(without.measured, reference).bounding;
    for (const row of HARDENED) assert.ok(row.hardened({ state, boundingWithoutAdds, reference }), `${row.rule}${row.level ? `@${row.level}` : ""} is not met: ${row.reason}`);
    for (const rule of DOCKER_RULES) assert.deepEqual(rule.check(dockerSubject("Container", "web", inputs), resolveOptions()), [], rule.id);
  });
});

function subsetOf(names: Set<string>, allowed: string[]): boolean {
  return [...names].every((name) => allowed.includes(name));
}
