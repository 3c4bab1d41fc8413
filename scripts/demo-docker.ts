/**
 * The SecureContainer demo for a person: runs the container the component describes in a real Docker
 * daemon and prints the checks one would make by hand — `docker inspect --format` of its user,
 * dropped capabilities, read-only root and security options, then `id`, a write to / and a write to
 * /tmp inside it — each with the command as typed and its real output.
 *
 * The component's docker.Container inputs come from Pulumi's mocks (test/docker/secure-container-inputs.ts)
 * and become the Engine API request the Pulumi Docker provider would send
 * (test/docker/provider-mapping.ts); the daemon is the tests' private one (test/helpers/docker-daemon.ts),
 * started here when none is given. scripts/demo.ts shows it as its third screen.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { DockerDaemon, IMAGES } from "../test/helpers/docker-daemon";
import { containerCreateBody } from "../test/docker/provider-mapping";
import { secureContainerInputs } from "../test/docker/secure-container-inputs";

const run = promisify(execFile);
const CONTAINER = "secure-demo";

export interface Check {
  command: string;
  output: string;
  exitCode: number;
}

/** The checks, in order; each `docker ...` command runs against the daemon through DOCKER_HOST. */
const CHECKS: string[][] = [
  ["inspect", "--format", "{{.Config.User}}", CONTAINER],
  ["inspect", "--format", "{{.HostConfig.CapDrop}}", CONTAINER],
  ["inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", CONTAINER],
  ["inspect", "--format", "{{.HostConfig.SecurityOpt}}", CONTAINER],
  ["exec", CONTAINER, "id"],
  ["exec", CONTAINER, "touch", "/probe"],
  ["exec", CONTAINER, "touch", "/tmp/probe"],
  ["exec", CONTAINER, "grep", "-E", "^(CapEff|CapBnd|NoNewPrivs|Seccomp):", "/proc/1/status"],
];

const shellWord = (word: string) => (/^[\w/.:=-]+$/.test(word) ? word : `'${word}'`);

async function docker(daemon: DockerDaemon, args: string[]): Promise<Check> {
  const command = `docker ${args.map(shellWord).join(" ")}`;
  try {
    const { stdout, stderr } = await run("docker", args, { env: { ...process.env, DOCKER_HOST: daemon.host } });
    return { command, output: (stdout + stderr).trimEnd(), exitCode: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { command, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}`.trimEnd(), exitCode: typeof failed.code === "number" ? failed.code : 1 };
  }
}

/**
 * Runs a SecureContainer with its defaults (a long `sleep` as its command) in `daemon` (or in a
 * daemon started and stopped here), prints each check with its output, and returns them.
 */
export async function demoSecureContainer(daemon?: DockerDaemon, print: (line: string) => void = console.log): Promise<Check[]> {
  const own = daemon ?? (await DockerDaemon.start());
  try {
    const inputs = await secureContainerInputs(CONTAINER, { image: IMAGES.root, name: CONTAINER, command: ["sleep", "600"] });
    // The provider would use the default bridge network, which the test daemon does not have.
    const body = containerCreateBody(inputs, "none");
    const created = await own.json<{ Id: string }>("POST", `/containers/create?name=${CONTAINER}`, body);
    try {
      await own.json("POST", `/containers/${created.Id}/start`);
      print(`SecureContainer "${CONTAINER}" with its defaults, running in a Docker daemon (DOCKER_HOST=${own.host}):`);
      const checks: Check[] = [];
      for (const args of CHECKS) {
        const check = await docker(own, args);
        checks.push(check);
        print(`\n$ ${check.command}${check.exitCode === 0 ? "" : `   (exit ${check.exitCode})`}\n${check.output || "(no output)"}`);
      }
      return checks;
    } finally {
      await own.request("DELETE", `/containers/${created.Id}?force=1`);
    }
  } finally {
    if (!daemon) await own.stop();
  }
}
