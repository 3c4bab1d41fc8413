/**
 * Differential testing of the checker's Compose model against compose-go's (test/compose-oracle,
 * op "project"): each generated project (test/fuzz/compose-project-generator.ts) is written to a
 * temporary directory; the checker reads it as `container-hardening check <dir>` does (every
 * Compose file found, includes followed, the override file merged onto compose.yaml) and builds
 * each service's model (checker/compose-model.ts, then normaliseService: the rules' input before a
 * service takes another's namespaces or volumes); compose-go loads the project as `docker compose`
 * does. Every key a Docker rule reads must be the same, in one comparable form (serviceForm).
 *
 * Deliberate differences, excluded here by name:
 * - UNRESOLVED: a value holding a variable neither `.env` nor a default sets is unknown to the
 *   checker (it does not read the shell's environment); compose-go takes it as empty. The key is
 *   left out, but only after showing that compose-go's value does depend on the environment (the
 *   project is loaded again with every variable set): an `unknown` compose-go does not need is a
 *   disagreement.
 * - HOME: `~` is judged as /root; the oracle runs with HOME=/root.
 * - PROFILES: the checker judges every service whatever its profiles; services compose-go disables
 *   are compared too (the oracle reports them with the enabled ones).
 * - REFUSED: a project compose-go refuses is not compared (the checker judges what it can read).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { isObject, isUnknown, UNKNOWN as NOT_KNOWN, type JsonObject } from "../../rules/values";
import type { ComposeDocument } from "../../checker/compose";
import { includedFiles } from "../../checker/compose-include";
import { composeModel } from "../../checker/compose-model";
import { mergeOverrideFiles } from "../../checker/compose-overrides";
import { normaliseService } from "../../checker/compose-service";
import { filesBelow, MANIFEST_FILE } from "../../checker/manifests";
import { decodeManifestFile } from "../../decoding/manifest-files";
import type { ComposeOracle } from "./compose-oracle";
import { projectFiles, projectPlanArbitrary, type ProjectFiles, type ProjectPlan } from "./compose-project-generator";

/** The keys compared, in the form both models are mapped to. */
export type ServiceForm = Record<string, unknown>;

interface OracleVolume {
  type: string;
  source?: string;
  target: string;
}

interface OracleService {
  user?: string;
  group_add?: string[];
  cap_add?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  read_only?: boolean;
  privileged?: boolean;
  network_mode?: string;
  pid?: string;
  ipc?: string;
  userns_mode?: string;
  cgroup?: string;
  volumes?: OracleVolume[];
  volumes_from?: string[];
  devices?: Array<{ source: string }>;
  device_cgroup_rules?: string[];
  sysctls?: Record<string, string>;
  mem_limit?: number;
  deploy_memory?: number;
  cpus?: string;
  deploy_cpus?: string;
  cpu_quota?: number;
  cpuset?: string;
  build?: { context: string; dockerfile?: string; target?: string; args?: Record<string, string | null> };
}

type ProjectAnswer = { services: Record<string, OracleService>; disabled: string[] } | { error: string };

const cpuCount = (value: unknown) => (value === undefined || value === "" ? undefined : Math.fround(Number(value)));
const list = (value: unknown) => (Array.isArray(value) && value.length > 0 ? value.map(String) : undefined);

/** compose-go's service in the comparable form. */
export function oracleServiceForm(service: OracleService): ServiceForm {
  return {
    user: service.user || undefined,
    group_add: list(service.group_add),
    cap_add: list(service.cap_add),
    cap_drop: list(service.cap_drop),
    security_opt: list(service.security_opt),
    read_only: service.read_only ?? false,
    privileged: service.privileged ?? false,
    network_mode: service.network_mode || undefined,
    pid: service.pid || undefined,
    ipc: service.ipc || undefined,
    userns_mode: service.userns_mode || undefined,
    cgroup: service.cgroup || undefined,
    volumes: service.volumes?.map((v) => ({ type: v.type, source: v.source || undefined, target: v.target })),
    volumes_from: list(service.volumes_from),
    devices: service.devices?.map((d) => d.source),
    device_cgroup_rules: list(service.device_cgroup_rules),
    sysctls: service.sysctls && Object.keys(service.sysctls).length > 0 ? service.sysctls : undefined,
    mem_limit: service.mem_limit || undefined,
    deploy_memory: service.deploy_memory || undefined,
    cpus: cpuCount(service.cpus),
    deploy_cpus: cpuCount(service.deploy_cpus),
    cpu_quota: service.cpu_quota || undefined,
    cpuset: service.cpuset || undefined,
    build: service.build && { context: service.build.context, dockerfile: service.build.dockerfile ?? "Dockerfile", target: service.build.target || undefined, args: service.build.args },
  };
}

