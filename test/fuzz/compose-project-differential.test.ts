/**
 * The checker's model of each Compose service agrees with compose-go's (test/compose-oracle) on every
 * key a Docker rule reads, on a fixed-seed sample of generated projects; `npm run fuzz` runs a
 * larger one with a fresh seed. The deliberate differences are named in compose-project-differential.ts.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ComposeOracle } from "./compose-oracle";
import { runProjectDifferential, type ProjectResult } from "./compose-project-differential";

const SEED = 20261202;
const PROJECTS = Number(process.env.COMPOSE_PROJECTS ?? 5_000);

let oracle: ComposeOracle;
let result: ProjectResult;

before(async () => {
  oracle = new ComposeOracle();
  result = await runProjectDifferential(oracle, SEED, PROJECTS);
});
after(() => oracle.close());

test(`every key a rule reads is the same in the checker's model and compose-go's, on ${PROJECTS} generated projects (seed ${SEED})`, () => {
  assert.equal(result.failure, undefined, result.failure);
  assert.equal(result.compared, PROJECTS);
});

// A sample that compose-go refuses, or that never reaches a feature or a key, would agree without testing.
test("the sample is mostly loaded and reaches every feature and every key", (t) => {
  t.diagnostic(`compose-go loaded ${result.compared - result.refused}, refused ${result.refused} (${[...result.refusals].map(([r, n]) => `${n}x ${r}`).join("; ")})`);
  t.diagnostic(`keys compared: ${[...result.keys].map(([k, n]) => `${k} ${n}`).join(", ")}; left out as unknown: ${result.unknown}`);
  t.diagnostic(`features: ${[...result.features].map(([f, n]) => `${f} ${n}`).join(", ")}`);
  // Measured at this seed: 3,326 loaded, 1,674 refused (mostly values left empty by the environment
  // where compose-go needs a number, a boolean or an enum, and cpus or mem_limit unlike deploy's limits).
  assert.ok(result.compared - result.refused >= PROJECTS / 2, `only ${result.compared - result.refused} loaded`);
  assert.ok(result.refused >= PROJECTS / 20, `only ${result.refused} refused`);
  for (const [feature, n] of result.features) assert.ok(n >= PROJECTS / 100, `the loaded projects reach "${feature}" only ${n} times`);
  assert.equal(result.features.size, 22, `features reached: ${[...result.features.keys()].join(", ")}`);
  for (const key of ["user", "group_add", "cap_add", "cap_drop", "security_opt", "read_only", "privileged", "network_mode", "pid", "ipc", "userns_mode", "cgroup", "volumes", "volumes_from", "devices", "device_cgroup_rules", "sysctls", "mem_limit", "deploy_memory", "cpus", "deploy_cpus", "cpu_quota", "cpuset", "build"]) {
    assert.ok((result.keys.get(key) ?? 0) >= PROJECTS / 100, `"${key}" compared only ${result.keys.get(key) ?? 0} times`);
  }
  assert.ok(result.unknown >= PROJECTS / 100, `only ${result.unknown} keys left out as unknown`);
});
