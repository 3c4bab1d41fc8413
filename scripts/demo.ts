/**
 * `npm run demo`: the pack where users run it, in two screens.
 *
 * 1. Preview, which needs no cluster: the insecure and the secure example stacks under the pack, with
 *    the CLI's report of each, as soon as the Pulumi engine is set up.
 * 2. Live, against a private Kubernetes API server on loopback (scripts/engine/cluster.ts; no nodes,
 *    so nothing runs): `pulumi up` of the secure stack creates its namespace and workloads, read
 *    back with kubectl; `pulumi up` of the insecure stack is refused and nothing reaches the server;
 *    the insecure stack's manifests applied with kubectl, bypassing Pulumi, are refused by the
 *    server's Pod Security Admission for the Pod only; `pulumi destroy` removes the secure stack.
 * 3. Docker, against a private Docker daemon (test/helpers/docker-daemon.ts; Debian's docker.io is
 *    installed on first run): a SecureContainer with its defaults, created as the Pulumi Docker
 *    provider would create it, and the checks a person runs by hand (scripts/demo-docker.ts).
 *
 * On a fresh machine the API server is built (scripts/build-kube.sh, minutes) in the background at
 * the lowest CPU priority while the engine is set up and the previews run, so the first screen
 * comes about as soon as it did without the live part; then it goes on at the normal priority. Exits 0 only when every step behaved as
 * described.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyWithoutPulumi, BYPASS_NAMESPACE } from "./engine/bypass";
import { Cluster } from "./engine/cluster";
import { REPO_ROOT } from "./engine/paths";
import { type RunResult, Workspace } from "./engine/workspace";
import { demoSecureContainer } from "./demo-docker";

function report(title: string, command: string, result: RunResult): void {
  console.log(`\n==== ${title}\n$ ${command}   (exit ${result.code}, ${result.seconds.toFixed(1)} s)\n`);
  console.log(result.output.trimEnd());
}

/** scripts/build-kube.sh at the lowest priority, its progress in a log file; resolves to the bin directory. */
function buildKubeInBackground(log: string): { bin: Promise<string>; stop: () => void; raise: () => void } {
  const fd = openSync(log, "w");
  // Its own process group, so that stopping it stops the compilers it started too. That is also a
  // session of its own, which Linux schedules as a group of its own (autogroup), where a process's
  // nice value counts only against its own group: the group's nice is lowered too.
  const lowest = 'echo 19 > /proc/self/autogroup 2>/dev/null; exec nice -n 19 bash "$0"';
  const child = spawn("bash", ["-c", lowest, join(REPO_ROOT, "scripts", "build-kube.sh")], { stdio: ["ignore", "pipe", fd], detached: true });
  closeSync(fd);
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const bin = new Promise<string>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`scripts/build-kube.sh failed (exit ${code}):\n${readFileSync(log, "utf8").slice(-3000)}`))));
  });
  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const stop = () => {
    if (running()) process.kill(-(child.pid as number), "SIGTERM");
  };
  // Once the first screen is shown nothing of ours competes with it: back to the normal priority,
  // where the system allows it (raising a priority takes root or CAP_SYS_NICE; otherwise it stays low).
  const raise = () => {
    if (!running()) return;
    spawnSync("renice", ["-n", "0", "-g", String(child.pid)], { stdio: "ignore" });
    try {
      writeFileSync(`/proc/${child.pid}/autogroup`, "0");
    } catch {
      // Not permitted, or no autogroup: the build goes on at the lower priority.
    }
  };
  return { bin, stop, raise };
}

/** kubectl's output, one screen wide: the temporary directory shortened, long warnings cut. */
function shown(text: string, directory: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => line.split(directory).join("<rendered>"))
    .map((line) => (line.length > 220 ? `${line.slice(0, 217)}...` : line))
    .join("\n");
}