const strings = (value: unknown) => (typeof value === "number" ? String(value) : value);
const nonEmpty = (value: unknown) => (value === "" || value === null ? undefined : value);

/**
 * The checker's normalised service in the comparable form (`directory` for the build context, which
 * checker/compose-build.ts resolves as here: a string is the context, relative to the directory).
 */
export function checkerServiceForm(service: JsonObject, directory: string): ServiceForm {
  const limits = isObject(service.deploy) && isObject(service.deploy.resources) && isObject(service.deploy.resources.limits) ? service.deploy.resources.limits : {};
  const build = typeof service.build === "string" ? { context: service.build } : isObject(service.build) ? service.build : undefined;
  const args = build?.args;
  return {
    user: nonEmpty(service.user),
    group_add: list(service.group_add),
    cap_add: list(service.cap_add),
    cap_drop: list(service.cap_drop),
    security_opt: list(service.security_opt),
    read_only: service.read_only === true,
    privileged: service.privileged === true,
    network_mode: nonEmpty(service.network_mode),
    pid: nonEmpty(service.pid),
    ipc: nonEmpty(service.ipc),
    userns_mode: nonEmpty(service.userns_mode),
    cgroup: nonEmpty(service.cgroup),
    volumes: Array.isArray(service.volumes) && service.volumes.length > 0 ? service.volumes.map((v) => (isObject(v) ? { type: v.type, source: nonEmpty(v.source), target: v.target } : v)) : undefined,
    volumes_from: list(service.volumes_from),
    devices: Array.isArray(service.devices) && service.devices.length > 0 ? service.devices.map((d) => (isObject(d) ? d.hostPath : d)) : undefined,
    device_cgroup_rules: list(service.device_cgroup_rules),
    sysctls: isObject(service.sysctls) && Object.keys(service.sysctls).length > 0 ? Object.fromEntries(Object.entries(service.sysctls).map(([k, v]) => [k, String(v as string)])) : undefined,
    mem_limit: typeof service.mem_limit === "number" ? Math.round(service.mem_limit * 1024 ** 2) || undefined : service.mem_limit,
    deploy_memory: limits.memory || undefined,
    cpus: cpuCount(strings(service.cpus)),
    deploy_cpus: typeof limits.cpus === "number" ? Math.fround(limits.cpus / 1e9) : cpuCount(limits.cpus),
    cpu_quota: service.cpu_quota || undefined,
    cpuset: nonEmpty(strings(service.cpuset)),
    build: build && {
      context: resolve(directory, typeof build.context === "string" ? build.context : "."),
      dockerfile: typeof build.dockerfile === "string" ? build.dockerfile : "Dockerfile",
      target: nonEmpty(build.target),
      args: Array.isArray(args)
        ? Object.fromEntries(args.map((entry) => String(entry)).map((entry) => (entry.includes("=") ? [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)] : [entry, NOT_KNOWN])))
        : isObject(args)
          ? // An argument without a value comes from the environment: unknown to the checker (compose-build.ts).
            Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v === null ? NOT_KNOWN : String(v as string)]))
          : undefined,
    },
  };
}

