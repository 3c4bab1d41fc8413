/**
 * A private Docker daemon for one test run: scripts/setup-docker.sh installs Debian's docker.io when
 * dockerd is missing, then dockerd starts as root with everything of its own in a temporary
 * directory (socket, data-root, exec-root, pidfile, daemon.json), no registry, no iptables and no
 * bridge network, and the OCI-spec recorder (test/docker/record-oci-spec.sh) as its runtime. It is
 * reached through the Engine API over its unix socket. Test images are imported from a rootfs
 * tarball made here from Debian's static busybox (no registry is reachable).
 *
 * Stopping ends what this run started, by pid: the containers (through the API), dockerd, the
 * containerd it started and any shim left behind; then it unmounts what is still mounted under the
 * directory (a container on the host network leaves `<exec-root>/netns/default` mounted after dockerd
 * stops) and removes it. The same teardown runs on process exit and on SIGINT/SIGTERM if the test
 * did not stop the daemon, and, at the next start, for a directory whose owning process is gone.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");
const DIRECTORY_PREFIX = "container-hardening-dockerd-";
/** The Engine API version of Debian's docker.io 20.10. */
export const API_VERSION = "v1.41";

/** Test images: busybox, with users the generated configurations name, and with or without a USER. */
export const IMAGES = {
  /** No USER: the image runs as root, as most images do. */
  root: "container-hardening-probe:root",
  /** USER 65532:65532, as distroless and Chainguard images. */
  nonRoot: "container-hardening-probe:nonroot",
} as const;

/** The users and groups of the test images' /etc/passwd and /etc/group. */
export const IMAGE_USERS = { root: [0, 0], app: [10001, 10001], low: [1000, 1000], nobody: [65534, 65534] } as const;
export const IMAGE_GROUPS = { root: 0, wheel: 10, low: 1000, app: 10001, nogroup: 65534 } as const;
const APPLETS = ["sh", "cat", "id", "touch", "ls", "readlink", "grep", "sleep", "head", "mkdir", "rm", "stat", "echo", "test", "true", "tr", "unshare"];

export interface ApiResponse {
  status: number;
  body: Buffer;
}

export class EngineApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly daemonMessage: string,
  ) {
    super(`${method} ${path}: ${status} ${daemonMessage}`);
  }
}

