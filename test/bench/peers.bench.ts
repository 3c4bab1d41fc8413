/**
 * The checker side by side with the peers that install from the registries here, on the same corpus
 * in one run: 5,000 Deployments shaped like rendered Helm charts (500 files of ten documents, as
 * `helm template` writes them) and one small file of one Deployment, timed with start-up. The bench
 * installs the peers itself, once, outside the repository (CONTAINER_HARDENING_PEERS, by default
 * ~/.cache/container-hardening/peers): kube-score and Trivy with `go install`, Checkov with pip in a
 * virtual environment. A peer that cannot be installed is left out with a note, never a failure.
 *
 * Rows give documents per second (wall clock, the time a person waits) with the checker as the
 * baseline: a ratio above 1 means the peer is faster. The CPU time of each run is in the notes,
 * since the Go peers use both cores and wall time on a shared machine also measures the neighbours.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { BenchReport, BenchRow } from "./run";
import { chartLikeDeployments } from "./workloads";

const DOCUMENTS = 5000;
const PER_FILE = 10;
const SMALL_ROUNDS = 3;

const peersDir = process.env.CONTAINER_HARDENING_PEERS ?? join(homedir(), ".cache", "container-hardening", "peers");
const cli = join(__dirname, "..", "..", "checker", "cli.js");

interface Tool {
  name: string;
  /** The command that judges the corpus in `dir` (some tools take the directory, others its files). */
  command: (dir: string, files: string[]) => string[];
}

/** A peer: how to install it into peersDir, and how to run it once installed. */
interface Peer {
  name: string;
  install: () => string;
  command: (binary: string, dir: string, files: string[]) => string[];
}

function goInstall(module: string, version: string, binary: string, env: Record<string, string> = {}): string {
  const path = join(peersDir, `${binary}-${version}`, binary);
  if (!existsSync(path)) {
    console.error(`bench: go install ${module}@${version} into ${peersDir} (once)`);
    execFileSync("go", ["install", `${module}@${version}`], { env: { ...process.env, ...env, GOBIN: join(peersDir, `${binary}-${version}`) }, stdio: ["ignore", "inherit", "inherit"] });
  }
  return path;
}

function pipInstall(name: string, version: string): string {
  const venv = join(peersDir, `${name}-${version}`);
  const path = join(venv, "bin", name);
  if (!existsSync(path)) {
    console.error(`bench: pip install ${name}==${version} into ${venv} (once)`);
    execFileSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
    execFileSync(join(venv, "bin", "pip"), ["install", "--quiet", `${name}==${version}`], { stdio: ["ignore", "inherit", "inherit"] });
  }
  return path;
}

const PEERS: Peer[] = [
  {
    name: "kube-score 1.20.0",
    install: () => goInstall("github.com/zegl/kube-score/cmd/kube-score", "v1.20.0", "kube-score"),
    command: (binary, _dir, files) => [binary, "score", "--output-format", "ci", ...files],
  },
  {
    name: "Trivy 0.74.0",
    // Trivy's go.mod needs the encoding/json/v2 experiment of Go 1.26.
    install: () => goInstall("github.com/aquasecurity/trivy/cmd/trivy", "v0.74.0", "trivy", { GOEXPERIMENT: "jsonv2" }),
    command: (binary, dir) => [binary, "config", "--quiet", "--skip-check-update", "--cache-dir", join(peersDir, "trivy-cache"), dir],
  },
  {
    name: "Checkov 3.3.30",
    install: () => pipInstall("checkov", "3.3.30"),
    command: (binary, dir) => [binary, "--directory", dir, "--framework", "kubernetes", "--quiet", "--compact", "--skip-download"],
  },
];

