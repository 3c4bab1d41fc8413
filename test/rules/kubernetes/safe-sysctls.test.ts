import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeSysctls as rule } from "../../../rules/kubernetes/safe-sysctls";
import { SAFE_SYSCTLS } from "../../../rules/sysctls";
import { assertPasses, assertViolations, check, UNKNOWN } from "../../helpers/kubernetes";
import { contextPod } from "./pod-fixtures";

const sysctls = (list: string) => contextPod(`{ sysctls: ${list} }`, "");

describe("safe-sysctls", () => {
  it("passes no sysctls and every safe one of Kubernetes 1.37", () => {
    assertPasses(rule, contextPod("", ""));
    assertPasses(rule, sysctls(JSON.stringify(SAFE_SYSCTLS.map((name) => ({ name, value: "1" })))));
    assert.ok(SAFE_SYSCTLS.includes("net.ipv4.tcp_notsent_lowat"), "the 1.37 additions are in");
  });

  it("fails unsafe sysctls, each at its own path", () => {
    const findings = assertViolations(rule, sysctls('[{ name: kernel.shm_rmid_forced, value: "1" }, { name: kernel.msgmax, value: "1" }, { name: net.core.somaxconn, value: "1024" }]'), [
      ["spec.securityContext.sysctls[1].name", undefined],
      ["spec.securityContext.sysctls[2].name", undefined],
    ]);
    assert.match(findings[0]!.message, /"kernel.msgmax", which is not on Pod Security's list/);
  });

  it("fails spellings PSA does not match, telling which to write", () => {
    const [slash, upper] = assertViolations(rule, sysctls('[{ name: kernel/shm_rmid_forced, value: "1" }, { name: Net.IPv4.tcp_syncookies, value: "1" }]'), [
      ["spec.securityContext.sysctls[0].name", undefined],
      ["spec.securityContext.sysctls[1].name", undefined],
    ]);
    assert.match(slash!.message, /Write it with dots, "kernel.shm_rmid_forced"/);
    assert.match(upper!.message, /Remove it/);
  });

  it("reports unknown and malformed sysctls", () => {
    assert.deepEqual(check(rule, sysctls(`[{ name: "${UNKNOWN}", value: "1" }]`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.securityContext.sysctls[0].name"]]);
    assert.deepEqual(check(rule, sysctls(`"${UNKNOWN}"`)).map((f) => [f.outcome, f.path]), [["unknown", "spec.securityContext.sysctls"]]);
    assertViolations(rule, sysctls('[{ value: "1" }]'), [["spec.securityContext.sysctls[0].name", undefined]]);
    assertViolations(rule, sysctls("[kernel.msgmax]"), [["spec.securityContext.sysctls[0]", undefined]]);
    assertViolations(rule, contextPod(`"${"x"}"`, ""), [["spec.securityContext", undefined]]);
  });
});
