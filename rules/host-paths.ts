/**
 * Host paths: how a path a workload mounts from the node compares with the paths that matter.
 *
 * Shared by the Kubernetes hostPath rules and the Docker bind-mount rules. Paths are compared after
 * normalisation, because the kernel resolves `//`, `/./` and `/../` before mounting: writing
 * `/var/run/../run//docker.sock` mounts the Docker socket all the same. Linux paths are
 * case-sensitive, so no case folding. Symbolic links on the node cannot be seen from here; the
 * lists name both `/run/...` and `/var/run/...` because `/var/run` links to `/run` on current
 * distributions.
 */

/** `path` with `.`/`..` segments resolved, repeated and trailing slashes removed; `/` stays `/`. */
export function normaliseHostPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join("/")}`;
}

function segmentsOf(normalised: string): string[] {
  return normalised === "/" ? [] : normalised.slice(1).split("/");
}

/** Whether `path` lies at or below `prefix` (segment lists); `*` on the side named matches any one segment. */
function atOrBelow(path: string[], prefix: string[], wildcards: "in-path" | "in-prefix" | "none"): boolean {
  const same = (literal: string, pattern: string) => literal === pattern || (wildcards !== "none" && pattern === "*");
  if (prefix.length > path.length) return false;
  return prefix.every((segment, i) => (wildcards === "in-path" ? same(segment, path[i]!) : same(path[i]!, segment)));
}

/**
 * Whether mounting `path` exposes `target`: the path is the target, lies below it, or is a directory
 * above it (mounting `/var` exposes `/var/lib/docker`). Both must be normalised; `*` in `target`
 * matches any one segment.
 */
export function exposes(path: string, target: string): boolean {
  const mounted = segmentsOf(path);
  const wanted = segmentsOf(target);
  return atOrBelow(mounted, wanted, "in-prefix") || atOrBelow(wanted, mounted, "in-path");
}

/**
 * Host paths whose exposure hands a container the node: its configuration and credentials, kernel
 * interfaces, devices, boot files, system binaries and libraries, and the state of the container
 * runtimes and the kubelet. From the CIS Docker Benchmark 5.5 ("sensitive host system directories"),
 * extended with the runtime and kubelet state directories.
 */
export const SENSITIVE_HOST_PATHS: readonly string[] = [
  "/", "/boot", "/dev", "/etc", "/proc", "/sys", "/root", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/usr",
  "/var/lib/docker", "/var/lib/containerd", "/var/lib/containers", "/var/lib/kubelet", "/var/lib/rancher",
  "/var/lib/etcd", "/var/log", "/run", "/var/run",
];

/**
 * Container runtime API sockets: whoever can talk to one can start a privileged container, so the
 * mount is root on the node. Docker (rootful and rootless), containerd (also under k3s), CRI-O,
 * cri-dockerd, the former dockershim, Podman and BuildKit.
 */
export const RUNTIME_SOCKETS: readonly string[] = [
  "/var/run/docker.sock", "/run/docker.sock", "/run/user/*/docker.sock",
  "/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/run/k3s/containerd/containerd.sock",
  "/run/crio/crio.sock", "/var/run/crio/crio.sock",
  "/run/cri-dockerd.sock", "/var/run/cri-dockerd.sock", "/var/run/dockershim.sock",
  "/run/podman/podman.sock", "/var/run/podman/podman.sock", "/run/user/*/podman/podman.sock",
  "/run/buildkit/buildkitd.sock", "/var/run/buildkit/buildkitd.sock",
];

/** Socket file names that are a runtime API wherever they are placed (e.g. a relocated docker.sock). */
export const RUNTIME_SOCKET_NAMES = /^(docker|containerd|crio|cri-dockerd|dockershim|podman|buildkitd)\.sock$/;

/** The runtime socket a mount of `path` exposes (the socket or a directory above it), if any. */
export function exposedRuntimeSocket(path: string): string | undefined {
  const normalised = normaliseHostPath(path);
  const name = normalised.slice(normalised.lastIndexOf("/") + 1);
  if (RUNTIME_SOCKET_NAMES.test(name)) return normalised;
  return RUNTIME_SOCKETS.find((socket) => exposes(normalised, socket));
}

/** The sensitive host path a mount of `path` exposes, if any. */
export function exposedSensitivePath(path: string): string | undefined {
  const normalised = normaliseHostPath(path);
  if (normalised === "/") return "/";
  return SENSITIVE_HOST_PATHS.find((sensitive) => sensitive !== "/" && exposes(normalised, sensitive));
}

/**
 * Whether `path` is allowed by an allowlist of exact paths and of directories written with a
 * trailing `/` (which allow themselves and everything below). Both sides are normalised first, so
 * `/data/../etc` is not under `/data/`.
 */
export function allowedHostPath(path: string, allowlist: readonly string[]): boolean {
  const normalised = normaliseHostPath(path);
  return allowlist.some((entry) => {
    const allowed = normaliseHostPath(entry);
    if (!entry.endsWith("/")) return normalised === allowed;
    return atOrBelow(segmentsOf(normalised), segmentsOf(allowed), "none");
  });
}
