/**
 * The Docker rules against a real Docker daemon: generated docker.Container inputs and Compose
 * services, created and run as the Pulumi provider and Compose would create them, measured inside
 * (effective-state-oracle.ts). Each rule must pass exactly when the container is hardened in its
 * sense (hardened.ts) — but for the deliberate differences, named with their reasons in
 * deliberate-differences.ts. `npm run fuzz` runs a larger sample with a fresh seed.
 *
 * Where this sandbox cannot start a container (root here lacks CAP_SYS_RESOURCE, so privileged,
 * cap_add ALL and SYS_RESOURCE containers are created but runc cannot apply their capabilities),
 * the container is judged from the OCI spec the daemon handed to runc and from `docker inspect`.
 * AppArmor and SELinux, which this sandbox cannot enforce, are judged from inspect (the rows say so).
 *
 * The first run on a machine installs Debian's docker.io (scripts/setup-docker.sh).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DockerDaemon } from "../helpers/docker-daemon";
import { DELIBERATE_DIFFERENCES } from "./deliberate-differences";
import { runEffectiveStateOracle, type OracleResult } from "./effective-state-oracle";
import { HARDENED } from "./hardened";

const SEED = 20261202;
/** Configurations; those that add capabilities are measured twice, so this makes over 2,000 containers. */
const CONFIGURATIONS = 1650;
const CONCURRENCY = Number(process.env.CONTAINER_HARDENING_DOCKER_CONCURRENCY ?? 4);

let daemon: DockerDaemon;
let result: OracleResult;

before(async () => {
  daemon = await DockerDaemon.start();
  result = await runEffectiveStateOracle(daemon, SEED, CONFIGURATIONS, CONCURRENCY);
});
after(() => daemon?.stop());

test(`every Docker rule passes exactly the containers the daemon hardens in its sense, on ${CONFIGURATIONS} configurations (seed ${SEED})`, (t) => {
  const { timings } = daemon;
  t.diagnostic(`setup ${timings.setup.toFixed(1)} s, daemon ready in ${timings.start.toFixed(2)} s, images ${timings.images.toFixed(2)} s`);
  t.diagnostic(`${result.containers} containers in ${result.seconds.toFixed(0)} s (${((result.seconds * CONCURRENCY) / result.containers).toFixed(2)} s each, ${CONCURRENCY} at a time)`);
  t.diagnostic(`compared ${result.compared}; ${result.fromSpec} judged from the OCI spec and inspect (the sandbox cannot start them)`);
  t.diagnostic(`refused by the daemon or Compose: ${[...result.refused].map(([why, n]) => `${n}× ${why}`).join("; ")}`);
  t.diagnostic(`deliberate differences met: ${[...result.deliberate].map(([name, n]) => `${name} ${n}`).join(", ")}`);
  assert.deepEqual(result.disagreements, [], `\n${result.disagreements.join("\n\n")}`);
  assert.ok(result.containers >= 2000, `only ${result.containers} containers`);
  assert.ok(result.compared >= CONFIGURATIONS * 0.8, `only ${result.compared} of ${CONFIGURATIONS} could be compared`);
});

// A row whose verdict never varies would agree without testing anything.
test("the sample reaches both verdicts for every rule, both kinds, and containers the sandbox cannot start", () => {
  for (const row of HARDENED) {
    const key = row.level ? `${row.rule}@${row.level}` : row.rule;
    const [hardened, notHardened] = result.agreements.get(key) ?? [0, 0];
    assert.ok(hardened >= 5 && notHardened >= 5, `${key}: ${hardened} hardened, ${notHardened} not`);
  }
  assert.deepEqual([...result.kinds.keys()].sort(), ["Compose", "Container"]);
  assert.ok(result.fromSpec >= 10, `only ${result.fromSpec} containers judged from their spec`);
});

test("each deliberate difference is met in the sample (none is dead)", () => {
  for (const difference of DELIBERATE_DIFFERENCES) assert.ok(result.deliberate.has(difference.name), `never met: ${difference.name} (${difference.rule})`);
});
