import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runAsNonRoot } from "../../../rules/docker/run-as-non-root";
import { nonRootUidGid } from "../../../rules/docker/non-root-uid-gid";
import { isRootUser, parseUser } from "../../../rules/docker/user";
import { check, container, service, table, UNKNOWN } from "./docker-fixtures";

describe("Docker user values", () => {
  it("treat root by name, every spelling of UID 0, and an empty user part as root", () => {
    for (const user of ["root", "0", "00", "+0", "-0", ""]) assert.ok(isRootUser(user), user);
    for (const user of ["ROOT", "65532", "app", "1000"]) assert.ok(!isRootUser(user), user);
    assert.deepEqual(parseUser("0:*"), { user: "0", group: "*" });
    assert.deepEqual(parseUser("app"), { user: "app", group: undefined });
  });
});

describe("run-as-non-root (Docker)", () => {
  table(runAsNonRoot, {
    passes: [
      { name: 'user: "65532:65532"', resource: container({ user: "65532:65532" }) },
      { name: 'user: "app" (a named user)', resource: container({ user: "app" }) },
      { name: 'user: "1000:0" (root group is non-root-uid-gid\'s concern)', resource: container({ user: "1000:0" }) },
      { name: 'a Service with user "10001"', resource: service({ user: "10001" }) },
    ],
    fails: [
      { name: "no user (the image's USER cannot be seen)", resource: container(), expect: [["violation", "user"]], says: /image's USER, which this policy cannot see.*user: "65532:65532"/ },
      { name: 'user: "" (same as unset)', resource: container({ user: "" }), expect: [["violation", "user"]] },
      { name: 'user: "root"', resource: container({ user: "root" }), expect: [["violation", "user"]] },
      { name: 'user: "0"', resource: container({ user: "0" }), expect: [["violation", "user"]] },
      { name: 'user: "0:0"', resource: container({ user: "0:0" }), expect: [["violation", "user"]] },
      { name: 'user: "root:root"', resource: container({ user: "root:root" }), expect: [["violation", "user"]] },
      { name: 'user: "0:65532"', resource: container({ user: "0:65532" }), expect: [["violation", "user"]] },
      { name: 'user: "root:app"', resource: container({ user: "root:app" }), expect: [["violation", "user"]] },
      { name: 'user: "00" (Atoi reads UID 0)', resource: container({ user: "00" }), expect: [["violation", "user"]] },
      { name: 'user: ":1000" (empty user part runs as UID 0)', resource: container({ user: ":1000" }), expect: [["violation", "user"]], says: /has an empty user part/ },
      { name: "a Service without user, naming the Service field", resource: service(), expect: [["violation", "taskSpec.containerSpec.user"]], says: /taskSpec\.containerSpec\.user: "65532:65532"/ },
      { name: 'a Service with user "root"', resource: service({ user: "root" }), expect: [["violation", "taskSpec.containerSpec.user"]] },
      { name: "a user unknown at preview", resource: container({ user: UNKNOWN }), expect: [["unknown", "user"]] },
      { name: "a containerSpec unknown at preview", resource: { type: service().type, props: { taskSpec: { containerSpec: UNKNOWN } } }, expect: [["unknown", "taskSpec.containerSpec"]] },
      { name: "a user of the wrong type", resource: container({ user: 65532 }), expect: [["violation", "user"]], says: /cannot be read/ },
    ],
  });

  it("has no automatic fix (the UID the image supports is the author's choice)", () => {
    assert.equal(runAsNonRoot.fix, undefined);
  });
});

describe("non-root-uid-gid (Docker)", () => {
  table(nonRootUidGid, {
    passes: [
      { name: 'user: "65532:65532"', resource: container({ user: "65532:65532" }) },
      { name: "a Service with user 10001:10001 and groups [video]", resource: service({ user: "10001:10001", groups: ["44"] }) },
      { name: "a lower ID with minimumId 1000", resource: container({ user: "1000:1000" }), options: { minimumId: 1000 } },
    ],
    fails: [
      { name: "no user", resource: container(), expect: [["violation", "user"]] },
      { name: "a named user", resource: container({ user: "app:app" }), expect: [["violation", "user"]], says: /is a name/ },
      { name: "a UID without a group", resource: container({ user: "65532" }), expect: [["violation", "user"]], says: /no group is given/ },
      { name: "a low UID and GID", resource: container({ user: "1000:1000" }), expect: [["violation", "user"]], says: /UID 1000 is below 10000; the GID 1000 is below 10000/ },
      { name: "group 0", resource: container({ user: "65532:0" }), expect: [["violation", "user"]] },
      { name: "root's group among groupAdds", resource: container({ user: "65532:65532", groupAdds: ["0"] }), expect: [["violation", "groupAdds[0]"]] },
      { name: "root among a Service's groups", resource: service({ user: "65532:65532", groups: ["root"] }), expect: [["violation", "taskSpec.containerSpec.groups[0]"]] },
      { name: "groups unknown at preview", resource: container({ user: "65532:65532", groupAdds: [UNKNOWN] }), expect: [["unknown", "groupAdds[0]"]] },
    ],
  });

  it("reads the minimum from the options", () => {
    assert.equal(check(nonRootUidGid, container({ user: "20000:20000" }), { minimumId: 30000 }).length, 1);
  });
});
