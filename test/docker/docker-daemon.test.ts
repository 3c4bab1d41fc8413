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
import { alive, DockerDaemon, IMAGES } from "../helpers/docker-daemon";

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
    assert.ok(alive(dockerd) && alive(containerd));
  } finally {
    await daemon.stop();
  }
  assert.equal(alive(dockerd), false, "dockerd still runs");
  assert.equal(alive(containerd), false, "containerd still runs");
  assert.equal(readFileSync("/proc/self/mountinfo", "utf8").includes(directory), false, "something is still mounted under the daemon's directory");
  assert.equal(existsSync(directory), false);
});
