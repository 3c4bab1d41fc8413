import { describe } from "node:test";
import { noHostPathVolumes } from "../../../rules/docker/no-host-path-volumes";
import { container, service, table, UNKNOWN } from "./docker-fixtures";

const bind = (source: unknown, target = "/data") => ({ type: "bind", source, target });

describe("no-host-path-volumes (Docker)", () => {
  table(noHostPathVolumes, {
    passes: [
      { name: "a named volume and a tmpfs", resource: container({ mounts: [{ type: "volume", source: "app-data", target: "/data" }, { type: "tmpfs", target: "/tmp" }] }) },
      { name: "a bind mount of a project directory", resource: container({ mounts: [bind("/srv/app/config")], volumes: [{ hostPath: "/home/ci/cache", containerPath: "/cache" }] }) },
      { name: "a volumes entry by volume name", resource: container({ volumes: [{ volumeName: "data", containerPath: "/data" }] }) },
      { name: "/etc/ssl/certs when allowedHostPaths lists it", resource: container({ mounts: [bind("/etc/ssl/certs")] }), options: { allowedHostPaths: ["/etc/ssl/certs/"] } },
      { name: "a Service with a named volume", resource: service({ mounts: [{ type: "volume", source: "data", target: "/data" }] }) },
    ],
    fails: [
      { name: "a bind mount of /etc", resource: container({ mounts: [bind("/etc")] }), expect: [["violation", "mounts[0].source"]], says: /host's \/etc/ },
      { name: "a bind mount of the root file system", resource: container({ mounts: [bind("/", "/host")] }), expect: [["violation", "mounts[0].source"]] },
      { name: "volumes hostPath /var/lib/docker", resource: container({ volumes: [{ hostPath: "/var/lib/docker", containerPath: "/docker" }] }), expect: [["violation", "volumes[0].hostPath"]] },
      { name: "/var (above /var/lib/docker)", resource: container({ volumes: [{ hostPath: "/var", containerPath: "/v" }] }), expect: [["violation", "volumes[0].hostPath"]], says: /exposes/ },
      { name: "/srv/../etc (the kernel resolves ..)", resource: container({ mounts: [bind("/srv/../etc")] }), expect: [["violation", "mounts[0].source"]], says: /resolves "\/srv\/\.\.\/etc" to \/etc/ },
      { name: "/etc/ssl/../shadow outside the allowed /etc/ssl/", resource: container({ mounts: [bind("/etc/ssl/../shadow")] }), expect: [["violation", "mounts[0].source"]], options: { allowedHostPaths: ["/etc/ssl/"] } },
      { name: "a local-driver volume binding /etc", resource: container({ mounts: [{ type: "volume", target: "/x", volumeOptions: { driverOptions: { type: "none", o: "bind", device: "/etc" } } }] }), expect: [["violation", "mounts[0].volumeOptions.driverOptions.device"]] },
      { name: "a Service bind mount of /proc", resource: service({ mounts: [bind("/proc")] }), expect: [["violation", "taskSpec.containerSpec.mounts[0].source"]] },
      { name: "a bind source unknown at preview", resource: container({ mounts: [bind(UNKNOWN)] }), expect: [["unknown", "mounts[0].source"]] },
      { name: "a mount type unknown at preview", resource: container({ mounts: [{ type: UNKNOWN, source: "/etc", target: "/x" }] }), expect: [["unknown", "mounts[0].type"]] },
      { name: "mounts unknown at preview", resource: container({ mounts: UNKNOWN }), expect: [["unknown", "mounts"]] },
      { name: "a mount of the wrong type", resource: container({ mounts: ["/etc:/etc"] }), expect: [["violation", "mounts[0]"]] },
    ],
  });
});
