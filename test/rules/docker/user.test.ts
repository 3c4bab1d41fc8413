import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isRootUser, parseUser } from "../../../rules/docker/user";

describe("Docker user values", () => {
  it("treat root by name, every spelling of UID 0, and an empty user part as root", () => {
    for (const user of ["root", "0", "00", "+0", "-0", ""]) assert.ok(isRootUser(user), user);
    for (const user of ["ROOT", "65532", "app", "1000"]) assert.ok(!isRootUser(user), user);
    assert.deepEqual(parseUser("0:*"), { user: "0", group: "*" });
    assert.deepEqual(parseUser("app"), { user: "app", group: undefined });
  });
});
