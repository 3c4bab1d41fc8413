/**
 * SecureContainer under Pulumi's runtime mocks: the inputs it registers for docker.Container, with
 * the defaults and across prop combinations, judged by every Docker rule of the catalogue (zero
 * findings; a loosening only on the rules it names, each exempted by the labels it writes), and the
 * props it refuses at construction.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { SecureContainer, SECURE_CONTAINER_TYPE } from "../../../constructs/docker/index";
import type { SecureContainerArgs } from "../../../constructs/docker/index";
import { dockerResources } from "../../../policypack/docker-resources";
import { profileConfiguration } from "../../../rules/configuration";
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION } from "../../../rules/exemptions";
import { checkRule, reviewRule } from "../../../rules/review";
import type { Finding } from "../../../rules/types";
import type { JsonObject } from "../../../rules/values";

const CONTAINER_TYPE = "docker:index/container:Container";
const registered = new Map<string, { type: string; inputs: JsonObject; parent?: string }>();

before(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.set(args.name, { type: args.type, inputs: args.inputs as JsonObject });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

/** The inputs SecureContainer registers for its docker.Container. */
async function containerInputs(name: string, args: SecureContainerArgs): Promise<JsonObject> {
  const component = new SecureContainer(name, args);
  await new Promise<void>((resolve) => component.container.urn.apply(() => resolve()));
  const container = registered.get(name);
  assert.ok(container, "a docker.Container is registered");
  assert.equal(container.type, CONTAINER_TYPE);
  return container.inputs;
}

function labelsOf(inputs: JsonObject): Record<string, string> {
  const labels = (inputs.labels ?? []) as Array<{ label: string; value: string }>;
  return Object.fromEntries(labels.map(({ label, value }) => [label, value]));
}

/** Every rule of the catalogue over the inputs as the pack reads them, with the default options: findings by rule ID. */
function catalogueFindings(name: string, inputs: JsonObject, honourLabels = false): Map<string, Finding[]> {
  const subject = dockerResources.subject(CONTAINER_TYPE, name, inputs);
  assert.ok(subject?.family === "docker", "a docker.Container is judged by the Docker rules");
  const byRule = new Map<string, Finding[]>();
  let judged = 0;
  for (const settings of profileConfiguration("hardened").rules) {
    const findings = honourLabels ? reviewRule(subject, settings)?.findings : checkRule(settings.entry, subject, settings.options);
    if (findings) judged++;
    if (findings && findings.length > 0) byRule.set(settings.entry.meta.id, findings);
  }
  assert.ok(judged >= 15, "the catalogue carries the Docker rules");
  return byRule;
}

function assertPassesCatalogue(name: string, inputs: JsonObject): void {
  assert.deepEqual(Object.fromEntries(catalogueFindings(name, inputs)), {});
}

describe("SecureContainer: inputs with the defaults", () => {
  it("registers a component of its own type that parents one hardened docker.Container", async () => {
    const component = new SecureContainer("typed", { image: "nginx" });
    const urn = await new Promise<string>((resolve) => component.urn.apply(resolve));
    assert.match(urn, new RegExp(`::${SECURE_CONTAINER_TYPE}::typed$`));
    const childUrn = await new Promise<string>((resolve) => component.container.urn.apply(resolve));
    assert.match(childUrn, new RegExp(`\\$${CONTAINER_TYPE}::typed$`));
  });

  it("runs as 65532:65532, drops ALL, read-only with /tmp on tmpfs, no-new-privileges, limits, unless-stopped", async () => {
    const inputs = await containerInputs("defaults", { image: "registry.example/app@sha256:0123" });
    assert.equal(inputs.image, "registry.example/app@sha256:0123");
    assert.equal(inputs.user, "65532:65532");
    assert.deepEqual(inputs.capabilities, { drops: ["ALL"] });
    assert.equal(inputs.readOnly, true);
    assert.deepEqual(inputs.tmpfs, { "/tmp": "rw,noexec,nosuid,size=64m,uid=65532,gid=65532" });
    assert.deepEqual(inputs.securityOpts, ["no-new-privileges:true"]);
    assert.equal(inputs.memory, 256);
    assert.equal(inputs.cpus, "0.5");
    assert.equal(inputs.restart, "unless-stopped");
    for (const loosening of ["privileged", "networkMode", "pidMode", "ipcMode", "usernsMode", "devices", "labels"]) {
      assert.equal(inputs[loosening], undefined, `${loosening} is left unset`);
    }
    assertPassesCatalogue("defaults", inputs);
  });
});

