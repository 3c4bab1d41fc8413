import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runAsNonRoot } from "../../../rules/docker/run-as-non-root";
import { container, service, table, UNKNOWN } from "./docker-fixtures";

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
