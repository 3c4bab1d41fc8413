/**
 * resource-limits (Docker only) — the container has a memory limit and a CPU limit.
 *
 * Reads:
 *   Container: memory (MB), cpus, cpuQuota, cpuSet
 *   Service:   taskSpec.resources.limits.{memoryBytes,nanoCpus}
 *   Compose:   mem_limit, deploy.resources.limits.{memory,cpus}, cpus, cpu_quota, cpuset
 * Allowed: memory (memoryBytes) above 0; and a CPU limit: `cpus` above 0, `cpuQuota` above 0, or a
 *   `cpuSet` (which confines it to those CPUs) for a Container; nanoCpus above 0 for a Service; any
 *   of the Compose spellings of these.
 *   `cpuShares` is a relative weight that only matters under contention: it is no limit.
 * Advisory by default, as every rule beyond the Pod Security Standards; the `hardened` profile
 *   enforces it.
 * No automatic fix: the right limits depend on the workload.
 */
import type { Finding, RuleMeta } from "../types";
import { violation } from "../findings";
import type { DockerRule } from "./rule";
import { field, judge, pathOf, type DockerContainerSubject, type FieldName } from "./subject";

type Limit = { name: FieldName; set(value: unknown): boolean };

const positive = (value: unknown) => (typeof value === "number" ? value > 0 : typeof value === "string" && Number(value) > 0);

/** The first limit that is set, or the finding for one that cannot be judged, or undefined when none is set. */
function firstLimit(subject: DockerContainerSubject, limits: Limit[], needed: string): "set" | Finding | undefined {
  const cannotTell: Finding[] = [];
  for (const limit of limits) {
    const located = field(subject, limit.name);
    if (!located) continue;
    const judged = judge(located, needed);
    if (judged && "finding" in judged) cannotTell.push(judged.finding);
    else if (judged && limit.set(judged.value)) return "set";
  }
  return cannotTell[0];
}

/** What counts as a limit for each kind of resource, and what to write when none is set. */
interface KindLimits {
  memory: Limit[];
  memoryExample(path: string): string;
  cpu: Limit[];
  cpuExample(path: string): string;
}

const cpuSetGiven = (value: unknown) => typeof value === "string" && value.trim() !== "";

const LIMITS: Record<DockerContainerSubject["kind"], KindLimits> = {
  Container: {
    memory: [{ name: "memory", set: positive }],
    memoryExample: (path) => `${path}: 512 (MB)`,
    cpu: [{ name: "cpus", set: positive }, { name: "cpuQuota", set: positive }, { name: "cpuSet", set: cpuSetGiven }],
    cpuExample: (path) => `${path}: "1.0" (or cpuQuota with cpuPeriod, or cpuSet); cpuShares is only a weight under contention, not a limit`,
  },
  Service: {
    memory: [{ name: "memoryBytes", set: positive }],
    memoryExample: (path) => `${path}: 536870912`,
    cpu: [{ name: "nanoCpus", set: positive }],
    cpuExample: (path) => `${path}: 1000000000 (one CPU)`,
  },
  // Compose passes either spelling to the daemon (deploy.resources.limits wins when both are set).
  Compose: {
    memory: [{ name: "memory", set: positive }, { name: "memoryBytes", set: positive }],
    memoryExample: (path) => `${path}: 512m (or deploy.resources.limits.memory: 512M)`,
    cpu: [{ name: "cpus", set: positive }, { name: "nanoCpus", set: positive }, { name: "cpuQuota", set: positive }, { name: "cpuSet", set: cpuSetGiven }],
    cpuExample: (path) => `${path}: 1.0 (or deploy.resources.limits.cpus: "1.0", or cpu_quota, or cpuset); cpu_shares is only a weight under contention, not a limit`,
  },
};

function check(subject: DockerContainerSubject): Finding[] {
  const limits = LIMITS[subject.kind];
  const findings: Finding[] = [];
  const memoryResult = firstLimit(subject, limits.memory, "a memory limit above 0");
  if (memoryResult === undefined) {
    const path = pathOf(subject, limits.memory[0]!.name)!;
    findings.push(violation(path, undefined, `The container has no memory limit: one leak or attack can exhaust the host's memory and get other processes killed. Set ${limits.memoryExample(path)}.`));
  } else if (memoryResult !== "set") findings.push(memoryResult);

  const cpuResult = firstLimit(subject, limits.cpu, "a CPU limit");
  if (cpuResult === undefined) {
    const path = pathOf(subject, limits.cpu[0]!.name)!;
    findings.push(violation(path, undefined, `The container has no CPU limit: it can take every CPU of the host. Set ${limits.cpuExample(path)}.`));
  } else if (cpuResult !== "set") findings.push(cpuResult);
  return findings;
}

const meta: RuleMeta = {
  id: "resource-limits",
  title: "Memory and CPU limits",
  description:
    "Without limits a container can take all of the host's memory and CPU, whether through a bug or an attack, starving every other container on the host and the daemon itself.",
  severity: "medium",
  pss: [],
  references: [
    { source: "CIS Docker Benchmark", control: "5.10 Ensure that the memory usage for containers is limited" },
    { source: "CIS Docker Benchmark", control: "5.11 Ensure that CPU priority is set appropriately on containers" },
  ],
  remediation:
    'docker.Container: memory: 512 (MB) and cpus: "1.0" (or cpuQuota with cpuPeriod, or cpuSet).\ndocker.Service: taskSpec: { resources: { limits: { memoryBytes: 536870912, nanoCpus: 1000000000 } } }.',
  options: [],
};

export const resourceLimits: DockerRule = { id: meta.id, meta, check };
