/**
 * Every secure workload kind, with default props and across a matrix of pod and container props,
 * synthesizes to an object that every profile of the catalogue passes without an exemption; and the
 * defaults are the documented ones.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SECURE_DEFAULTS, SELECTOR_LABEL } from "../../../constructs/index";
import { assertClean, KINDS, podSpecOf, synthWorkload } from "../synth";
import { app, CONTAINER_VARIANTS, matrix, POD_VARIANTS } from "./variants";

describe("secure workloads pass every profile", () => {
  for (const { kind, make } of KINDS) {
    it(`${kind} with default props`, () => {
      const object = synthWorkload((scope, id) => make(scope, id, { containers: [app] }));
      assert.equal(object.kind, kind);
      assertClean(object);
    });

    it(`${kind} across ${Object.keys(POD_VARIANTS).length} pod x ${Object.keys(CONTAINER_VARIANTS).length} container variants`, () => {
      for (const { label, object } of matrix(make)) assert.doesNotThrow(() => assertClean(object), `${kind}, ${label}`);
    });
  }
});

describe("secure workload defaults", () => {
  const object = synthWorkload((scope, id) => KINDS[0]!.make(scope, id, { initContainers: [{ name: "init", image: "registry.example/init:1" }], containers: [app] }));
  const pod = podSpecOf(object);

  it("runs as 65532 with runAsNonRoot, fsGroup and RuntimeDefault seccomp at pod level", () => {
    assert.deepEqual(pod.securityContext, { fsGroup: 65532, runAsGroup: 65532, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: "RuntimeDefault" } });
    assert.equal(pod.automountServiceAccountToken, false);
  });

  it("hardens init containers like the others", () => {
    for (const container of [...pod.initContainers, ...pod.containers]) {
      assert.deepEqual(container.securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, privileged: false, readOnlyRootFilesystem: true });
      assert.deepEqual(container.resources, { requests: { ...SECURE_DEFAULTS.requests }, limits: { ...SECURE_DEFAULTS.limits } });
    }
  });

  it("makes /tmp writable through a size-limited emptyDir per container", () => {
    assert.deepEqual(pod.volumes, [
      { name: "init-tmp", emptyDir: { sizeLimit: "256Mi" } },
      { name: "app-tmp", emptyDir: { sizeLimit: "256Mi" } },
    ]);
    assert.deepEqual(pod.containers[0].volumeMounts, [{ name: "app-tmp", mountPath: "/tmp" }]);
  });

  it("selects its pods by a label it also puts on the object", () => {
    const selector = (object.spec as any).selector.matchLabels;
    assert.deepEqual(Object.keys(selector), [SELECTOR_LABEL]);
    assert.deepEqual((object.spec as any).template.metadata.labels, selector);
    assert.equal((object.metadata as any).labels[SELECTOR_LABEL], selector[SELECTOR_LABEL]);
  });

  it("fills a left-out limit from the request given, so a limit is never below its request", () => {
    const custom = synthWorkload((scope, id) => KINDS[0]!.make(scope, id, { containers: [{ ...app, resources: { requests: { memory: "1Gi" }, limits: { cpu: "2" } } }] }));
    assert.deepEqual(podSpecOf(custom).containers[0].resources, { requests: { cpu: "100m", memory: "1Gi" }, limits: { cpu: "2", memory: "1Gi" } });
  });

  it("writes capabilities as Pod Security compares them", () => {
    const custom = synthWorkload((scope, id) => KINDS[0]!.make(scope, id, { containers: [{ ...app, addCapabilities: ["cap_net_bind_service", "NET_BIND_SERVICE"] }] }));
    assert.deepEqual(podSpecOf(custom).containers[0].securityContext.capabilities, { add: ["NET_BIND_SERVICE"], drop: ["ALL"] });
  });
});

describe("kind-specific defaults", () => {
  const byKind = Object.fromEntries(KINDS.map(({ kind, make }) => [kind, synthWorkload((scope, id) => make(scope, id, { containers: [app] }))]));

  it("Deployment and StatefulSet default to one replica", () => {
    assert.equal((byKind.Deployment!.spec as any).replicas, 1);
    assert.equal((byKind.StatefulSet!.spec as any).replicas, 1);
    assert.equal((byKind.StatefulSet!.spec as any).serviceName, "db");
  });

  it("Job and CronJob pods are not restarted in place; CronJob runs never overlap", () => {
    assert.equal(podSpecOf(byKind.Job!).restartPolicy, "Never");
    assert.equal(podSpecOf(byKind.CronJob!).restartPolicy, "Never");
    assert.equal((byKind.CronJob!.spec as any).concurrencyPolicy, "Forbid");
    assert.equal((byKind.CronJob!.spec as any).schedule, "*/15 * * * *");
  });

  it("a bare Pod restarts always and carries its selector label itself", () => {
    assert.equal(podSpecOf(byKind.Pod!).restartPolicy, "Always");
    assert.ok(SELECTOR_LABEL in (byKind.Pod!.metadata as any).labels);
  });
});
