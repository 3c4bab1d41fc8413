import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goBool, parseSecurityOpt } from "../../../rules/docker/security-opts";

describe("Docker security options", () => {
  it("split as the daemon splits them: bare no-new-privileges and disable, then = before :", () => {
    assert.deepEqual(parseSecurityOpt("no-new-privileges"), { key: "no-new-privileges", value: "true" });
    assert.deepEqual(parseSecurityOpt("disable"), { key: "label", value: "disable" });
    assert.deepEqual(parseSecurityOpt("seccomp:unconfined"), { key: "seccomp", value: "unconfined" });
    assert.deepEqual(parseSecurityOpt("label=type:spc_t"), { key: "label", value: "type:spc_t" });
    assert.deepEqual(parseSecurityOpt("label:type:spc_t"), { key: "label", value: "type:spc_t" });
    assert.deepEqual(parseSecurityOpt("Seccomp=unconfined"), { key: "Seccomp", value: "unconfined" });
  });

  it("read booleans as Go's strconv.ParseBool", () => {
    for (const text of ["1", "t", "T", "TRUE", "true", "True"]) assert.equal(goBool(text), true, text);
    for (const text of ["0", "f", "F", "FALSE", "false", "False"]) assert.equal(goBool(text), false, text);
    for (const text of ["yes", "on", "tRUE", "", " true"]) assert.equal(goBool(text), undefined, text);
  });
});
