/**
 * Loosening a hardened default: each escape hatch needs a reason, writes exactly the exemption
 * annotation for the rule it lets go of, and the catalogue then reports an exemption (not a pass,
 * not a finding). Without the annotation the same object would fail that rule, which is what makes
 * the annotation necessary. Props that would fail a rule without a hatch are refused when built.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing } from "cdk8s";
import type { SecureContainerProps, SecurePodSpecProps } from "../../../constructs/index";
import { SecureCronJob, SecureDeployment } from "../../../constructs/index";
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION } from "../../../rules/exemptions";
import type { JsonObject } from "../../../rules/values";
import { KINDS, podSpecOf, review, synthWorkload } from "../synth";

const app: SecureContainerProps = { name: "app", image: "registry.example/app:1.0" };

function deployment(props: Partial<SecurePodSpecProps>, container: Partial<SecureContainerProps> = {}): JsonObject {
  return synthWorkload((scope, id) => new SecureDeployment(scope, id, { containers: [{ ...app, ...container }], ...props }));
}

function annotations(object: JsonObject): Record<string, string> {
  return ((object.metadata as any).annotations ?? {}) as Record<string, string>;
}

function withoutAnnotations(object: JsonObject): JsonObject {
  const copy = structuredClone(object);
  delete (copy.metadata as any).annotations;
  return copy;
}

const CASES: Array<{ name: string; props: Partial<SecurePodSpecProps>; container?: Partial<SecureContainerProps>; rule: string; reason: string; check(object: JsonObject): void }> = [
  {
    name: "unrestrictedCapabilities lets a container add SYS_PTRACE",
    props: {},
    container: { addCapabilities: ["SYS_PTRACE"], unrestrictedCapabilities: { reason: "profiler attaches to the app" } },
    rule: "restrict-added-capabilities",
    reason: "restrict-added-capabilities: container app: profiler attaches to the app",
    check: (o) => assert.deepEqual(podSpecOf(o).containers[0].securityContext.capabilities, { add: ["SYS_PTRACE"], drop: ["ALL"] }),
  },
  {
    name: "writableRootFilesystem",
    props: {},
    container: { writableRootFilesystem: { reason: "vendor image writes all over /" } },
    rule: "read-only-root-filesystem",
    reason: "read-only-root-filesystem: container app: vendor image writes all over /",
    check: (o) => assert.equal(podSpecOf(o).containers[0].securityContext.readOnlyRootFilesystem, false),
  },
  {
    name: "privilegeEscalation",
    props: {},
    container: { privilegeEscalation: { reason: "ping is setuid in this image" } },
    rule: "no-privilege-escalation",
    reason: "no-privilege-escalation: container app: ping is setuid in this image",
    check: (o) => assert.equal(podSpecOf(o).containers[0].securityContext.allowPrivilegeEscalation, true),
  },
  {
    name: "lowIds lets the pod run as the image's UID 101",
    props: { user: 101, group: 101, fsGroup: 20000, lowIds: { reason: "nginx image owns its files as 101" } },
    rule: "non-root-uid-gid",
    reason: "non-root-uid-gid: user 101: nginx image owns its files as 101; non-root-uid-gid: group 101: nginx image owns its files as 101",
    check: (o) => assert.deepEqual([podSpecOf(o).securityContext.runAsUser, podSpecOf(o).securityContext.runAsGroup], [101, 101]),
  },
  {
    name: "imageUser runs as the image's USER, still non-root",
    props: { imageUser: { reason: "image breaks under another UID" } },
    rule: "non-root-uid-gid",
    reason: "non-root-uid-gid: the image's USER: image breaks under another UID",
    check: (o) => assert.deepEqual(podSpecOf(o).securityContext, { fsGroup: 65532, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } }),
  },
  {
    name: "serviceAccountToken mounts the token",
    props: { serviceAccountToken: { reason: "controller watches Pods" } },
    rule: "no-service-account-token-automount",
    reason: "no-service-account-token-automount: controller watches Pods",
    check: (o) => assert.equal(podSpecOf(o).automountServiceAccountToken, true),
  },
];

describe("loosened defaults become exemption annotations", () => {
  for (const { name, props, container, rule, reason, check } of CASES) {
    it(name, () => {
      const object = deployment(props, container);
      check(object);
      // A container's loosening is scoped to that container (rule/container); a pod's is not.
      const entry = container ? `${rule}/app` : rule;
      assert.deepEqual(annotations(object), { [EXEMPT_ANNOTATION]: entry, [EXEMPT_REASON_ANNOTATION]: reason });
      const hardened = review(object, "hardened");
      assert.deepEqual(hardened.findings, []);
      assert.deepEqual(hardened.exemptions, [{ rule, source: "annotation", reason }]);
      assert.ok(review(withoutAnnotations(object), "hardened").findings.some((f) => f.rule === rule), `without the annotation ${rule} fails`);
    });
  }

  it("the pss-restricted profile reports an exemption for a restricted control, and needs none beyond it", () => {
    const capabilities = deployment({}, CASES[0]!.container);
    assert.deepEqual(review(capabilities, "pss-restricted").findings, []);
    assert.equal(review(capabilities, "pss-restricted").exemptions.length, 1);
    const writableRoot = deployment({}, CASES[1]!.container);
    const beyond = review(writableRoot, "pss-restricted");
    assert.deepEqual([beyond.findings, beyond.exemptions], [[], []]);
  });

  it("several loosenings and the user's own exemption annotation are merged", () => {
    const object = deployment(
      {
        metadata: { annotations: { [EXEMPT_ANNOTATION]: "apparmor-profile", [EXEMPT_REASON_ANNOTATION]: "node has no AppArmor", team: "a" } },
        serviceAccountToken: { reason: "reads ConfigMaps" },
      },
      { writableRootFilesystem: { reason: "legacy" } },
    );
    assert.deepEqual(annotations(object), {
      [EXEMPT_ANNOTATION]: "apparmor-profile,read-only-root-filesystem/app,no-service-account-token-automount",
      [EXEMPT_REASON_ANNOTATION]: "node has no AppArmor; read-only-root-filesystem: container app: legacy; no-service-account-token-automount: reads ConfigMaps",
      team: "a",
    });
  });

  it("one container's loosening leaves the other containers judged", () => {
    const object = synthWorkload(
      (scope, id) =>
        new SecureDeployment(scope, id, {
          containers: [
            { ...app, addCapabilities: ["SYS_PTRACE"], unrestrictedCapabilities: { reason: "profiler" } },
            { name: "sidecar", image: "registry.example/sidecar:1" },
          ],
        }),
    );
    assert.equal(annotations(object)[EXEMPT_ANNOTATION], "restrict-added-capabilities/app");
    const spec = podSpecOf(object);
    spec.containers[1].securityContext.capabilities.add = ["SYS_ADMIN"];
    const findings = review(object, "hardened").findings.filter((f) => f.rule === "restrict-added-capabilities");
    assert.deepEqual(findings.map((f) => f.container), ["sidecar"]);
  });

  it("an escape hatch that loosens nothing writes no annotation", () => {
    const object = deployment({ lowIds: { reason: "unused" } }, { addCapabilities: ["NET_BIND_SERVICE"], unrestrictedCapabilities: { reason: "unused" } });
    assert.deepEqual(annotations(object), {});
  });

  it("every kind annotates its own object", () => {
    for (const { kind, make } of KINDS) {
      const object = synthWorkload((scope, id) => make(scope, id, { containers: [{ ...app, writableRootFilesystem: { reason: "legacy" } }] }));
      assert.equal(annotations(object)[EXEMPT_ANNOTATION], "read-only-root-filesystem/app", kind);
      assert.deepEqual(review(object, "hardened").findings, [], kind);
    }
  });
});

describe("props that would fail a rule are refused when built", () => {
  const refused: Array<[string, Partial<SecurePodSpecProps>, Partial<SecureContainerProps>, RegExp]> = [
    ["a capability beyond restricted without a reason", {}, { addCapabilities: ["SYS_ADMIN"] }, /containers\[0\] "app": addCapabilities SYS_ADMIN goes beyond .*unrestrictedCapabilities: \{ reason \}/],
    ["an empty reason", {}, { writableRootFilesystem: { reason: "  " } }, /writableRootFilesystem: give a reason/],
    ["root", { user: 0 }, {}, /user must be a whole number of at least 1 \(0 is root/],
    ["a low UID without lowIds", { user: 1000 }, {}, /user 1000 is below 10000.*lowIds: \{ reason \}/],
    ["a low fsGroup without lowIds", { fsGroup: 5 }, {}, /fsGroup 5 is below 10000/],
    ["imageUser with user", { imageUser: { reason: "x" }, user: 20000 }, {}, /imageUser .* cannot be combined with user or group/],
    ["a relative writable path", {}, { writablePaths: ["tmp"] }, /writablePaths entry "tmp" must be an absolute path/],
    ["/ as a writable path", {}, { writablePaths: ["/"] }, /cannot make "\/" writable; use writableRootFilesystem/],
    ["a writable path twice", {}, { writablePaths: ["/tmp", "/tmp"] }, /lists "\/tmp" twice/],
    ["a volume named like a writable path", { volumes: [{ name: "app-tmp", configMap: { name: "c" } }] }, {}, /volumes: the name "app-tmp" is used twice/],
    ["no containers", { containers: [] }, {}, /containers: give at least one container/],
    ["an init container named like a container", { initContainers: [{ ...app }] }, {}, /the name "app" is used twice/],
  ];
  for (const [name, props, container, message] of refused) {
    it(name, () => {
      assert.throws(() => deployment(props, container), (error: Error) => {
        assert.match(error.message, /^test\/app: /, "the message names the construct");
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it("a CronJob schedule that is not cron", () => {
    assert.throws(() => new SecureCronJob(Testing.chart(), "nightly", { schedule: "every night", containers: [app] }), /schedule "every night" is not a cron schedule/);
    assert.doesNotThrow(() => new SecureCronJob(Testing.chart(), "hourly", { schedule: "@hourly", containers: [app] }));
  });
});
