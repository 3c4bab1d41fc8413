/**
 * A private Kubernetes API server on loopback, for the end-to-end tests and the demo: etcd and
 * kube-apiserver (v1.37.2, built by scripts/build-kube.sh) on free ports of 127.0.0.1, in a
 * temporary directory that holds their data, keys, logs and a kubeconfig, and that stop() removes.
 *
 * What it is: the real API server — decoding, defaulting, validation, admission (Pod Security
 * Admission, ValidatingAdmissionPolicy), storage in etcd, server-side apply and dry-run.
 * What is missing: no scheduler, no controller manager and no kubelet. So Pods are stored but stay
 * Pending, controllers (Deployment, DaemonSet, CronJob, …) never create ReplicaSets, Jobs or Pods,
 * and nothing becomes ready; there is no garbage collector (a foreground deletion never finishes)
 * and no namespace controller (a deleted namespace stays Terminating); no `default` ServiceAccount
 * is created (the ServiceAccount admission plugin is off, since it would refuse every Pod for lack
 * of one). Pod Security Admission enforces on Pods only and only warns for controllers, which
 * here never create the Pods it would refuse.
 *
 * Credentials: kube-apiserver writes its own self-signed serving certificate and CA into
 * `--cert-dir` (for 127.0.0.1, localhost and kubernetes.default…), which the kubeconfig and the
 * client below trust as the certificate authority; clients authenticate with a random bearer
 * token from a static token file, as a member of system:masters; the service-account signing key
 * is an RSA key made with Node's crypto. So no openssl and no certificate code of our own.
 *
 * Both processes are stopped by pid: by stop(), and — should the test fail hard, throw, or the
 * process be interrupted — by handlers on the process's exit and on SIGINT, SIGTERM and SIGHUP,
 * which kill them and remove the directory.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

let kube: string | undefined;

/** The directory holding etcd, kube-apiserver and kubectl, built (or found cached) on first use. */
export function kubeBin(): string {
  kube ??= execFileSync("bash", [join(REPO_ROOT, "scripts", "build-kube.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return kube;
}

export interface ApiResponse {
  status: number;
  body: string;
  /** The texts of the response's `Warning` headers (Pod Security warnings among them). */
  warnings: string[];
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface StartOptions {
  /** The directory holding the binaries (default: kubeBin()). */
  bin?: string;
  /** How long kube-apiserver may take to answer /readyz. Default 60 s (it takes about 5). */
  readyTimeoutMs?: number;
}

/** A free TCP port on 127.0.0.1, as the kernel hands out for port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** `299 - "text"` (RFC 7234 warn-text, as the API server writes it) → text. */
function warningText(header: string): string {
  const quoted = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(header);
  return quoted ? quoted[1].replace(/\\(.)/g, "$1") : header;
}

const running = new Set<Cluster>();
let guarded = false;

/**
 * Last resort when the process ends without stop() — a test that throws past its hooks, an
 * interrupt: kill every running cluster's processes by pid and remove their directories.
 */
function guardProcessEnd(): void {
  if (guarded) return;
  guarded = true;
  const killAllNow = () => {
    for (const cluster of running) cluster.killNow();
  };
  process.on("exit", killAllNow);
  for (const [signal, number] of [["SIGINT", 2], ["SIGTERM", 15], ["SIGHUP", 1]] as const) {
    process.on(signal, () => {
      killAllNow();
      process.exit(128 + number);
    });
  }
}

export class Cluster {
  /** The API server's URL, https://127.0.0.1:<port>. */
  readonly server: string;
  /** A kubeconfig file for this cluster (its CA, the admin token). */
  readonly kubeconfig: string;
  private readonly agent: Agent;
  private caCertificate: Buffer | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    /** The temporary directory: data, keys, logs, kubeconfig. */
    readonly dir: string,
    private readonly bin: string,
    port: number,
    private readonly token: string,
    private readonly processes: ChildProcess[],
  ) {
    this.server = `https://127.0.0.1:${port}`;
    this.kubeconfig = join(dir, "kubeconfig");
    // Keep-alive and a bounded pool: the differential test sends thousands of requests.
    this.agent = new Agent({ keepAlive: true, maxSockets: 16 });
  }

  /** Starts etcd and kube-apiserver and resolves once /readyz answers ok. */
  static async start(options: StartOptions = {}): Promise<Cluster> {
    const bin = options.bin ?? kubeBin();
    const dir = mkdtempSync(join(tmpdir(), "container-hardening-cluster-"));
    const processes: ChildProcess[] = [];
    const token = randomBytes(24).toString("hex");
    const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
    const cluster = new Cluster(dir, bin, apiPort, token, processes);
    guardProcessEnd();
    running.add(cluster);
    try {
      processes.push(spawnLogged(join(bin, "etcd"), join(dir, "etcd.log"), [
        "--name", "loopback",
        "--data-dir", join(dir, "etcd"),
        "--listen-client-urls", `http://127.0.0.1:${etcdClient}`,
        "--advertise-client-urls", `http://127.0.0.1:${etcdClient}`,
        "--listen-peer-urls", `http://127.0.0.1:${etcdPeer}`,
        "--initial-advertise-peer-urls", `http://127.0.0.1:${etcdPeer}`,
        "--initial-cluster", `loopback=http://127.0.0.1:${etcdPeer}`,
        // A throwaway store: no fsync per write.
        "--unsafe-no-fsync",
        "--log-level", "warn",
      ]));

      const { privateKey, publicKey } = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs8", format: "pem" },
        publicKeyEncoding: { type: "spki", format: "pem" },
      });
      writeFileSync(join(dir, "service-account.key"), privateKey, { mode: 0o600 });
      writeFileSync(join(dir, "service-account.pub"), publicKey);
      writeFileSync(join(dir, "tokens.csv"), `${token},admin,admin,system:masters\n`, { mode: 0o600 });
      processes.push(spawnLogged(join(bin, "kube-apiserver"), join(dir, "kube-apiserver.log"), [
        `--etcd-servers=http://127.0.0.1:${etcdClient}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        `--secure-port=${apiPort}`,
        `--cert-dir=${join(dir, "pki")}`,
        `--token-auth-file=${join(dir, "tokens.csv")}`,
        "--anonymous-auth=false",
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc",
        `--service-account-key-file=${join(dir, "service-account.pub")}`,
        `--service-account-signing-key-file=${join(dir, "service-account.key")}`,
        "--service-cluster-ip-range=10.0.0.0/24",
        // 127.0.0.1 is not an address the endpoint reconciler may publish: it would exit.
        "--endpoint-reconciler-type=none",
        // No controller manager creates `default` ServiceAccounts, so this plugin would refuse every Pod.
        "--disable-admission-plugins=ServiceAccount",
        // Otherwise validation refuses privileged containers before Pod Security Admission sees them.
        "--allow-privileged=true",
      ]));
      await cluster.waitReady(options.readyTimeoutMs ?? 60_000);
      writeFileSync(cluster.kubeconfig, cluster.kubeconfigText(), { mode: 0o600 });
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  private get ca(): string {
    return join(this.dir, "pki", "apiserver.crt");
  }

  private kubeconfigText(): string {
    return [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `- name: loopback\n  cluster:\n    server: ${this.server}\n    certificate-authority: ${this.ca}`,
      "users:",
      `- name: admin\n  user:\n    token: ${this.token}`,
      "contexts:",
      "- name: loopback\n  context:\n    cluster: loopback\n    user: admin",
      "current-context: loopback",
      "",
    ].join("\n");
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "not started";
    while (Date.now() < deadline) {
      const exited = this.processes.find((child) => child.exitCode !== null || child.signalCode !== null);
      if (exited) throw new Error(`${exited.spawnfile} exited (${exited.exitCode ?? exited.signalCode}) before the API server was ready:\n${this.logTail()}`);
      if (existsSync(this.ca)) {
        try {
          // Read afresh until ready: the server may still be writing it.
          this.caCertificate = readFileSync(this.ca);
          const response = await this.request("GET", "/readyz");
          if (response.status === 200) return;
          last = `${response.status} ${response.body}`;
        } catch (error) {
          last = String(error);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`kube-apiserver was not ready after ${timeoutMs / 1000} s (${last}):\n${this.logTail()}`);
  }

  /** The last lines of both logs, for error messages. */
  logTail(lines = 20): string {
    return ["etcd.log", "kube-apiserver.log"]
      .map((name) => {
        const path = join(this.dir, name);
        const text = existsSync(path) ? readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "(no log)";
        return `--- ${name}\n${text}`;
      })
      .join("\n");
  }

  /** One API request as the admin (keep-alive); the body is sent as `contentType`. */
  request(method: string, path: string, body?: string, contentType = "application/json"): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.server}${path}`,
        {
          method,
          agent: this.agent,
          ca: (this.caCertificate ??= readFileSync(this.ca)),
          headers: {
            authorization: `Bearer ${this.token}`,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": contentType, "content-length": Buffer.byteLength(body) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const warnings: string[] = [];
            for (let i = 0; i < response.rawHeaders.length; i += 2) {
              if (response.rawHeaders[i].toLowerCase() === "warning") warnings.push(warningText(response.rawHeaders[i + 1]));
            }
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), warnings });
          });
          response.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** GET a path and parse the JSON answer; undefined when the server answers 404. */
  async get<T = Record<string, unknown>>(path: string): Promise<T | undefined> {
    const response = await this.request("GET", path);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${response.body}`);
    return JSON.parse(response.body) as T;
  }

  /** Runs this release's kubectl against the cluster. */
  kubectl(args: string[], input?: string): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(join(this.bin, "kubectl"), ["--kubeconfig", this.kubeconfig, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      if (input !== undefined) child.stdin?.end(input);
    });
  }

  /** Stops kube-apiserver, then etcd (SIGTERM, SIGKILL after 10 s), and removes the directory. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.agent.destroy();
      for (const child of [...this.processes].reverse()) await stopProcess(child);
      rmSync(this.dir, { recursive: true, force: true });
      running.delete(this);
    })();
    return this.stopping;
  }

  /** Synchronous last resort (process exit, signals): SIGKILL by pid and remove the directory. */
  killNow(): void {
    for (const child of this.processes) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
    running.delete(this);
  }
}

/** Spawns a server with its output in a log file; unref'd, so that it never keeps a finished test process alive. */
function spawnLogged(binary: string, log: string, args: string[]): ChildProcess {
  const fd = openSync(log, "a");
  try {
    const child = spawn(binary, args, { stdio: ["ignore", fd, fd] });
    child.unref();
    return child;
  } finally {
    closeSync(fd);
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
