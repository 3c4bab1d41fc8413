/**
 * Generated Compose projects for the model differential (test/fuzz/compose-project-differential.ts):
 * a directory with compose.yaml, sometimes compose.override.yaml (plain values, `!reset`,
 * `!override`; or the same as a second document of compose.yaml), a `.env`, a base file for
 * `extends` (common/base.yaml, whose relative paths are its own) and an included file
 * (included/compose.yaml, with a `.env` of its own). Services set the keys the Docker rules read,
 * written in Compose's several shapes, through YAML merge keys (`<<: *hardening`), with profiles,
 * `service:` namespace sharing and `volumes_from` between them, and values written through every
 * interpolation form (`${V}`, `$V`, `${V:-d}`, `${V-d}`, `${V:?e}`, `${V?e}`, `${V:+r}`, `${V+r}`,
 * `$$`, nested defaults), some of them left to the environment.
 */
import fc from "fast-check";
import { stringify } from "yaml";

/** A value as written: plain YAML, or a string holding variables whose `.env` lines are given. */
interface Written {
  yaml: unknown;
  env: Array<[string, string]>;
}

type Form = "plain" | "braced" | "bare" | "default" | "unset-default" | "required" | "required-set" | "alternative" | "alternative-set" | "nested" | "environment" | "dollars";

const FORMS: Form[] = ["plain", "plain", "plain", "braced", "bare", "default", "unset-default", "required", "required-set", "alternative", "alternative-set", "nested", "environment", "dollars"];

/** `value` written in `form` with variable `name` (its .env lines alongside). */
function interpolated(value: string, form: Form, name: string): Written {
  switch (form) {
    case "braced":
      return { yaml: `\${${name}}`, env: [[name, value]] };
    case "bare":
      return { yaml: `$${name}`, env: [[name, value]] };
    case "default":
      return { yaml: `\${${name}:-${value}}`, env: [[name, ""]] };
    case "unset-default":
      return { yaml: `\${${name}-${value}}`, env: [] };
    case "required":
      return { yaml: `\${${name}:?${name} is needed}`, env: [[name, value]] };
    case "required-set":
      return { yaml: `\${${name}?${name} is needed}`, env: [[name, value]] };
    case "alternative":
      return { yaml: `\${${name}:+${value}}`, env: [[name, "set"]] };
    case "alternative-set":
      return { yaml: `\${${name}+${value}}`, env: [[name, ""]] };
    case "nested":
      return { yaml: `\${${name}:-\${${name}_INNER:-${value}}}`, env: [] };
    case "environment":
      // Left to the environment Compose runs in: the checker cannot know it.
      return { yaml: `\${${name}}`, env: [] };
    case "dollars":
      // Not in a path, nor in a seccomp value (`unconfined$` names a profile file neither can read).
      return { yaml: value.startsWith("/") || value.startsWith("seccomp") ? value : `${value}$$`, env: [] };
    default:
      return { yaml: value, env: [] };
  }
}

/** A string value drawn from `values`, written in any form. */
function text(values: readonly string[]): fc.Arbitrary<(name: string) => Written> {
  return fc.tuple(fc.constantFrom(...values), fc.constantFrom(...FORMS)).map(([value, form]) => (name: string) => interpolated(value, form, name));
}

/** A boolean string, in the forms that give one (an empty value is no boolean for Compose). */
function boolean(values: readonly string[]): fc.Arbitrary<(name: string) => Written> {
  return fc.tuple(fc.constantFrom(...values), fc.constantFrom<Form>("plain", "braced", "default", "unset-default", "required", "nested")).map(([value, form]) => (name: string) => interpolated(value, form, name));
}

/** A value written as is (numbers, booleans, mappings). */
function literal<T>(values: fc.Arbitrary<T>): fc.Arbitrary<(name: string) => Written> {
  return values.map((value) => () => ({ yaml: value, env: [] }));
}

/** A list whose string entries are written in any form. */
function list(values: readonly (string | number)[], maxLength = 3): fc.Arbitrary<(name: string) => Written> {
  // Compose's schema refuses a list with an entry twice.
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...values), fc.constantFrom(...FORMS)), { minLength: 0, maxLength, selector: ([value]) => value }).map((entries) => (name: string) => {
    const written = entries.map(([value, form], i) => (typeof value === "number" ? { yaml: value, env: [] } : interpolated(value, form, `${name}_${i}`)));
    return { yaml: written.map((w) => w.yaml), env: written.flatMap((w) => w.env) };
  });
}