/** CPU seconds of this process's waited-for children so far (utime + stime of /proc/self/stat, in ticks of 1/100 s). */
function childrenCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** One run of a tool: exit 0 (nothing found) or 1 (findings) and some output, or it throws. */
function timeRun(tool: Tool, dir: string, files: string[]): Timing {
  const [program, ...args] = tool.command(dir, files);
  const cpuBefore = childrenCpuSeconds();
  const start = performance.now();
  const run = spawnSync(program!, args, { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
  const wall = (performance.now() - start) / 1000;
  const cpu = childrenCpuSeconds() - cpuBefore;
  if (run.error || (run.status !== 0 && run.status !== 1) || run.stdout.trim() === "") {
    throw new Error(`${tool.name} exited ${run.status}: ${(run.error?.message ?? run.stderr).trim().slice(0, 500)}`);
  }
  return { wall, cpu };
}

function writeCorpus(dir: string): { large: string[]; small: string[] } {
  const documents = chartLikeDeployments(DOCUMENTS).map((resource) => stringify(resource.props));
  mkdirSync(join(dir, "large"));
  mkdirSync(join(dir, "small"));
  const large: string[] = [];
  for (let i = 0; i < documents.length; i += PER_FILE) {
    const file = join(dir, "large", `chart-${String(i / PER_FILE).padStart(3, "0")}.yaml`);
    writeFileSync(file, `---\n${documents.slice(i, i + PER_FILE).join("---\n")}`);
    large.push(file);
  }
  const small = join(dir, "small", "deployment.yaml");
  writeFileSync(small, documents[0]!);
  return { large, small: [small] };
}

export async function run(): Promise<BenchReport> {
  const notes: string[] = [
    "kube-linter (golang.stackrox.io/kube-linter) and Polaris (github.com/fairwindsops/polaris) are refused by the Go module proxy here at every version, so they are not in this table.",
  ];
  const tools: Tool[] = [{ name: "container-hardening check", command: (dir) => [process.execPath, cli, "check", dir] }];
  for (const peer of PEERS) {
    try {
      const binary = peer.install();
      tools.push({ name: peer.name, command: (dir, files) => peer.command(binary, dir, files) });
    } catch (error) {
      notes.push(`${peer.name} could not be installed, so it is left out: ${(error as Error).message.split("\n")[0]}`);
    }
  }

  const work = mkdtempSync(join(tmpdir(), "container-hardening-peers-"));
  try {
    const corpus = writeCorpus(work);
    const large = new Map<string, Timing>();
    const small = new Map<string, Timing>();
    for (const tool of tools) {
      try {
        large.set(tool.name, timeRun(tool, join(work, "large"), corpus.large));
        const rounds = Array.from({ length: SMALL_ROUNDS }, () => timeRun(tool, join(work, "small"), corpus.small));
        small.set(tool.name, rounds.reduce((best, round) => (round.wall < best.wall ? round : best)));
      } catch (error) {
        notes.push(`${tool.name} failed on the corpus, so it is left out: ${(error as Error).message}`);
      }
    }
    const checker = tools[0]!.name;
    const ours = { large: large.get(checker)!, small: small.get(checker)! };
    const rows: BenchRow[] = [];
    for (const [name, timing] of large) {
      const value = DOCUMENTS / timing.wall;
      const baseline = DOCUMENTS / ours.large.wall;
      rows.push({ metric: `${name}: ${DOCUMENTS} Deployments`, value, unit: "documents/s", baseline, ratio: value / baseline });
      notes.push(`${name}: ${DOCUMENTS} Deployments in ${timing.wall.toFixed(2)} s wall, ${timing.cpu.toFixed(2)} s CPU (${(DOCUMENTS / timing.cpu).toFixed(0)} documents per CPU-second).`);
    }
    for (const [name, timing] of small) {
      rows.push({ metric: `${name}: one small file, with start-up`, value: timing.wall * 1000, unit: "ms", baseline: ours.small.wall * 1000, ratio: timing.wall / ours.small.wall });
    }
    notes.push("Ratios: documents/s of the peer over the checker's (above 1: the peer is faster); for the small file, the peer's time over the checker's (below 1: the peer is faster).");
    return { name: "The checker against its peers (same corpus, one run)", rows, notes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
