import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nonRootUidGid } from "../../../rules/docker/non-root-uid-gid";
import { check, container, service, table, UNKNOWN } from "./docker-fixtures";

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