const CAPABILITIES = ["ALL", "NET_ADMIN", "SYS_ADMIN", "CAP_CHOWN", "chown", "NET_BIND_SERVICE"];

/** What each key the rules read may be set to (names of other services are filled in later). */
const KEY_VALUES: Record<string, fc.Arbitrary<(name: string) => Written>> = {
  // A number is refused by Compose's schema (user must be a string); the checker reads it.
  user: text(["1000", "0", "root", "1000:1000", "nobody", "0:0"]),
  group_add: list(["1000", "video", "0", 44]),
  cap_add: list(CAPABILITIES),
  cap_drop: list(CAPABILITIES),
  security_opt: list(["no-new-privileges:true", "no-new-privileges", "seccomp:unconfined", "seccomp=unconfined", "apparmor=unconfined", "label:disable", "systempaths=unconfined"]),
  read_only: fc.oneof(literal(fc.boolean()), boolean(["true", "false", "yes", "off"])),
  privileged: fc.oneof(literal(fc.boolean()), boolean(["true", "false", "on", "no"])),
  network_mode: text(["host", "none", "bridge"]),
  pid: text(["host"]),
  ipc: text(["host", "shareable", "private"]),
  userns_mode: text(["host"]),
  cgroup: text(["host", "private"]),
  // Container paths differ: compose-go keeps one entry per path in one file's list (the checker judges each).
  volumes: fc.oneof(
    list(["./data:/data", "/var/run/docker.sock:/var/run/docker.sock:ro", "~/.ssh:/root/.ssh", "data:/var/data", "/anonymous", "../up:/up", "/etc:/host/etc:rw", "hostdir:/h"]),
    literal(fc.constantFrom([{ type: "bind", source: "./config", target: "/config", read_only: true }], [{ type: "volume", source: "data", target: "/d" }], [{ type: "tmpfs", target: "/tmp" }], [{ type: "bind", source: "/", target: "/host" }])),
  ),
  devices: fc.oneof(list(["/dev/sda:/dev/xvda:rwm", "/dev/fuse", "/dev/kvm:/dev/kvm", "vendor.com/gpu=all"]), literal(fc.constant([{ source: "/dev/kvm", target: "/dev/kvm", permissions: "rwm" }]))),
  device_cgroup_rules: list(["c 1:3 mr", "a *:* rwm"]),
  sysctls: fc.oneof(list(["net.ipv4.ip_forward=1", "net.core.somaxconn=1024", "kernel.shm_rmid_forced=1"]), literal(fc.constantFrom({ "net.core.somaxconn": 1024 }, { "net.ipv4.ip_forward": "1", "kernel.msgmax": 65536 }))),
  mem_limit: fc.oneof(text(["512m", "1g", "1.5g", "100000k", "64M", "2gb"]), literal(fc.constantFrom(1073741824, 536870912))),
  // deploy.resources.limits.memory is a string for Compose's schema.
  deploy: literal(fc.constantFrom({ resources: { limits: { memory: "256m", cpus: "0.5" } } }, { resources: { limits: { cpus: 2, memory: "268435456" } } }, { resources: { limits: { cpus: "1.25" } } })),
  cpus: fc.oneof(text(["0.5", "1.5", "2"]), literal(fc.constantFrom(0.5, 2, 0.1))),
  cpu_quota: literal(fc.constantFrom(50000, 100000)),
  cpuset: text(["0-1", "0", "1,3"]),
  build: fc.oneof(
    text([".", "./app"]),
    literal(fc.constantFrom({ context: ".", dockerfile: "Dockerfile.dev", target: "final" }, { context: "./app", args: { UID: "1000", FROM_ENV: null } }, { args: ["A=1", "B"] })),
  ),
  profiles: literal(fc.constantFrom(["debug"], ["tools", "debug"])),
};

const KEYS = Object.keys(KEY_VALUES);

/** One service's settings: some keys, each with its value written in its `name`d variables. */
const settingsArbitrary = fc
  .uniqueArray(fc.constantFrom(...KEYS), { maxLength: 6 })
  // compose-go refuses deploy limits that differ from mem_limit or cpus: left to merges and extends to combine.
  .filter((keys) => !(keys.includes("deploy") && (keys.includes("mem_limit") || keys.includes("cpus"))))
  .chain((keys) => fc.tuple(...keys.map((key) => KEY_VALUES[key]!.map((value) => [key, value] as const))));

