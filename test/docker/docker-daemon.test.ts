/**
 * test/helpers/docker-daemon.ts leaves nothing behind: after a container on the host network (which
 * leaves `<exec-root>/netns/default` mounted once dockerd stops) and a running container, stop()
 * ends dockerd, its containerd and tini, unmounts what was mounted under the daemon's directory and
 * removes it.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DockerDaemon, IMAGES } from "../helpers/docker-daemon";

function running(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

test("stop() ends the daemon's processes, unmounts the host-network namespace file and removes the directory", async () => {
  const daemon = await DockerDaemon.start();
  const directory = daemon.directory;
  const dockerd = daemon.pid;
  const containerd = Number(readFileSync(join(directory, "exec", "containerd", "containerd.pid"), "utf8"));
  try {
    const hostNetwork = await daemon.json<{ Id: string }>("POST", "/containers/create", { Image: IMAGES.root, Cmd: ["true"], HostConfig: { NetworkMode: "host" } });
    await daemon.json("POST", `/containers/${hostNetwork.Id}/start`);
    await daemon.json("POST", `/containers/${hostNetwork.Id}/wait`);
    const sleeper = await daemon.json<{ Id: string }>("POST", "/containers/create", { Image: IMAGES.root, Cmd: ["sleep", "600"], HostConfig: { NetworkMode: "none" } });
    await daemon.json("POST", `/containers/${sleeper.Id}/start`);
    assert.ok(readFileSync("/proc/self/mountinfo", "utf8").includes(join(directory, "exec", "netns", "default")), "the host network's namespace file is mounted");
    assert.ok(running(dockerd) && running(containerd));
  } finally {
    await daemon.stop();
  }
  assert.equal(running(dockerd), false, "dockerd still runs");
  assert.equal(running(containerd), false, "containerd still runs");
  assert.equal(readFileSync("/proc/self/mountinfo", "utf8").includes(directory), false, "something is still mounted under the daemon's directory");
  assert.equal(existsSync(directory), false);
});
