/**
 * The effective-state differential: each generated configuration (container-generator.ts) is judged
 * by every Docker rule, mapped to the Engine API as the Pulumi provider or Compose maps it
 * (provider-mapping.ts, compose-mapping.ts), created and run in the test daemon and measured
 * (measure.ts); a rule must pass exactly when the container is hardened in its sense (hardened.ts),
 * but for the named deliberate differences (deliberate-differences.ts). A configuration that adds
 * capabilities is measured a second time without its adds, for the capability rules.
 *
 * A disagreement is shrunk (settings left out one at a time while the same rule still disagrees, each
 * try a real container) and printed with the configuration, the create body, the measured state and
 * the rule's findings. Configurations the daemon or Compose refuses are counted, not compared: no
 * container exists to measure.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { normaliseService } from "../../checker/compose-service";
import { DOCKER_RULES, type DockerRule } from "../../rules/docker/index";
import { composeSubject, dockerSubject } from "../../rules/docker/subject";
import { resolveOptions } from "../../rules/options";
import type { Finding } from "../../rules/types";
import { isObject, type JsonObject } from "../../rules/values";
import { IMAGES, type DockerDaemon } from "../helpers/docker-daemon";
import { ComposeRefusal, composeCreateBody } from "./compose-mapping";
import { configuration, DATA, PEER, SOCKET, type Configuration } from "./container-generator";
import { DELIBERATE_DIFFERENCES, type Settings } from "./deliberate-differences";
import { effectiveState, referenceFrom, type Reference } from "./effective-state";
import { HARDENED, type Measurement, type Row } from "./hardened";
import { measure, type Measured, type Request } from "./measure";
import { containerCreateBody } from "./provider-mapping";
import { SECCOMP_ALLOW_ALL, SECCOMP_DENY_BY_DEFAULT } from "./seccomp-profiles";

const PEER_NAME = "container-hardening-peer";
const COMPOSE_PROJECT = "oracle";
const SERVICE = "svc";

export interface OracleResult {
  compared: number;
  /** Refused by the daemon or by Compose, by the start of the message. */
  refused: Map<string, number>;
  /** Judged from the OCI spec and inspect, because the sandbox could not start them. */
  fromSpec: number;
  kinds: Map<string, number>;
  /** Per table row: [rule passed and hardened, rule refused and not hardened]. */
  agreements: Map<string, [number, number]>;
  deliberate: Map<string, number>;
  disagreements: string[];
  containers: number;
  seconds: number;
}

interface Context {
  daemon: DockerDaemon;
  reference: Reference;
  /** The Compose project directory: data/, deny.json, allow.json. */
  project: string;
}

const rowKey = (row: Row) => (row.level ? `${row.rule}@${row.level}` : row.rule);
const ruleById = new Map(DOCKER_RULES.map((rule) => [rule.id, rule]));

/** Replaces the generator's placeholders with this run's paths and peer. */
function resolvePlaceholders(value: unknown, context: Context): unknown {
  if (typeof value === "string") {
    return value.replaceAll(PEER, `container:${PEER_NAME}`).replaceAll(DATA, join(context.project, "data")).replaceAll(SOCKET, context.daemon.socket);
  }
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, context));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePlaceholders(v, context)]));
  return value;
}

function findingsOf(rule: DockerRule, config: Configuration, level: "baseline" | "restricted", context: Context): Finding[] {
  const options = resolveOptions({ level });
  if (config.kind === "Container") return rule.check(dockerSubject("Container", "oracle", config.inputs), options);
  const { service } = normaliseService(config.service, { name: SERVICE, directory: context.project, volumes: config.volumes, unresolved: new Map() });
  return rule.check(composeSubject(SERVICE, service), options);
}

