import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { restrictAddedCapabilities as rule } from "../../../rules/kubernetes/restrict-added-capabilities";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod } from "./pod-fixtures";

const pod = (add: string, extra = "") => containerPod(`securityContext: { capabilities: { drop: ["ALL"], add: ${add} } }`, extra);
const ADD = "spec.containers[0].securityContext.capabilities.add";
const baseline = { level: "baseline" as const };

describe("restrict-added-capabilities", () => {
  it("passes containers that add nothing or only NET_BIND_SERVICE at restricted", () => {
    assertPasses(rule, pod("[]"));
    assertPasses(rule, pod(`["NET_BIND_SERVICE"]`));
    assertPasses(rule, `
apiVersion: v1
kind: Pod
metadata: { name: web }
spec: { containers: [{ name: app, image: nginx }] }
`);
  });

  it("passes every capability of the PSS baseline list at level baseline", () => {
    assertPasses(rule, pod(`[AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]`), baseline);
  });

  it("fails a baseline capability at restricted, and NET_RAW or SYS_ADMIN at both levels", () => {
    assertViolations(rule, pod(`[NET_BIND_SERVICE, CHOWN]`), [[`${ADD}[1]`, "app"]]);
    for (const options of [{}, baseline]) {
      const [finding] = assertViolations(rule, pod(`[NET_RAW]`), [[`${ADD}[0]`, "app"]], options);
      assert.match(finding!.message, /Remove it from securityContext\.capabilities\.add/);
      assertViolations(rule, pod(`[SYS_ADMIN]`), [[`${ADD}[0]`, "app"]], options);
    }
  });

  it("fails CAP_ prefixes and other cases exactly as PSA does, explaining what the runtime grants", () => {
    for (const options of [{}, baseline]) {
      const [prefixed] = assertViolations(rule, pod(`["CAP_SYS_ADMIN"]`), [[`${ADD}[0]`, "app"]], options);
      assert.match(prefixed!.message, /grants SYS_ADMIN \(Kubernetes passes the name to the runtime/);
      assertViolations(rule, pod(`["sys_admin"]`), [[`${ADD}[0]`, "app"]], options);
      const [spelled] = assertViolations(rule, pod(`["cap_net_bind_service"]`), [[`${ADD}[0]`, "app"]], options);
      assert.match(spelled!.message, /Write "NET_BIND_SERVICE"/);
    }
    assertViolations(rule, pod(`["chown"]`), [[`${ADD}[0]`, "app"]], baseline);
    const [all] = assertViolations(rule, pod(`["ALL"]`), [[`${ADD}[0]`, "app"]], baseline);
    assert.match(all!.message, /grants every capability/);
  });

  it("lets allowedCapabilities narrow restricted, never widen it", () => {
    const [narrowed] = assertViolations(rule, pod(`["NET_BIND_SERVICE"]`), [[`${ADD}[0]`, "app"]], { allowedCapabilities: [] });
    assert.match(narrowed!.message, /allowedCapabilities does not list it.*add nothing/);
    const [widened] = assertViolations(rule, pod(`["SYS_TIME"]`), [[`${ADD}[0]`, "app"]], { allowedCapabilities: ["NET_BIND_SERVICE", "SYS_TIME"] });
    assert.match(widened!.message, /can only narrow/);
  });

  it("checks init and ephemeral containers of a Deployment, each entry separately", () => {
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      initContainers: [{ name: setup, image: busybox, securityContext: { capabilities: { add: [NET_ADMIN] } } }]
      containers: [{ name: app, image: nginx, securityContext: { capabilities: { add: [NET_BIND_SERVICE, SYS_PTRACE, NET_RAW] } } }]
      ephemeralContainers: [{ name: debug, image: busybox, securityContext: { capabilities: { add: [SYS_PTRACE] } } }]
`;
    assertViolations(rule, yaml, [
      ["spec.template.spec.initContainers[0].securityContext.capabilities.add[0]", "setup"],
      ["spec.template.spec.containers[0].securityContext.capabilities.add[1]", "app"],
      ["spec.template.spec.containers[0].securityContext.capabilities.add[2]", "app"],
      ["spec.template.spec.ephemeralContainers[0].securityContext.capabilities.add[0]", "debug"],
    ]);
  });

  it("exempts Windows pods at restricted only, as PSA's check override does", () => {
    assertPasses(rule, pod(`[SYS_ADMIN]`, "os: { name: windows }"));
    assertViolations(rule, pod(`[SYS_ADMIN]`, "os: { name: windows }"), [[`${ADD}[0]`, "app"]], baseline);
    assertViolations(rule, pod(`[SYS_ADMIN]`, "os: { name: Windows }"), [[`${ADD}[0]`, "app"]]);
  });

  it("reports an unknown OS as unknown instead of guessing the Windows exemption", () => {
    const findings = check(rule, parseObject(pod(`[SYS_ADMIN]`, `os: { name: "${UNKNOWN}" }`)));
    assert.deepEqual(findings.map((f) => [f.outcome, f.path]), [["unknown", "spec.os.name"]]);
    assert.deepEqual(check(rule, parseObject(pod(`[NET_BIND_SERVICE]`, `os: { name: "${UNKNOWN}" }`))), []);
  });

  it("reports values unknown at preview as unknown, never as a pass", () => {
    assert.deepEqual(check(rule, parseObject(pod(`["NET_BIND_SERVICE", "${UNKNOWN}"]`))).map((f) => [f.outcome, f.path]), [["unknown", `${ADD}[1]`]]);
    assert.deepEqual(check(rule, parseObject(pod(`"${UNKNOWN}"`))).map((f) => [f.outcome, f.path]), [["unknown", ADD]]);
  });

  it("reports wrong types as unreadable violations", () => {
    assertViolations(rule, pod(`"SYS_ADMIN"`), [[ADD, "app"]]);
    assertViolations(rule, pod(`[42]`), [[`${ADD}[0]`, "app"]]);
  });

  it("judges present additions in a server-side apply patch", () => {
    assert.equal(check(rule, parseObject(pod(`[SYS_ADMIN]`)), {}, true).length, 1);
  });

  it("fixes by keeping only allowed capabilities, spelled exactly", () => {
    const fixed = assertFixes(rule, pod(`["cap_net_bind_service", "CAP_SYS_ADMIN", "NET_RAW"]`));
    assert.deepEqual((fixed as any).spec.containers[0].securityContext.capabilities, { drop: ["ALL"], add: ["NET_BIND_SERVICE"] });
    const fixedBaseline = assertFixes(rule, pod(`["chown", "SYS_ADMIN"]`), baseline);
    assert.deepEqual((fixedBaseline as any).spec.containers[0].securityContext.capabilities.add, ["CHOWN"]);
  });
});