/** The checker's model of every service of the project in `directory`, as `check <directory>` reads it. */
export function checkerServices(directory: string): Map<string, { form: ServiceForm; unknown: Set<string> }> {
  const documents: ComposeDocument[] = [];
  const seen = new Set<string>();
  for (const file of filesBelow(directory, (name) => MANIFEST_FILE.test(name))) {
    seen.add(resolve(file));
    documents.push(...decodeManifestFile(file, readFileSync(file, "utf8"), { skipOthers: true }).compose);
  }
  for (let i = 0; i < documents.length; i++) {
    for (const file of includedFiles(documents[i]!).files.filter((name) => !seen.has(name))) {
      seen.add(file);
      documents.push(...decodeManifestFile(file, readFileSync(file, "utf8")).compose);
    }
  }
  const judged = mergeOverrideFiles(documents);
  const out = new Map<string, { form: ServiceForm; unknown: Set<string> }>();
  for (const document of documents.map(judged)) {
    if (!document || !isObject(document.document.services)) continue;
    const model = composeModel(document, document.document.services);
    for (const [name, raw] of Object.entries(model.services)) {
      if (!isObject(raw) || out.has(name)) continue;
      const { service } = normaliseService(raw, { name, directory: model.directory, volumes: model.volumes, unresolved: model.unresolved });
      const form = checkerServiceForm(service, model.directory);
      const unknown = new Set(Object.keys(form).filter((key) => holdsUnknown(form[key]) || [...model.unresolved.keys()].some((path) => path.startsWith(`services.${name}.${key}`))));
      out.set(name, { form, unknown });
    }
  }
  return out;
}

/** Whether a value of the checker's model holds a value not known here (an unresolved variable). */
function holdsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  return isObject(value) && Object.values(value).some(holdsUnknown);
}

function writeProject(files: ProjectFiles): string {
  const directory = mkdtempSync(join(tmpdir(), "compose-differential-"));
  for (const [path, content] of files) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), content);
  }
  return directory;
}

