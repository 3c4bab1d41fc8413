/**
 * The package entry `container-hardening/constructs` (package.json exports, resolved the way a user's
 * app resolves it) offers the secure constructs and both validations; the cdk8s CLI plugin module
 * loads without the rest of the entry (cdk8s.yaml names it by file).
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "./synth";

const load = createRequire(__filename);

describe("container-hardening/constructs", () => {
  it("exports every secure workload kind and both validations", () => {
    const entry = load("container-hardening/constructs");
    for (const name of ["SecureDeployment", "SecureStatefulSet", "SecureDaemonSet", "SecureJob", "SecureCronJob", "SecurePod", "HardeningValidation", "HardeningValidationPlugin"]) {
      assert.equal(typeof entry[name], "function", name);
    }
  });

  it("the CLI plugin module exports its class by the name cdk8s.yaml uses", () => {
    const plugin = load(join(ROOT, "dist", "constructs", "validation", "cli-plugin.js"));
    assert.equal(typeof plugin.HardeningValidationPlugin, "function");
  });
});