function settingsOf(config: Configuration): Settings {
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  if (config.kind === "Container") {
    const caps = isObject(config.inputs.capabilities) ? config.inputs.capabilities : {};
    return {
      user: config.inputs.user === undefined ? undefined : String(config.inputs.user),
      capAdds: strings(caps.adds),
      securityOpts: strings(config.inputs.securityOpts),
      cpuSet: config.inputs.cpuSet as string | undefined,
      privileged: config.inputs.privileged === true,
    };
  }
  const s = config.service;
  return { user: s.user === undefined ? undefined : String(s.user), capAdds: strings(s.cap_add), securityOpts: strings(s.security_opt), cpuSet: s.cpuset as string | undefined, privileged: s.privileged === true };
}

function withoutAdds(config: Configuration): Configuration | undefined {
  const settings = settingsOf(config);
  if (settings.capAdds.length === 0) return undefined;
  if (config.kind === "Container") return { kind: "Container", inputs: { ...config.inputs, capabilities: { ...(config.inputs.capabilities as JsonObject), adds: [] } } };
  const service = { ...config.service };
  delete service.cap_add;
  return { kind: "Compose", service, volumes: config.volumes };
}

let runs = 0;

/** The inputs with each named volume renamed for this run, so that concurrent containers never share one. */
function ownVolumes(inputs: JsonObject, suffix: string): JsonObject {
  const rename = (list: unknown, key: string, when: (entry: JsonObject) => boolean) =>
    Array.isArray(list) ? list.map((entry) => (isObject(entry) && typeof entry[key] === "string" && when(entry) ? { ...entry, [key]: `${entry[key] as string}-${suffix}` } : entry)) : list;
  return { ...inputs, mounts: rename(inputs.mounts, "source", (m) => m.type === "volume"), volumes: rename(inputs.volumes, "volumeName", () => true) };
}

function requestFor(config: Configuration, context: Context): Request {
  const networkFallback = `container:${PEER_NAME}`;
  const run = String(++runs);
  if (config.kind === "Container") return { body: containerCreateBody(ownVolumes(config.inputs, run), networkFallback), writablePaths: ["/tmp"], sysctls: Object.keys((config.inputs.sysctls as JsonObject) ?? {}) };
  const project = { name: `${COMPOSE_PROJECT}${run}`, directory: context.project, volumes: config.volumes };
  const { body, volumes } = composeCreateBody(config.service, project, networkFallback);
  const sysctls = config.service.sysctls;
  return { body, volumes, writablePaths: ["/tmp"], sysctls: Array.isArray(sysctls) ? sysctls.map((s) => String(s).split("=")[0]!) : Object.keys((sysctls as JsonObject) ?? {}) };
}

type Run = { refused: string } | { measurement: Measurement; measured: Exclude<Measured, { state: "refused" }>; request: Request };

async function run(config: Configuration, context: Context): Promise<Run> {
  let request: Request;
  try {
    request = requestFor(config, context);
  } catch (error) {
    if (error instanceof ComposeRefusal || error instanceof Error) return { refused: `refused before the daemon: ${error.message}` };
    throw error;
  }
  const measured = await measure(context.daemon, request);
  if (measured.state === "refused") return { refused: `${measured.stage}: ${measured.message}` };
  const state = effectiveState(measured, context.reference);
  let boundingWithoutAdds = state.bounding;
  const counterfactual = withoutAdds(config);
  if (counterfactual) {
    const other = await measure(context.daemon, requestFor(counterfactual, context));
    if (other.state === "refused") return { refused: `without its adds, ${other.stage}: ${other.message}` };
    boundingWithoutAdds = effectiveState(other, context.reference).bounding;
  }
  return { measurement: { state, boundingWithoutAdds, reference: context.reference }, measured, request };
}

interface Verdicts {
  /** Rows where the rule and the measured state disagree, without a deliberate difference for it. */
  disagreeing: Row[];
  deliberate: string[];
  agreeing: Array<{ row: Row; hardened: boolean }>;
}