/** Every variable name a project's files mention, for the load with all of them set. */
function variables(files: ProjectFiles): string[] {
  const names = new Set<string>();
  for (const content of files.values()) {
    for (const match of content.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
    // Build arguments without a value (`FROM_ENV: null`, `- B`) come from the environment too.
    for (const match of content.matchAll(/([A-Z_][A-Z0-9_]*): null|- ([A-Z_][A-Z0-9_]*)$/gm)) names.add((match[1] ?? match[2])!);
  }
  return [...names];
}

export interface ProjectDisagreement {
  service: string;
  key: string;
  checker: unknown;
  composeGo: unknown;
  why: string;
}

export interface ProjectComparison {
  refused?: string;
  disagreements: ProjectDisagreement[];
  /** Keys compared equal, and keys left out as unknown, by key. */
  compared: Map<string, number>;
  unknown: number;
}

export async function compareProject(oracle: ComposeOracle, files: ProjectFiles): Promise<ProjectComparison> {
  const directory = writeProject(files);
  try {
    const request = { op: "project", workingDir: directory, files: [], env: {}, profiles: [] };
    const plain = (await oracle.ask(request)) as ProjectAnswer;
    const out: ProjectComparison = { disagreements: [], compared: new Map(), unknown: 0 };
    if ("error" in plain) return { ...out, refused: plain.error };
    const everySet = (await oracle.ask({ ...request, env: Object.fromEntries(variables(files).map((name) => [name, "from-the-environment"])) })) as ProjectAnswer;
    const ours = checkerServices(directory);
    for (const [name, theirs] of Object.entries(plain.services)) {
      const mine = ours.get(name);
      if (!mine) {
        out.disagreements.push({ service: name, key: "(service)", checker: undefined, composeGo: "present", why: "the checker has no such service" });
        continue;
      }
      const expected = oracleServiceForm(theirs);
      const withEnvironment = "services" in everySet && everySet.services[name] ? oracleServiceForm(everySet.services[name]) : undefined;
      for (const key of Object.keys(expected)) {
        if (mine.unknown.has(key)) {
          out.unknown++;
          if (withEnvironment && isDeepStrictEqual(withEnvironment[key], expected[key])) {
            out.disagreements.push({ service: name, key, checker: "unknown", composeGo: expected[key], why: "UNRESOLVED claimed, but compose-go's value does not depend on the environment" });
          }
          continue;
        }
        if (isDeepStrictEqual(JSON.parse(JSON.stringify(mine.form[key] ?? null)), JSON.parse(JSON.stringify(expected[key] ?? null)))) out.compared.set(key, (out.compared.get(key) ?? 0) + 1);
        else out.disagreements.push({ service: name, key, checker: mine.form[key], composeGo: expected[key], why: "different values" });
      }
    }
    return out;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export interface ProjectResult {
  compared: number;
  refused: number;
  /** Refusal reasons (first line), to see that the generator mostly writes loadable projects. */
  refusals: Map<string, number>;
  keys: Map<string, number>;
  unknown: number;
  /** How many loaded projects reached each feature. */
  features: Map<string, number>;
  failure?: string;
}

const FEATURES: Array<[string, (files: ProjectFiles) => boolean]> = [
  ["override file", (f) => f.has("compose.override.yaml")],
  ["!reset", (f) => f.get("compose.override.yaml")?.includes("!reset") ?? false],
  ["!override", (f) => f.get("compose.override.yaml")?.includes("!override") ?? false],
  ["extends (file)", (f) => f.get("compose.yaml")!.includes("file: common/base.yaml")],
  ["extends (local)", (f) => /extends: s\d/.test(f.get("compose.yaml")!)],
  ["include", (f) => f.has("included/compose.yaml")],
  [".env", (f) => f.has(".env")],
  ["merge key", (f) => f.get("compose.yaml")!.includes("<<: *hardening")],
  ["profiles", (f) => f.get("compose.yaml")!.includes("profiles:")],
  ["service: sharing", (f) => f.get("compose.yaml")!.includes("service:s")],
  ["volumes_from", (f) => f.get("compose.yaml")!.includes("volumes_from")],
  ...["${V}", "$V", ":-", "-", ":?", "?", ":+", "+", "$$"].map((form): [string, (files: ProjectFiles) => boolean] => {
    const pattern = {
      "${V}": /\$\{[A-Z0-9_]+\}/,
      $V: /\$[A-Z]/,
      ":-": /\$\{[A-Z0-9_]+:-[^$]/,
      "-": /\$\{[A-Z0-9_]+-/,
      ":?": /\$\{[A-Z0-9_]+:\?/,
      "?": /\$\{[A-Z0-9_]+\?/,
      ":+": /\$\{[A-Z0-9_]+:\+/,
      "+": /\$\{[A-Z0-9_]+\+/,
      $$: /[^$]\$\$(?!\{)/,
    }[form]!;
    return [`interpolation ${form}`, (files) => [...files.values()].some((content) => pattern.test(content))];
  }),
  ["nested default", (f) => [...f.values()].some((content) => /:-\$\{/.test(content))],
];

function describeFiles(files: ProjectFiles): string {
  return [...files].map(([path, content]) => `--- ${path}\n${content}`).join("");
}

export async function runProjectDifferential(oracle: ComposeOracle, seed: number, numRuns: number): Promise<ProjectResult> {
  const result: ProjectResult = { compared: 0, refused: 0, refusals: new Map(), keys: new Map(), unknown: 0, features: new Map() };
  let sampling = true;
  const property = fc.asyncProperty(projectPlanArbitrary, async (plan: ProjectPlan) => {
    const files = projectFiles(plan);
    const comparison = await compareProject(oracle, files);
    const same = comparison.disagreements.length === 0;
    if (!same) sampling = false;
    if (sampling) {
      result.compared++;
      if (comparison.refused !== undefined) {
        result.refused++;
        const reason = comparison.refused.split("\n")[0]!.replace(/\/tmp\/compose-differential-\w+/g, "<dir>").slice(0, 120);
        result.refusals.set(reason, (result.refusals.get(reason) ?? 0) + 1);
      } else {
        for (const [key, n] of comparison.compared) result.keys.set(key, (result.keys.get(key) ?? 0) + n);
        result.unknown += comparison.unknown;
        for (const [feature, test] of FEATURES) if (test(files)) result.features.set(feature, (result.features.get(feature) ?? 0) + 1);
      }
    }
    return same;
  });
  const details = await fc.check(property, { seed, numRuns });
  if (details.failed && details.counterexample) {
    const files = projectFiles(details.counterexample[0]);
    const comparison = await compareProject(oracle, files).catch((error: unknown) => ({ disagreements: [], error: String(error) }));
    result.failure = `Minimal reproducing project (seed ${seed}, path "${details.counterexamplePath ?? ""}", after ${details.numShrinks} shrinks):
${describeFiles(files)}---
${JSON.stringify(comparison.disagreements, null, 2)}${"error" in comparison ? `\n${comparison.error}` : ""}${details.errorInstance ? `\n${String(details.errorInstance)}` : ""}`;
  }
  return result;
}

