/**
 * Runs the real Pulumi CLI on the example stacks, for the demo, the end-to-end tests and the bench:
 * the engine from scripts/setup-engine.sh, a local file backend in a temporary directory, no update
 * check, no plugin downloads, no cluster (the stacks' provider renders manifests to a directory).
 *
 * Each example is copied into the workspace, so `pulumi stack init` writes its stack file there and
 * not into the repository; the other examples are linked beside the copy, so a stack can read what
 * another example produces (the secure stack reads the cdk8s app's manifests) by relative path.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

/** dist/scripts/engine/ → the repository. */
export const REPO_ROOT = resolve(__dirname, "..", "..", "..");

let engine: string | undefined;

/** The directory holding pulumi and its plugins, set up (built or found cached) on first use. */
export function engineBin(): string {
  engine ??= execFileSync("bash", [join(REPO_ROOT, "scripts", "setup-engine.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return engine;
}

/** One engine event from `--event-log` (only the fields read here). */
export interface EngineEvent {
  policyEvent?: { resourceUrn?: string; message: string; policyName: string; policyPackName: string; enforcementLevel: string };
  diagnosticEvent?: { urn?: string; message: string; severity: string };
  resourcePreEvent?: { metadata: { urn: string; op: string } };
}

export interface PolicyViolation {
  policy: string;
  /** "mandatory" or "warning" (the engine's name for advisory), as the event log reports them. */
  level: string;
  /** The resource's name (last URN segment), or "" for a stack-level violation. */
  resource: string;
  type: string;
  message: string;
}

export interface RunResult {
  code: number;
  /** What a user sees: the CLI's own output. */
  output: string;
  events: EngineEvent[];
  violations: PolicyViolation[];
  seconds: number;
}

function resourceOf(urn: string | undefined): { resource: string; type: string } {
  if (!urn) return { resource: "", type: "" };
  const parts = urn.split("::");
  const types = (parts[2] ?? "").split("$");
  return { resource: parts[3] ?? "", type: types[types.length - 1] ?? "" };
}

export function violationsOf(events: EngineEvent[]): PolicyViolation[] {
  return events.flatMap((event) => {
    const policy = event.policyEvent;
    if (!policy) return [];
    return [{ policy: policy.policyName, level: policy.enforcementLevel, message: policy.message, ...resourceOf(policy.resourceUrn) }];
  });
}

/** setup-engine.sh's cache directory name: pulumi-<version>_yaml-<version>_kubernetes-<version>/bin. */
const BUILT_ENGINE = /pulumi-(v[^_/]+)_yaml-v[^_/]+_kubernetes-([^_/]+)\/bin$/;

/**
 * Where the CLI should find the engine: the provider and the policy analyzer go into the plugin cache
 * of `home` (as `pulumi plugin install` would put them), and a bin directory of their own holds the
 * CLI and the language host; otherwise the CLI prints "using <plugin> from $PATH" on every run. A
 * pulumi found on PATH (not built by setup-engine.sh) is used as it is. Returns the directory for PATH.
 */
function installPlugins(bin: string, home: string, ownBin: string): string {
  const versions = BUILT_ENGINE.exec(bin);
  if (!versions) return bin;
  const [, pulumiVersion, kubernetesVersion] = versions;
  const plugins: Array<[string, string]> = [
    [`resource-kubernetes-v${kubernetesVersion}`, "pulumi-resource-kubernetes"],
    [`analyzer-policy-nodejs-${pulumiVersion}`, "pulumi-analyzer-policy-nodejs"],
  ];
  for (const [dir, file] of plugins) {
    mkdirSync(join(home, "plugins", dir), { recursive: true });
    symlinkSync(join(bin, file), join(home, "plugins", dir, file));
  }
  mkdirSync(ownBin);
  for (const file of ["pulumi", "pulumi-language-yaml"]) symlinkSync(join(bin, file), join(ownBin, file));
  return ownBin;
}

/** A temporary home for the backend, stacks and rendered manifests; dispose() removes it. */
export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), "container-hardening-engine-"));
  readonly env: NodeJS.ProcessEnv;
  private runs = 0;

  constructor(bin = engineBin()) {
    mkdirSync(join(this.dir, "backend"));
    const home = join(this.dir, "pulumi-home");
    this.env = {
      ...process.env,
      PATH: `${installPlugins(bin, home, join(this.dir, "bin"))}${delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: home,
      PULUMI_BACKEND_URL: `file://${join(this.dir, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "container-hardening-demo",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      NO_COLOR: "1",
      // --event-log, which the runs read policy violations from, exists only with debug commands on
      // (pkg/cmd/pulumi/operations/preview.go).
      PULUMI_DEBUG_COMMANDS: "true",
    };
  }

  /** Copies examples/<example> here and creates a stack of it (names are unique per workspace). */
  stack(example: string, name: string, config: Record<string, string> = {}): Stack {
    const examples = join(REPO_ROOT, "examples");
    const source = join(examples, example);
    // One folder per stack, so that stacks of different examples may share a name.
    const home = join(this.dir, `${example}.${name}`);
    const dir = join(home, example);
    mkdirSync(dir, { recursive: true });
    for (const other of readdirSync(examples)) {
      if (other !== example) symlinkSync(join(examples, other), join(home, other));
    }
    for (const file of readdirSync(source)) {
      // Stack files (Pulumi.<stack>.yaml) a user may have left are not ours to take.
      if (file !== "node_modules" && !/^Pulumi\..+\.yaml$/.test(file)) copyFileSync(join(source, file), join(dir, file));
    }
    const renderDirectory = join(dir, "rendered");
    const stack = new Stack(this, dir, name, renderDirectory);
    this.pulumiSync(dir, ["stack", "init", name]);
    for (const [key, value] of Object.entries({ renderDirectory, ...config })) this.pulumiSync(dir, ["config", "set", "--stack", name, key, value]);
    return stack;
  }

  pulumiSync(cwd: string, args: string[]): string {
    return execFileSync("pulumi", [...args, "--non-interactive"], { cwd, env: this.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  /** Runs pulumi to completion, with its engine events read from --event-log. */
  run(cwd: string, args: string[]): Promise<RunResult> {
    const eventLog = join(this.dir, `events-${++this.runs}.jsonl`);
    const started = process.hrtime.bigint();
    return new Promise((done, fail) => {
      const child = spawn("pulumi", [...args, "--non-interactive", "--event-log", eventLog], { cwd, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("error", fail);
      child.on("close", (code) => {
        const events = existsSync(eventLog)
          ? readFileSync(eventLog, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as EngineEvent)
          : [];
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        done({ code: code ?? -1, output, events, violations: violationsOf(events), seconds });
      });
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A stack of a copied example. */
export class Stack {
  constructor(
    readonly workspace: Workspace,
    readonly dir: string,
    readonly name: string,
    /** Where `up` writes the manifests (the provider's renderYamlToDirectory). */
    readonly renderDirectory: string,
  ) {}

  /** `pulumi preview` under the pack (or without any pack, for comparison). */
  preview(args: string[] = [], withPack = true): Promise<RunResult> {
    return this.workspace.run(this.dir, ["preview", "--stack", this.name, ...(withPack ? ["--policy-pack", REPO_ROOT] : []), ...args]);
  }

  /** `pulumi up --yes`; `up` runs its own preview first, as users run it. */
  up(args: string[] = []): Promise<RunResult> {
    return this.workspace.run(this.dir, ["up", "--yes", "--stack", this.name, "--policy-pack", REPO_ROOT, ...args]);
  }

  /** The rendered manifest files, relative to renderDirectory. */
  rendered(): string[] {
    if (!existsSync(this.renderDirectory)) return [];
    return readdirSync(this.renderDirectory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(this.renderDirectory.length + 1))
      .sort();
  }
}
