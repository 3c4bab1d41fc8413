/**
 * The official Pod Security Admission evaluator (test/psa-oracle, k8s.io/pod-security-admission at
 * the release our rules claim, built by scripts/build-go-oracle.sh) admits every secure construct's
 * output at `restricted`, with defaults and across the props matrix: the constructs' claim checked
 * by the reference, not only by our own rules. A loosening beyond restricted is refused by it (PSA
 * knows nothing of our exemption annotations), which is why the constructs annotate it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SecureDeployment } from "../../../constructs/index";
import type { JsonObject } from "../../../rules/values";
import { askOracle } from "../../helpers/go-oracle";
import type { OracleVerdict } from "../../fuzz/psa-oracle";
import { KINDS, synthWorkload } from "../synth";
import { app, matrix } from "./variants";

/** PSA's verdicts for the objects, in order (one oracle process for all of them). */
function evaluate(objects: JsonObject[]): OracleVerdict[] {
  const verdicts = askOracle("psa-oracle", objects) as Array<OracleVerdict & { error?: string }>;
  for (const verdict of verdicts) assert.equal(verdict.error, undefined, verdict.error);
  return verdicts;
}

describe("Pod Security Admission (the official evaluator) admits the constructs' output at restricted", () => {
  for (const { kind, make } of KINDS) {
    it(`${kind}: defaults and every props combination`, () => {
      const cases = [{ label: "defaults", object: synthWorkload((scope, id) => make(scope, id, { containers: [app] })) }, ...matrix(make)];
      evaluate(cases.map((c) => c.object)).forEach((verdict, i) => {
        assert.deepEqual(verdict.restricted.details, [], `${kind}, ${cases[i]!.label}`);
        assert.equal(verdict.restricted.allowed, true);
      });
    });
  }

  it("refuses a capability added through unrestrictedCapabilities: the annotation is ours, not PSA's", () => {
    const object = synthWorkload((scope, id) => new SecureDeployment(scope, id, { containers: [{ ...app, addCapabilities: ["SYS_PTRACE"], unrestrictedCapabilities: { reason: "profiler" } }] }));
    const [verdict] = evaluate([object]);
    assert.deepEqual([verdict!.restricted.allowed, verdict!.restricted.reasons], [false, ["unrestricted capabilities"]]);
  });
});