function sleepSync(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/** Whether the process runs: an exited child this process has not reaped yet (a zombie) does not. */
export function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function pidIn(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; returns once the process is gone. */
function stopProcess(pid: number | undefined, graceMs: number): void {
  if (!alive(pid)) return;
  process.kill(pid!, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) sleepSync(50);
  if (alive(pid)) process.kill(pid!, "SIGKILL");
  while (alive(pid)) sleepSync(20);
}

/** Processes whose command line names `directory` (containerd shims of this daemon), by pid. */
function processesUsing(directory: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(directory)) pids.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

/** Mount points at or below `directory`, deepest first. */
function mountsUnder(directory: string): string[] {
  const points = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter((point): point is string => point !== undefined && (point === directory || point.startsWith(`${directory}/`)));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Stops whatever a daemon directory's processes are, unmounts what is mounted under it, removes it. */
function teardown(directory: string): void {
  stopProcess(pidIn(join(directory, "dockerd.pid")), 20_000);
  // The tini dockerd runs under (it also ends when dockerd did; this covers a start that failed early).
  stopProcess(pidIn(join(directory, "spawned.pid")), 20_000);
  stopProcess(pidIn(join(directory, "exec", "containerd", "containerd.pid")), 10_000);
  for (const pid of processesUsing(directory)) stopProcess(pid, 2_000);
  for (const point of mountsUnder(directory)) {
    try {
      execFileSync("umount", [point], { stdio: "ignore" });
    } catch {
      execFileSync("umount", ["-l", point], { stdio: "ignore" });
    }
  }
  rmSync(directory, { recursive: true, force: true });
}

/** Tears down daemon directories left by runs whose process is gone (killed before it could stop them). */
function sweepAbandoned(): void {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(DIRECTORY_PREFIX)) continue;
    const directory = join(tmpdir(), entry);
    if (!alive(pidIn(join(directory, "owner.pid")))) teardown(directory);
  }
}

/** The rootfs tarball of the test images: a static busybox, its applets, users and groups. */
function rootfsTarball(directory: string): Buffer {
  const rootfs = join(directory, "rootfs");
  for (const sub of ["bin", "etc", "tmp", "data", "home/app"]) mkdirSync(join(rootfs, sub), { recursive: true });
  copyFileSync("/bin/busybox", join(rootfs, "bin", "busybox"));
  chmodSync(join(rootfs, "bin", "busybox"), 0o755);
  for (const applet of APPLETS) symlinkSync("busybox", join(rootfs, "bin", applet));
  chmodSync(join(rootfs, "tmp"), 0o1777);
  const passwd = Object.entries(IMAGE_USERS).map(([name, [uid, gid]]) => `${name}:x:${uid}:${gid}::/${name === "app" ? "home/app" : ""}:/bin/sh`);
  const group = Object.entries(IMAGE_GROUPS).map(([name, gid]) => `${name}:x:${gid}:${name === "wheel" ? "app" : ""}`);
  writeFileSync(join(rootfs, "etc", "passwd"), passwd.join("\n") + "\n");
  writeFileSync(join(rootfs, "etc", "group"), group.join("\n") + "\n");
  return execFileSync("tar", ["--numeric-owner", "--owner=0", "--group=0", "-C", rootfs, "-cf", "-", "."], { maxBuffer: 64 * 1024 * 1024 });
}

export interface DaemonTimings {
  /** Seconds spent in scripts/setup-docker.sh (an install on a machine without dockerd). */
  setup: number;
  /** Seconds from spawning dockerd to its first answer on /_ping. */
  start: number;
  /** Seconds to import the test images. */
  images: number;
}

export class DockerDaemon {
  readonly socket: string;
  private readonly agent: Agent;
  private stopped = false;
  private readonly onExit = () => this.teardownNow();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.teardownNow();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };

  private constructor(
    readonly directory: string,
    private readonly child: ChildProcess,
    readonly timings: DaemonTimings,
  ) {
    this.socket = join(directory, "docker.sock");
    this.agent = new Agent({ keepAlive: true, maxSockets: 16 });
    process.on("exit", this.onExit);
    process.once("SIGINT", this.onSignal);
    process.once("SIGTERM", this.onSignal);
  }

  /** Installs Docker if needed, starts a private daemon and imports the test images. */
  static async start(): Promise<DockerDaemon> {
    let started = process.hrtime.bigint();
    const seconds = () => {
      const now = process.hrtime.bigint();
      const elapsed = Number(now - started) / 1e9;
      started = now;
      return elapsed;
    };
    const bin = execFileSync(join(root, "scripts", "setup-docker.sh"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    const setup = seconds();
    sweepAbandoned();
    const directory = mkdtempSync(join(tmpdir(), DIRECTORY_PREFIX));
    writeFileSync(join(directory, "owner.pid"), `${process.pid}\n`);
    const specs = join(directory, "specs");
    mkdirSync(specs);
    writeFileSync(join(directory, "daemon.json"), "{}\n");
    // A copy with the exec bit, whatever the checkout kept of the file's mode.
    const recorder = join(directory, "record-oci-spec.sh");
    copyFileSync(join(root, "test", "docker", "record-oci-spec.sh"), recorder);
    chmodSync(recorder, 0o755);
    const log = openSync(join(directory, "dockerd.log"), "a");
    const args = [
      "--host", `unix://${join(directory, "docker.sock")}`,
      "--config-file", join(directory, "daemon.json"),
      "--data-root", join(directory, "data"),
      "--exec-root", join(directory, "exec"),
      "--pidfile", join(directory, "dockerd.pid"),
      "--storage-driver", "vfs",
      "--iptables=false", "--ip6tables=false", "--bridge=none",
      // As on a cgroup v2 host (what current distributions run): a container gets a cgroup namespace
      // of its own unless it asks for the host's. This machine is cgroup v1, whose default is "host".
      "--default-cgroupns-mode", "private",
      "--add-runtime", `recording-runc=${recorder}`,
      "--default-runtime", "recording-runc",
      "--log-level", "warn",
    ];
    // Under tini as a subreaper (Debian's tini comes with docker.io): the containerd shims detach from
    // containerd, and a PID 1 that does not reap (as in this sandbox) would keep them as zombies.
    const child = spawn("tini", ["-s", "--", join(bin, "dockerd"), ...args], { stdio: ["ignore", log, log], env: { ...process.env, CONTAINER_HARDENING_SPEC_DIR: specs } });
    closeSync(log);
    child.unref();
    writeFileSync(join(directory, "spawned.pid"), `${child.pid}\n`);
    const daemon = new DockerDaemon(directory, child, { setup, start: 0, images: 0 });
    try {
      await daemon.waitUntilReady(child);
      daemon.timings.start = seconds();
      const tarball = rootfsTarball(directory);
      await daemon.importImage(tarball, IMAGES.root, []);
      await daemon.importImage(tarball, IMAGES.nonRoot, ["USER 65532:65532"]);
      daemon.timings.images = seconds();
    } catch (error) {
      daemon.teardownNow();
      throw error;
    }
    return daemon;
  }

  /** dockerd's pid (from its pidfile; the spawned process is tini). */
  get pid(): number {
    return pidIn(join(this.directory, "dockerd.pid"))!;
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      try {
        if ((await this.request("GET", "/_ping")).status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const log = existsSync(join(this.directory, "dockerd.log")) ? readFileSync(join(this.directory, "dockerd.log"), "utf8") : "";
    throw new Error(`dockerd did not answer on ${this.socket} (exit ${child.exitCode}):\n${log.slice(-4000)}`);
  }

  /** One Engine API call; `body` is sent as JSON unless it is a Buffer. */
  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const contentType = Buffer.isBuffer(body) ? "application/x-tar" : "application/json";
    return new Promise((resolve, reject) => {
      const call = request(
        {
          socketPath: this.socket,
          agent: this.agent,
          method,
          path: path === "/_ping" ? path : `/${API_VERSION}${path}`,
          headers: payload ? { "Content-Type": contentType, "Content-Length": payload.length, ...headers } : headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
          response.on("error", reject);
        },
      );
      call.on("error", reject);
      call.end(payload);
    });
  }

  /** A call whose JSON answer is returned; an error status throws EngineApiError with the daemon's message. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body);
    const text = response.body.toString("utf8");
    if (response.status >= 400) {
      let message = text.trim();
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // Not JSON: keep the text.
      }
      throw new EngineApiError(response.status, method, path, message);
    }
    return (text.trim() === "" ? undefined : JSON.parse(text)) as T;
  }

  private async importImage(tarball: Buffer, reference: string, changes: string[]): Promise<void> {
    const [repo, tag] = reference.split(":") as [string, string];
    const query = new URLSearchParams({ fromSrc: "-", repo, tag });
    for (const change of changes) query.append("changes", change);
    const response = await this.request("POST", `/images/create?${query}`, tarball);
    const text = response.body.toString("utf8");
    if (response.status !== 200 || text.includes('"error"')) throw new Error(`importing ${reference} failed: ${response.status} ${text}`);
  }

  /** The OCI spec the daemon handed to runc for a container, if it got that far. */
  ociSpec(containerId: string): unknown {
    const file = join(this.directory, "specs", `${containerId}.json`);
    if (!existsSync(file)) return undefined;
    const spec: unknown = JSON.parse(readFileSync(file, "utf8"));
    rmSync(file);
    return spec;
  }

  /** The namespace links (`net:[4026531833]`) of the daemon's own process: the host's. */
  hostNamespaces(): Record<string, string> {
    return Object.fromEntries(["net", "pid", "ipc", "uts", "cgroup", "user"].map((name) => [name, execFileSync("readlink", [`/proc/${this.pid}/ns/${name}`], { encoding: "utf8" }).trim()]));
  }

  /** DOCKER_HOST for the docker CLI. */
  get host(): string {
    return `unix://${this.socket}`;
  }

  /** Removes every container, then stops everything this daemon started and removes its directory. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    try {
      const containers = await this.json<Array<{ Id: string }>>("GET", "/containers/json?all=1");
      await Promise.all(containers.map((c) => this.request("DELETE", `/containers/${c.Id}?force=1&v=1`)));
    } catch {
      // The daemon is gone already: the teardown still stops what is left.
    }
    // Stopped here rather than in the synchronous teardown, so that its exit is reaped (no zombie).
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }
    this.teardownNow();
  }

  private teardownNow(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.agent.destroy();
    process.off("exit", this.onExit);
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
    teardown(this.directory);
  }
}