function compare(config: Configuration, measurement: Measurement, context: Context): Verdicts {
  const out: Verdicts = { disagreeing: [], deliberate: [], agreeing: [] };
  const settings = settingsOf(config);
  for (const row of HARDENED) {
    const findings = findingsOf(ruleById.get(row.rule)!, config, row.level ?? "restricted", context);
    const passes = findings.length === 0;
    const hardened = row.hardened(measurement);
    if (passes === hardened && findings.every((f) => f.outcome === "violation")) {
      out.agreeing.push({ row, hardened });
      continue;
    }
    const known = DELIBERATE_DIFFERENCES.find((d) => d.rule === row.rule && d.rulePasses === passes && d.applies(settings, measurement));
    if (known && findings.every((f) => f.outcome === "violation")) out.deliberate.push(known.name);
    else out.disagreeing.push(row);
  }
  return out;
}

/** The measured facts a reader needs to judge a disagreement. */
function describeState(m: Measurement): string {
  const s = m.state;
  const facts = {
    from: s.from === "process" ? "the running container" : "the OCI spec and inspect (this sandbox cannot start it)",
    uid: s.uid,
    gid: s.gid,
    groups: s.groups,
    capBnd: [...s.bounding].sort().join(",") || "(none)",
    capBndWithoutAdds: [...m.boundingWithoutAdds].sort().join(",") || "(none)",
    noNewPrivs: s.noNewPrivs,
    seccomp: s.seccomp ? `filter (default action ${s.seccompDefaultAction})` : "off",
    hostNamespaces: s.hostNamespaces,
    usernsMode: s.inspect.HostConfig.UsernsMode,
    rootReadOnly: s.rootReadOnly,
    procMasked: s.procMasked,
    sysfsReadOnly: s.sysfsReadOnly,
    extraDevices: s.extraDevices,
    extraDeviceRules: s.extraDeviceRules,
    memoryLimited: s.memoryLimited,
    cpuLimited: s.cpuLimited,
    sysctls: s.sysctls,
    hostPaths: s.hostPaths,
    appArmorProfile: s.inspect.AppArmorProfile,
    securityOptStored: s.inspect.HostConfig.SecurityOpt,
    privileged: s.inspect.HostConfig.Privileged,
  };
  return stringify(facts).trimEnd();
}

function describe(config: Configuration, request: Request, m: Measurement, rows: Row[], context: Context): string {
  const written = config.kind === "Container" ? { "docker.Container inputs": config.inputs } : { "Compose service": config.service, "Compose volumes": config.volumes };
  const verdicts = rows.map((row) => {
    const findings = findingsOf(ruleById.get(row.rule)!, config, row.level ?? "restricted", context);
    const said = findings.length === 0 ? "passes" : findings.map((f) => `[${f.outcome}] ${f.path}: ${f.message}`).join("\n      ");
    return `  ${rowKey(row)}: the rule ${findings.length === 0 ? "passes" : "refuses"}, the measured container is ${row.hardened(m) ? "" : "NOT "}hardened in its sense (${row.reason})\n    rule: ${said}`;
  });
  const body = { ...request.body, Cmd: undefined };
  return `DISAGREEMENT\n${stringify(written).trimEnd()}\nEngine API create body:\n${JSON.stringify(body)}\nMeasured:\n${describeState(m)}\nVerdicts:\n${verdicts.join("\n")}`;
}

/** Leaves out one setting at a time while `row` still disagrees (each try a real container). */
async function shrink(config: Configuration, row: Row, context: Context): Promise<Configuration> {
  let current = config;
  const record = () => (current.kind === "Container" ? current.inputs : current.service);
  for (const key of Object.keys(record())) {
    if (key === "image") continue;
    const rest = { ...record() };
    delete rest[key];
    const candidate: Configuration = current.kind === "Container" ? { kind: "Container", inputs: rest } : { kind: "Compose", service: rest, volumes: current.volumes };
    const result = await run(candidate, context);
    if ("measurement" in result && compare(candidate, result.measurement, context).disagreeing.some((r) => r === row)) current = candidate;
  }
  return current;
}