async function live(workspace: Workspace, cluster: Cluster): Promise<string[]> {
  const failures: string[] = [];
  const expect = (ok: boolean, what: string) => ok || failures.push(what);

  const secure = await workspace.stack("secure-stack", "live", { cluster });
  const up = await secure.up();
  console.log(`\n$ pulumi up --policy-pack <repo>   # examples/secure-stack   (exit ${up.code}, ${up.violations.length} violations, ${up.seconds.toFixed(1)} s)`);
  expect(up.code === 0 && up.violations.length === 0, "the secure stack's up did not pass cleanly");
  if (up.code !== 0) console.log(up.output.trimEnd());
  const listed = await cluster.kubectl(["get", "-n", "secure-shop", "deployments,daemonsets,cronjobs,services"]);
  console.log("$ kubectl get -n secure-shop deployments,daemonsets,cronjobs,services   # READY 0: no nodes here");
  console.log(listed.stdout.trimEnd());

  const insecure = await workspace.stack("insecure-stack", "live", { cluster });
  const blocked = await insecure.up();
  const mandatory = blocked.violations.filter((v) => v.level === "mandatory");
  const reached = await cluster.get(`/api/v1/namespaces/${BYPASS_NAMESPACE}`);
  console.log(`\n$ pulumi up --policy-pack <repo>   # examples/insecure-stack   (exit ${blocked.code}, ${blocked.seconds.toFixed(1)} s)`);
  // `up` here runs without a preview first (as the Automation API runs it): the pack refuses the first
  // resource the engine is about to create, and the update stops there.
  console.log(`the pack refused ${[...new Set(mandatory.map((v) => v.resource))].join(", ")} (${mandatory.length} mandatory violations) before it was created; nothing reached the server`);
  expect(blocked.code !== 0 && mandatory.length > 0 && reached === undefined, "the insecure stack's up was not blocked before the server");

  const bypass = await applyWithoutPulumi(workspace, cluster);
  console.log("\nThe same manifests without Pulumi (rendered by the provider, applied with kubectl):");
  for (const command of bypass.commands) console.log(`$ ${command}`);
  console.log(shown(`${bypass.apply.stdout}${bypass.apply.stderr}`, bypass.directory));
  const refusedPod = /pods "toolbox" is forbidden: violates PodSecurity "restricted:latest"/.test(bypass.apply.stderr);
  const storedControllers = /deployment\.apps\/web created/.test(bypass.apply.stdout) && /daemonset\.apps\/node-agent created/.test(bypass.apply.stdout);
  expect(refusedPod && storedControllers, "kubectl apply did not show the Pod refused and the controllers stored");

  const destroy = await secure.destroy();
  const left = await cluster.kubectl(["get", "-n", "secure-shop", "deployments,daemonsets,cronjobs,services", "-o", "name"]);
  const namespace = await cluster.kubectl(["get", "namespace", "secure-shop", "-o", "jsonpath={.status.phase}"]);
  console.log(`\n$ pulumi destroy   # examples/secure-stack   (exit ${destroy.code}, ${destroy.seconds.toFixed(1)} s)`);
  console.log(`left in secure-shop: ${left.stdout.trim() || "nothing"}; the namespace is ${namespace.stdout || "gone"} (no namespace controller here to finish deleting it)`);
  expect(destroy.code === 0 && left.stdout.trim() === "", "destroy did not remove the secure stack's workloads");

  console.log("\n==== live result");
  console.log(`secure stack:   up created its namespace and workloads (${up.code === 0 ? "no violations" : "FAILED"}); destroy removed them`);
  console.log(`insecure stack: pulumi up blocked by the pack, nothing reached the server`);
  console.log(`bypass:         kubectl apply without Pulumi: the server refused the Pod, but stored the Deployment and the DaemonSet with a warning only`);
  return failures;
}

/** The third screen: the Docker component's container, run in a real daemon and checked by hand. */
async function dockerScreen(): Promise<string[]> {
  console.log("\n==== Docker: a SecureContainer (constructs/docker) with its defaults, run in a private Docker daemon");
  const checks = await demoSecureContainer();
  const output = (command: RegExp) => checks.find((check) => command.test(check.command));
  const failures: string[] = [];
  if (!/uid=65532\b/.test(output(/ id$/)?.output ?? "")) failures.push("the SecureContainer did not run as uid 65532");
  if (output(/touch \/probe$/)?.exitCode === 0) failures.push("the SecureContainer could write to /");
  if (output(/touch \/tmp\/probe$/)?.exitCode !== 0) failures.push("the SecureContainer could not write to /tmp");
  return failures;
}

async function main(): Promise<number> {
  const kubeLog = join(tmpdir(), "container-hardening-build-kube.log");
  const kube = buildKubeInBackground(kubeLog);
  const workspace = new Workspace();
  let cluster: Cluster | undefined;
  try {
    const insecure = await (await workspace.stack("insecure-stack", "demo", "render")).preview();
    report("examples/insecure-stack", "pulumi preview --policy-pack <repo>", insecure);
    const secure = await (await workspace.stack("secure-stack", "demo", "render")).preview();
    report("examples/secure-stack", "pulumi preview --policy-pack <repo>", secure);

    const mandatory = insecure.violations.filter((v) => v.level === "mandatory");
    const blocked = insecure.code !== 0 && mandatory.length > 0;
    const passed = secure.code === 0 && secure.violations.length === 0;
    console.log("\n==== preview result");
    console.log(`insecure stack: ${blocked ? "blocked" : "NOT blocked"} (${mandatory.length} mandatory violations in ${new Set(mandatory.map((v) => v.resource)).size} resources)`);
    console.log(`secure stack:   ${passed ? "passed, no violations" : `NOT passed (exit ${secure.code}, ${secure.violations.length} violations)`}`);

    kube.raise();
    console.log("\n==== live: pulumi up, kubectl and pulumi destroy against a Kubernetes API server of our own on 127.0.0.1");
    const started = Date.now();
    const bin = await Promise.race([kube.bin, new Promise<undefined>((resolve) => setTimeout(resolve, 1000, undefined))]);
    if (bin === undefined) console.log(`(building etcd and kube-apiserver v1.37.2 from the Go module proxy, first run only: progress in ${kubeLog})`);
    cluster = await Cluster.start({ bin: bin ?? (await kube.bin) });
    console.log(`kube-apiserver v1.37.2 and etcd v3.7.3 ready at ${cluster.server} after ${((Date.now() - started) / 1000).toFixed(0)} s; no scheduler, controller manager or kubelet`);
    const failures = await live(workspace, cluster);
    failures.push(...(await dockerScreen()));
    for (const failure of failures) console.log(`NOT AS EXPECTED: ${failure}`);
    return blocked && passed && failures.length === 0 ? 0 : 1;
  } finally {
    kube.stop();
    await cluster?.stop();
    workspace.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