describe("SecureContainer: inputs across props", () => {
  it("passes application settings through and keeps the hardening", async () => {
    const inputs = await containerInputs("app", {
      image: "app",
      command: ["serve"],
      env: { PORT: "8080", MODE: pulumi.output("prod") },
      ports: [{ internal: 8080, external: 80 }],
      labels: { team: "shop" },
      writablePaths: ["/tmp", { path: "/var/cache/app", size: "128m" }, { path: "/plugins", executable: true }],
      addCapabilities: ["cap_net_bind_service"],
      user: "10001:10001",
      memory: 512,
      cpus: "1.5",
      restart: "on-failure",
      maxRetryCount: 3,
      seccompProfile: '{"defaultAction":"SCMP_ACT_ERRNO"}',
      apparmorProfile: "docker-default",
      selinuxLabels: ["type:container_t", "level:s0:c100,c200"],
    });
    assert.deepEqual(inputs.command, ["serve"]);
    assert.deepEqual(inputs.envs, ["PORT=8080", "MODE=prod"]);
    assert.deepEqual(inputs.ports, [{ internal: 8080, external: 80 }]);
    assert.deepEqual(labelsOf(inputs), { team: "shop" });
    assert.deepEqual(inputs.tmpfs, {
      "/tmp": "rw,noexec,nosuid,size=64m,uid=10001,gid=10001",
      "/var/cache/app": "rw,noexec,nosuid,size=128m,uid=10001,gid=10001",
      "/plugins": "rw,nosuid,size=64m,uid=10001,gid=10001",
    });
    assert.deepEqual(inputs.capabilities, { drops: ["ALL"], adds: ["NET_BIND_SERVICE"] });
    assert.equal(inputs.user, "10001:10001");
    assert.equal(inputs.memory, 512);
    assert.equal(inputs.cpus, "1.5");
    assert.equal(inputs.restart, "on-failure");
    assert.equal(inputs.maxRetryCount, 3);
    assert.deepEqual(inputs.securityOpts, [
      "no-new-privileges:true",
      'seccomp={"defaultAction":"SCMP_ACT_ERRNO"}',
      "apparmor=docker-default",
      "label=type:container_t",
      "label=level:s0:c100,c200",
    ]);
    assertPassesCatalogue("app", inputs);
  });

  it("writes each loosening, with its reason, as the exemption labels, merged with the user's", async () => {
    const inputs = await containerInputs("loose", {
      image: "legacy",
      labels: { [EXEMPT_ANNOTATION]: "no-host-path-volumes", [EXEMPT_REASON_ANNOTATION]: "reads host logs" },
      imageUser: { reason: "the vendor image sets its own USER" },
      addCapabilities: ["SYS_TIME"],
      unrestrictedCapabilities: { reason: "sets the clock" },
      writableRootFilesystem: { reason: "writes under /opt/legacy" },
      privilegeEscalation: { reason: "runs sudo" },
      unlimitedResources: { reason: "batch job sized by the host" },
    });
    assert.equal(inputs.user, undefined);
    assert.deepEqual(inputs.capabilities, { drops: ["ALL"], adds: ["SYS_TIME"] });
    assert.equal(inputs.readOnly, false);
    assert.deepEqual(inputs.securityOpts, []);
    assert.equal(inputs.memory, undefined);
    assert.equal(inputs.cpus, undefined);
    const labels = labelsOf(inputs);
    assert.deepEqual(labels[EXEMPT_ANNOTATION]!.split(","), [
      "no-host-path-volumes",
      "run-as-non-root",
      "non-root-uid-gid",
      "restrict-added-capabilities",
      "read-only-root-filesystem",
      "no-privilege-escalation",
      "resource-limits",
    ]);
    assert.match(labels[EXEMPT_REASON_ANNOTATION]!, /^reads host logs; run-as-non-root: the image's USER: the vendor image sets its own USER; .*restrict-added-capabilities: SYS_TIME: sets the clock; .*resource-limits: batch job sized by the host$/);
    // The loosened rules, and only they, find something; the labels exempt every one of them.
    assert.deepEqual([...catalogueFindings("loose", inputs).keys()].sort(), [
      "no-privilege-escalation",
      "non-root-uid-gid",
      "read-only-root-filesystem",
      "resource-limits",
      "restrict-added-capabilities",
      "run-as-non-root",
    ]);
    assert.deepEqual(Object.fromEntries(catalogueFindings("loose", inputs, true)), {});
  });

  it("accepts a low user ID only with lowIds, recorded as a non-root-uid-gid exemption", async () => {
    const inputs = await containerInputs("low", { image: "app", user: "1000", lowIds: { reason: "matches the volume's owner" } });
    assert.equal(inputs.user, "1000");
    assert.equal(labelsOf(inputs)[EXEMPT_ANNOTATION], "non-root-uid-gid");
    assert.deepEqual([...catalogueFindings("low", inputs).keys()], ["non-root-uid-gid"]);
    assert.deepEqual(Object.fromEntries(catalogueFindings("low", inputs, true)), {});
  });
});

describe("SecureContainer: props refused at construction, naming the prop", () => {
  const refusals: Array<[string, Partial<SecureContainerArgs>, RegExp]> = [
    ["root user", { user: "0" }, /user "0" is root/],
    ["root by name", { user: "root" }, /must be a numeric uid or uid:gid/],
    ["root group", { user: "10001:0" }, /group 0/],
    ["low ID without a reason", { user: "1000:1000" }, /below 10000.*lowIds/],
    ["imageUser with user", { user: "10001", imageUser: { reason: "x" } }, /cannot be combined with user/],
    ["empty reason", { writableRootFilesystem: { reason: " " } }, /writableRootFilesystem: give a reason/],
    ["ALL capabilities", { addCapabilities: ["all"], unrestrictedCapabilities: { reason: "x" } }, /cannot contain ALL/],
    ["capability beyond the allowlist", { addCapabilities: ["CAP_SYS_ADMIN"] }, /SYS_ADMIN goes beyond.*unrestrictedCapabilities/],
    ["relative writable path", { writablePaths: ["tmp"] }, /must be an absolute path/],
    ["writable root via writablePaths", { writablePaths: ["/"] }, /cannot make "\/" writable/],
    ["unconfined seccomp", { seccompProfile: "unconfined" }, /seccompProfile "unconfined"/],
    ["unconfined AppArmor", { apparmorProfile: "Unconfined" }, /apparmorProfile "unconfined"/],
    ["SELinux disabled", { selinuxLabels: ["disable"] }, /selinuxLabels "disable" is refused/],
    ["SELinux spc_t", { selinuxLabels: ["type:spc_t"] }, /selinuxLabels "type:spc_t" is refused/],
    ["zero memory", { memory: 0 }, /memory 0 must be/],
    ["zero CPUs", { cpus: "0" }, /cpus "0" must be/],
    ["limits with unlimitedResources", { memory: 512, unlimitedResources: { reason: "x" } }, /cannot be combined with memory or cpus/],
    ["host network", { networkMode: "host" }, /networkMode "host"/],
    ["retries without on-failure", { maxRetryCount: 3 }, /only with restart: "on-failure"/],
  ];
  for (const [what, props, message] of refusals) {
    it(`refuses ${what}`, () => {
      assert.throws(() => new SecureContainer(`refused-${what.replace(/\W+/g, "-")}`, { image: "app", ...props }), (error: Error) => {
        assert.match(error.message, /^SecureContainer "refused-/);
        assert.match(error.message, message);
        return true;
      });
    });
  }
});