/** Measures what this daemon gives a container that asks for nothing, and one with every capability, on `network`. */
export async function measureReference(daemon: DockerDaemon, network: string): Promise<Reference> {
  const plain = await measure(daemon, { body: { Image: IMAGES.root, HostConfig: { NetworkMode: network } } });
  const everything = await measure(daemon, { body: { Image: IMAGES.root, HostConfig: { NetworkMode: network, CapAdd: ["ALL"] } } });
  if (plain.state !== "ran" || everything.state !== "sandbox") throw new Error(`reference containers: ${JSON.stringify([plain.state, everything.state])}`);
  return referenceFrom(plain, everything, daemon.hostNamespaces());
}

function projectDirectory(): string {
  const project = mkdtempSync(join(tmpdir(), "container-hardening-compose-"));
  mkdirSync(join(project, "data"));
  writeFileSync(join(project, "deny.json"), SECCOMP_DENY_BY_DEFAULT);
  writeFileSync(join(project, "allow.json"), SECCOMP_ALLOW_ALL);
  return project;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Runs `runs` configurations from `seed` through the daemon, `concurrency` at a time. The peer
 * container that "bridge" stands for (see provider-mapping.ts) runs meanwhile.
 */
export async function runEffectiveStateOracle(daemon: DockerDaemon, seed: number, runs: number, concurrency = 4): Promise<OracleResult> {
  const started = process.hrtime.bigint();
  const peer = await daemon.json<{ Id: string }>("POST", `/containers/create?name=${PEER_NAME}`, {
    Image: IMAGES.root,
    Cmd: ["sleep", "86400"],
    HostConfig: { NetworkMode: "none", IpcMode: "shareable" },
  });
  await daemon.json("POST", `/containers/${peer.Id}/start`);
  const project = projectDirectory();
  const result: OracleResult = { compared: 0, refused: new Map(), fromSpec: 0, kinds: new Map(), agreements: new Map(), deliberate: new Map(), disagreements: [], containers: 2, seconds: 0 };
  try {
    const context: Context = { daemon, reference: await measureReference(daemon, `container:${PEER_NAME}`), project };
    const samples = fc.sample(configuration, { seed, numRuns: runs }).map((c) => resolvePlaceholders(c, context) as Configuration);
    const shrunk = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < samples.length) {
        const config = samples[next++]!;
        increment(result.kinds, config.kind);
        const outcome = await run(config, context);
        result.containers += withoutAdds(config) ? 2 : 1;
        if ("refused" in outcome) {
          increment(result.refused, outcome.refused.replace(/[0-9a-f]{64}/g, "<id>").slice(0, 240));
          continue;
        }
        result.compared++;
        if (outcome.measurement.state.from === "spec") result.fromSpec++;
        const verdicts = compare(config, outcome.measurement, context);
        for (const name of verdicts.deliberate) increment(result.deliberate, name);
        for (const { row, hardened } of verdicts.agreeing) {
          const counts = result.agreements.get(rowKey(row)) ?? [0, 0];
          counts[hardened ? 0 : 1]++;
          result.agreements.set(rowKey(row), counts);
        }
        for (const row of verdicts.disagreeing) {
          // One shrunk reproducer per rule and kind is enough to read; the count says how often.
          const key = `${rowKey(row)}/${config.kind}`;
          if (shrunk.has(key)) {
            result.disagreements.push(`(${key} again)`);
            continue;
          }
          shrunk.add(key);
          const minimal = await shrink(config, row, context);
          const again = await run(minimal, context);
          if ("measurement" in again) result.disagreements.push(describe(minimal, again.request, again.measurement, [row], context));
          else result.disagreements.push(describe(config, outcome.request, outcome.measurement, [row], context));
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await daemon.request("DELETE", `/containers/${peer.Id}?force=1`);
    rmSync(project, { recursive: true, force: true });
  }
  result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return result;
}
