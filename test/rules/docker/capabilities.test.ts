import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dockerCapability } from "../../../rules/docker/capabilities";

describe("Docker capability names", () => {
  it("are read as the daemon reads them: any case, CAP_ optional, ALL magic, CAP_ALL and untrimmed names are not ALL", () => {
    assert.equal(dockerCapability("cap_sys_admin"), "SYS_ADMIN");
    assert.equal(dockerCapability("CAP_SYS_ADMIN"), "SYS_ADMIN");
    assert.equal(dockerCapability("Sys_Admin"), "SYS_ADMIN");
    assert.equal(dockerCapability("all"), "ALL");
    assert.equal(dockerCapability("CAP_ALL"), "CAP_ALL");
    assert.notEqual(dockerCapability(" ALL"), "ALL");
  });
});