interface ServicePlan {
  settings: ReadonlyArray<readonly [string, (name: string) => Written]>;
  hardening: boolean;
  /** extends: undefined, or an index into the base services (file) or an earlier service (same file). */
  extendsBase?: number;
  extendsLocal?: number;
  /** `service:<earlier>` on one namespace key, volumes_from an earlier service. */
  joins?: { key: "network_mode" | "pid" | "ipc"; index: number };
  volumesFrom?: { index: number; mode: "" | ":ro" | ":rw" };
}

const servicePlanArbitrary: fc.Arbitrary<ServicePlan> = fc.record(
  {
    settings: settingsArbitrary,
    hardening: fc.boolean(),
    extendsBase: fc.nat(1),
    extendsLocal: fc.nat(3),
    joins: fc.record({ key: fc.constantFrom("network_mode" as const, "pid" as const, "ipc" as const), index: fc.nat(3) }),
    volumesFrom: fc.record({ index: fc.nat(3), mode: fc.constantFrom("" as const, ":ro" as const, ":rw" as const) }),
  },
  { requiredKeys: ["settings", "hardening"] },
);

/** An override file's change to a main service: a plain value, `!reset` or `!override`. */
const OVERRIDE_VALUES: Record<string, unknown[]> = {
  cap_drop: [["ALL"], ["NET_RAW"]],
  cap_add: [["SYS_ADMIN"], ["ALL"]],
  user: ["1000", "root"],
  security_opt: [["no-new-privileges:true"], ["seccomp:unconfined"]],
  read_only: [true, false],
  privileged: [true, false],
  volumes: [["/etc:/etc"], ["./data:/data:ro"]],
  sysctls: [{ "net.ipv4.ip_forward": "1" }],
};

const overrideArbitrary = fc
  .record({ service: fc.nat(3), key: fc.constantFrom(...Object.keys(OVERRIDE_VALUES)), tag: fc.constantFrom("" as const, "!reset" as const, "!override" as const), pick: fc.nat(1) })
  .map(({ pick, ...change }) => ({ ...change, value: OVERRIDE_VALUES[change.key]![pick % OVERRIDE_VALUES[change.key]!.length] }));

export interface ProjectPlan {
  services: ServicePlan[];
  bases: Array<ServicePlan["settings"]>;
  included: Array<ServicePlan["settings"]>;
  overrides: Array<{ service: number; key: string; tag: "" | "!reset" | "!override"; value: unknown }>;
  /** The overrides written as a second document of compose.yaml, which compose-go merges the same way. */
  overridesInline: boolean;
  withDotenv: boolean;
  hardening: Array<ServicePlan["settings"][number]>;
}

