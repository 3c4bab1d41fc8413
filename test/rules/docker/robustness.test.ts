/**
 * Every Docker rule over inputs no well-behaved program sends: arbitrary values (wrong types, huge
 * strings, odd numbers) and the engine's unknown sentinels at every field a rule reads and at the
 * objects enclosing them. No rule or fix may throw, and a value unknown at preview is never a pass.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DOCKER_RULES } from "../../../rules/docker/index";
import { fixDockerContainer } from "../../../rules/docker/remediate";
import { resolveOptions } from "../../../rules/options";
import { UNKNOWN, type JsonObject } from "../../../rules/values";
import { garbage, unknownValue } from "../../robustness/arbitraries";
import { check, container, service, SERVICE_TYPE, type Resource } from "./docker-fixtures";

/** A docker.Container that passes every rule, and the rules that read each of its fields. */
const hardened = container({
  user: "65532:65532",
  groupAdds: ["65532"],
  capabilities: { drops: ["ALL"], adds: ["NET_BIND_SERVICE"] },
  readOnly: true,
  privileged: false,
  securityOpts: ["no-new-privileges=true"],
  networkMode: "bridge",
  pidMode: "container:db",
  ipcMode: "private",
  usernsMode: "",
  cgroupnsMode: "private",
  mounts: [{ type: "bind", source: "/srv/app", target: "/app" }],
  volumes: [{ hostPath: "/srv/cache", containerPath: "/cache" }],
  devices: [],
  deviceCgroupRules: [],
  sysctls: { "net.ipv4.ip_unprivileged_port_start": "0" },
  memory: 256,
  cpus: "0.5",
});

const hardenedService = service(
  { user: "65532:65532", groups: ["65532"], capDrops: ["ALL"], capAdds: [], readOnly: true, mounts: [], sysctl: {}, privileges: { seLinuxContext: { level: "s0:c1,c2" } } },
  { resources: { limits: { memoryBytes: 268435456, nanoCpus: 500000000 } } },
);

const CONTAINER_FIELDS: Array<[string[], string[]]> = [
  [["user"], ["run-as-non-root", "non-root-uid-gid"]],
  [["groupAdds"], ["non-root-uid-gid"]],
  [["capabilities"], ["drop-all-capabilities", "restrict-added-capabilities"]],
  [["capabilities", "drops"], ["drop-all-capabilities"]],
  [["capabilities", "adds"], ["restrict-added-capabilities", "drop-all-capabilities"]],
  [["readOnly"], ["read-only-root-filesystem"]],
  [["privileged"], ["no-privileged", "drop-all-capabilities", "restrict-added-capabilities", "seccomp-profile", "apparmor-profile", "proc-mount"]],
  [["securityOpts"], ["no-privilege-escalation", "seccomp-profile", "apparmor-profile", "selinux-options", "proc-mount"]],
  [["securityOpts", "1"], ["no-privilege-escalation", "seccomp-profile", "apparmor-profile", "selinux-options", "proc-mount"]],
  [["networkMode"], ["no-host-namespaces"]],
  [["pidMode"], ["no-host-namespaces"]],
  [["usernsMode"], ["no-host-namespaces"]],
  [["mounts"], ["no-host-path-volumes", "no-docker-socket-mount"]],
  [["mounts", "0", "type"], ["no-host-path-volumes", "no-docker-socket-mount"]],
  [["mounts", "0", "source"], ["no-host-path-volumes", "no-docker-socket-mount"]],
  [["volumes", "0", "hostPath"], ["no-host-path-volumes", "no-docker-socket-mount"]],
  [["devices"], ["no-host-devices"]],
  [["deviceCgroupRules"], ["no-host-devices"]],
  [["sysctls"], ["safe-sysctls"]],
  [["memory"], ["resource-limits"]],
  [["cpus"], ["resource-limits"]],
];

const SERVICE_FIELDS: Array<[string[], string[]]> = [
  [["taskSpec"], ["run-as-non-root", "drop-all-capabilities", "read-only-root-filesystem", "resource-limits", "safe-sysctls"]],
  [["taskSpec", "containerSpec"], ["run-as-non-root", "non-root-uid-gid", "drop-all-capabilities", "restrict-added-capabilities", "read-only-root-filesystem", "no-host-path-volumes", "selinux-options", "safe-sysctls"]],
  [["taskSpec", "containerSpec", "user"], ["run-as-non-root"]],
  [["taskSpec", "containerSpec", "capDrops"], ["drop-all-capabilities"]],
  [["taskSpec", "containerSpec", "capAdds"], ["restrict-added-capabilities"]],
  [["taskSpec", "containerSpec", "privileges", "seLinuxContext"], ["selinux-options"]],
  [["taskSpec", "resources", "limits"], ["resource-limits"]],
];

/** A copy of `resource` with `value` at `path` (enclosing objects and lists created as needed). */
function withValue(resource: Resource, path: string[], value: unknown): Resource {
  const props = structuredClone(resource.props);
  let owner: any = props;
  for (const key of path.slice(0, -1)) {
    if (typeof owner[key] !== "object" || owner[key] === null) owner[key] = /^\d+$/.test(key) ? [] : {};
    owner = owner[key];
  }
  owner[path[path.length - 1]!] = value;
  return { type: resource.type, props };
}

function everyRule(resource: Resource): Map<string, ReturnType<typeof check>> {
  return new Map(DOCKER_RULES.map((rule) => [rule.id, check(rule, resource)]));
}

describe("Docker rules over hostile inputs", () => {
  it("the hardened Container and Service pass every rule (so the cases below start from a pass)", () => {
    for (const [id, findings] of everyRule(hardened)) assert.deepEqual(findings, [], id);
    for (const [id, findings] of everyRule(hardenedService)) {
      if (id !== "no-privilege-escalation") assert.deepEqual(findings, [], id);
    }
  });

  for (const [resource, fields] of [[hardened, CONTAINER_FIELDS], [hardenedService, SERVICE_FIELDS]] as const) {
    for (const [path, readers] of fields) {
      it(`${resource.type}: a value unknown at preview at ${path.join(".")} is never a pass for ${readers.join(", ")}`, () => {
        const findings = everyRule(withValue(resource, path, UNKNOWN));
        for (const id of readers) assert.ok(findings.get(id)!.some((f) => f.outcome === "unknown"), `${id}: ${JSON.stringify(findings.get(id))}`);
      });
    }
  }

  it("no rule or fix throws on arbitrary values at any field, and every finding is well formed", () => {
    const paths = [...CONTAINER_FIELDS.map(([path]) => ({ resource: hardened, path })), ...SERVICE_FIELDS.map(([path]) => ({ resource: hardenedService, path }))];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(garbage(), unknownValue()), ({ resource, path }, value) => {
        const hostile = withValue(resource, path, value);
        for (const findings of everyRule(hostile).values()) {
          for (const f of findings) {
            assert.ok(f.outcome === "violation" || f.outcome === "unknown");
            assert.equal(typeof f.path, "string");
            assert.ok(f.message.length > 10);
          }
        }
        const before = JSON.stringify(hostile.props);
        fixDockerContainer(DOCKER_RULES, hostile.type === SERVICE_TYPE ? "Service" : "Container", hostile.props as JsonObject, () => resolveOptions({}));
        assert.equal(JSON.stringify(hostile.props), before, "a fix never modifies its input");
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });
});
