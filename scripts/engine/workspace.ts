/**
 * Runs the example stacks under the real Pulumi CLI, for the demo, the end-to-end tests and the
 * bench: the engine from scripts/setup-engine.sh, a local file backend in a temporary directory, no
 * update check, no plugin downloads. A stack deploys either to a cluster — the private API server of
 * scripts/engine/cluster.ts — or, with no cluster, renders its manifests to a directory.
 *
 * The examples are Pulumi TypeScript programs. They run as the Automation API's inline programs: the
 * CLI (`pulumi preview --client=<address>`) talks to a language host that the Automation API serves
 * from this process, instead of starting `pulumi-language-nodejs`, which the Go module proxy does not
 * serve. Everything else — the engine, the provider, the policy pack and its analyzer protocol — is
 * what `pulumi preview` runs for any user.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { REPO_ROOT } from "./paths";
import { LocalWorkspace, PulumiCommand, type EngineEvent, type PulumiFn, type Stack as AutomationStack } from "@pulumi/pulumi/automation";
import type { Cluster } from "./cluster";

export { REPO_ROOT };

let engine: string | undefined;

/** The directory holding pulumi and its plugins, set up (built or found cached) on first use. */
export function engineBin(): string {
  engine ??= execFileSync("bash", [join(REPO_ROOT, "scripts", "setup-engine.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return engine;
}

export interface PolicyViolation {
  policy: string;
  /** "mandatory" or "warning" (the engine's name for advisory), as the engine reports them. */
  level: string;
  /** The resource's name (last URN segment), or "" for a stack-level violation. */
  resource: string;
  type: string;
  message: string;
}

export interface RunResult {
  /** The CLI's exit code. */
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

/** setup-engine.sh's CLI directory, pulumi-<version>_kubernetes-<version>/bin, beside its plugins/. */
const BUILT_ENGINE = /pulumi-(v[^_/]+)_kubernetes-([^_/]+)\/bin$/;

/**
 * Puts the engine's provider and policy analyzer into the plugin cache of `home` (as `pulumi plugin
 * install` would), since the CLI prints "using <plugin> from $PATH" on every run for plugins it
 * finds on PATH. A pulumi found on PATH (not built by setup-engine.sh) is used with its plugins as
 * they are.
 */
function installPlugins(bin: string, home: string): void {
  const versions = BUILT_ENGINE.exec(bin);
  if (!versions) return;
  const [, pulumiVersion, kubernetesVersion] = versions;
  const plugins: Array<[string, string]> = [
    [`resource-kubernetes-v${kubernetesVersion}`, "pulumi-resource-kubernetes"],
    [`analyzer-policy-nodejs-${pulumiVersion}`, "pulumi-analyzer-policy-nodejs"],
  ];
  for (const [dir, file] of plugins) {
    mkdirSync(join(home, "plugins", dir), { recursive: true });
    symlinkSync(join(bin, "..", "plugins", file), join(home, "plugins", dir, file));
  }
}

/** The program of examples/<example>/index.ts, compiled: a module exporting the program function. */
function exampleProgram(example: string): PulumiFn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(REPO_ROOT, "dist", "examples", example, "index.js")) as PulumiFn;
}

/**
 * Where a stack's `up` goes (examples/shared/kubernetes.ts): a cluster — ours have no nodes, so the
 * stack runs with `skipAwait` — or, with "render", manifests in the stack's directory.
 */
export type Target = { cluster: Pick<Cluster, "kubeconfig"> } | "render";

/** A temporary home for the backend, stacks and rendered manifests; dispose() removes it. */
export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), "container-hardening-engine-"));
  private readonly home = join(this.dir, "pulumi-home");
  private readonly command: Promise<PulumiCommand>;

  constructor(bin = engineBin()) {
    mkdirSync(join(this.dir, "backend"));
    installPlugins(bin, this.home);
    // PulumiCommand runs <root>/bin/pulumi; setup-engine.sh's directory is such a bin.
    this.command = PulumiCommand.get({ root: resolve(bin, "..") });
  }

  /** The environment of every CLI run: this workspace's backend and plugins, nothing from the network. */
  get env(): Record<string, string> {
    return {
      PULUMI_HOME: this.home,
      PULUMI_BACKEND_URL: `file://${join(this.dir, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "container-hardening-demo",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      NO_COLOR: "1",
    };
  }

  /** A new stack of examples/<example> (names are unique per workspace) deploying to `target`. */
  async stack(example: string, name: string, target: Target): Promise<Stack> {
    const workDir = join(this.dir, `${example}.${name}`);
    mkdirSync(workDir, { recursive: true });
    const stack = await LocalWorkspace.createStack(
      { stackName: name, projectName: example, program: exampleProgram(example) },
      { workDir, pulumiHome: this.home, envVars: this.env, pulumiCommand: await this.command, projectSettings: { name: example, runtime: "nodejs" } },
    );
    const renderDirectory = join(workDir, "rendered");
    if (target === "render") {
      await stack.setConfig("renderDirectory", { value: renderDirectory });
    } else {
      await stack.setConfig("kubeconfig", { value: target.cluster.kubeconfig });
      await stack.setConfig("skipAwait", { value: "true" });
    }
    return new Stack(stack, renderDirectory);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface RunOptions {
  /** A `--policy-pack-config` file. */
  policyPackConfig?: string;
  /** false: run without the pack, for comparison. */
  withPack?: boolean;
}

/** A stack of an example program. */
export class Stack {
  constructor(
    private readonly stack: AutomationStack,
    /** Where `up` writes the manifests when the target is "render" (the provider's renderYamlToDirectory). */
    readonly renderDirectory: string,
  ) {}

  /** `pulumi preview` under the pack (or without any pack, for comparison). */
  preview(options: RunOptions = {}): Promise<RunResult> {
    return this.run((common) => this.stack.preview(common), options);
  }

  /**
   * `pulumi up --yes --skip-preview`, which is what the Automation API runs (automation/stack.js):
   * without a preview first, the pack analyzes each resource as the engine is about to create it,
   * so a refused resource is never created, but resources that pass before it are.
   */
  up(options: RunOptions = {}): Promise<RunResult> {
    return this.run((common) => this.stack.up(common), options);
  }

  /** `pulumi destroy --yes`: no policy pack takes part (the CLI offers none for destroy). */
  destroy(): Promise<RunResult> {
    return this.run((common) => this.stack.destroy(common), { withPack: false });
  }

  private async run(operation: (options: object) => Promise<unknown>, { policyPackConfig, withPack = true }: RunOptions): Promise<RunResult> {
    const events: EngineEvent[] = [];
    let output = "";
    const started = process.hrtime.bigint();
    let code = 0;
    try {
      await operation({
        ...(withPack ? { policyPacks: [REPO_ROOT] } : {}),
        ...(policyPackConfig ? { policyPackConfigs: [policyPackConfig] } : {}),
        color: "never",
        onOutput: (text: string) => (output += text),
        onEvent: (event: EngineEvent) => events.push(event),
      });
    } catch (error) {
      // A CommandError carries the CLI's exit code and stderr; anything else is a failure of ours.
      const result = (error as { commandResult?: { code: number; stderr: string } }).commandResult;
      if (!result) throw error;
      code = result.code || 1;
      output += result.stderr;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { code, output, events, violations: violationsOf(events), seconds };
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