export const projectPlanArbitrary: fc.Arbitrary<ProjectPlan> = fc.record({
  services: fc.array(servicePlanArbitrary, { minLength: 1, maxLength: 4 }),
  bases: fc.array(settingsArbitrary, { maxLength: 2 }),
  included: fc.array(settingsArbitrary, { maxLength: 2 }),
  overrides: fc.array(overrideArbitrary, { maxLength: 3 }),
  overridesInline: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  // Without .env, a required variable (`${V:?e}`) is refused and an empty one is no boolean or number: kept rare.
  withDotenv: fc.oneof({ weight: 7, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  hardening: settingsArbitrary.map((settings) => [...settings]),
});

/** The files of a project: path (relative to the project directory) to content. */
export type ProjectFiles = Map<string, string>;

/** A mapping of settings written with variables `<PREFIX>_<KEY>`, and the .env lines they need. */
function writeSettings(settings: ServicePlan["settings"], prefix: string): { mapping: Record<string, unknown>; env: Array<[string, string]> } {
  const mapping: Record<string, unknown> = {};
  const env: Array<[string, string]> = [];
  for (const [key, value] of settings) {
    const written = value(`${prefix}_${key.toUpperCase()}`);
    mapping[key] = written.yaml;
    env.push(...written.env);
  }
  return { mapping, env };
}

const dotenv = (lines: Array<[string, string]>) => lines.map(([name, value]) => `${name}=${value}\n`).join("");

/** The files a plan is written as. */
export function projectFiles(plan: ProjectPlan): ProjectFiles {
  const files: ProjectFiles = new Map();
  const env: Array<[string, string]> = [];
  const names = plan.services.map((_, i) => `s${i}`);
  const hardening = writeSettings(plan.hardening, "H");
  env.push(...hardening.env);
  const baseNames = plan.bases.map((_, i) => `base${i}`);
  const services: string[] = [];
  plan.services.forEach((service, i) => {
    const written = writeSettings(service.settings, `S${i}`);
    env.push(...written.env);
    const mapping: Record<string, unknown> = { image: "app", ...written.mapping };
    if (service.extendsBase !== undefined && baseNames.length > 0) mapping.extends = { file: "common/base.yaml", service: baseNames[service.extendsBase % baseNames.length] };
    else if (service.extendsLocal !== undefined && i > 0) mapping.extends = names[service.extendsLocal % i];
    if (service.joins && i > 0) mapping[service.joins.key] = `service:${names[service.joins.index % i]!}`;
    if (service.volumesFrom && i > 0) mapping.volumes_from = [`${names[service.volumesFrom.index % i]!}${service.volumesFrom.mode}`];
    // The merge key is written first, so the service's own keys win, as YAML has them win anyway.
    const body = stringify({ [names[i]!]: mapping }, { indent: 2 }).trimEnd().split("\n");
    if (service.hardening && plan.hardening.length > 0) body.splice(1, 0, "  <<: *hardening");
    services.push(...body.map((line) => `  ${line}`));
  });
  const lines: string[] = [];
  if (plan.hardening.length > 0) lines.push(...`x-hardening: &hardening\n${stringify(hardening.mapping, { indent: 2 }).replace(/^/gm, "  ")}`.trimEnd().split("\n"));
  lines.push("services:", ...services);
  if (plan.included.length > 0) lines.push("include:", "  - included/compose.yaml");
  lines.push("volumes:", "  data: {}", "  hostdir:", "    driver: local", "    driver_opts: {type: none, o: bind, device: /etc}");
  files.set("compose.yaml", `${lines.join("\n")}\n`);
  if (plan.withDotenv) files.set(".env", dotenv(env));
  if (plan.overrides.length > 0) {
    const byService = new Map<string, string[]>();
    for (const change of plan.overrides) {
      const name = names[change.service % names.length]!;
      const entries = byService.get(name) ?? [];
      if (entries.some((entry) => entry.startsWith(`${change.key}:`))) continue;
      entries.push(`${change.key}: ${change.tag === "" ? "" : `${change.tag} `}${JSON.stringify(change.value)}`);
      byService.set(name, entries);
    }
    const override = [...byService].map(([name, entries]) => `  ${name}:\n${entries.map((entry) => `    ${entry}`).join("\n")}`);
    const text = `services:\n${override.join("\n")}\n`;
    if (plan.overridesInline) files.set("compose.yaml", `${files.get("compose.yaml")!}---\n${text}`);
    else files.set("compose.override.yaml", text);
  }
  if (plan.bases.length > 0) {
    const bases: Record<string, unknown> = {};
    const baseEnv: Array<[string, string]> = [];
    plan.bases.forEach((settings, i) => {
      const written = writeSettings(settings, `B${i}`);
      bases[baseNames[i]!] = { image: "base", ...written.mapping };
      baseEnv.push(...written.env);
    });
    // The base file's variables are interpolated with the project's environment (its .env).
    if (plan.withDotenv) files.set(".env", dotenv([...env, ...baseEnv]));
    files.set("common/base.yaml", stringify({ services: bases }, { indent: 2 }));
  }
  if (plan.included.length > 0) {
    const included: Record<string, unknown> = {};
    const includedEnv: Array<[string, string]> = [];
    plan.included.forEach((settings, i) => {
      const written = writeSettings(settings, `I${i}`);
      included[`inc${i}`] = { image: "included", ...written.mapping };
      includedEnv.push(...written.env);
    });
    files.set("included/compose.yaml", stringify({ services: included, volumes: { data: {}, hostdir: { driver: "local", driver_opts: { type: "none", o: "bind", device: "/etc" } } } }, { indent: 2 }));
    if (plan.withDotenv) files.set("included/.env", dotenv(includedEnv));
  }
  return files;
}
