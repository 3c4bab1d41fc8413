import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noHostNamespaces } from "../../../rules/docker/no-host-namespaces";
import { composeSubject } from "../../../rules/docker/subject";
import { DEFAULT_OPTIONS } from "../../../rules/options";
import { container, service, table, UNKNOWN } from "./docker-fixtures";

describe("no-host-namespaces (Docker)", () => {
  table(noHostNamespaces, {
    passes: [
      { name: "no namespace settings", resource: container() },
      { name: 'networkMode "container:db" (another container, not the host)', resource: container({ networkMode: "container:db", pidMode: "container:db", ipcMode: "shareable" }) },
      { name: 'networkMode "bridge", ipcMode "private", cgroupnsMode "private"', resource: container({ networkMode: "bridge", ipcMode: "private", cgroupnsMode: "private" }) },
      { name: "a Service (no such inputs)", resource: service() },
    ],
    fails: [
      {
        name: 'every mode "host"',
        resource: container({ networkMode: "host", pidMode: "host", ipcMode: "host", usernsMode: "host", cgroupnsMode: "host" }),
        expect: [["violation", "networkMode"], ["violation", "pidMode"], ["violation", "ipcMode"], ["violation", "usernsMode"], ["violation", "cgroupnsMode"]],
      },
      { name: 'networkMode "host", saying what to write instead', resource: container({ networkMode: "host" }), expect: [["violation", "networkMode"]], says: /Remove networkMode; use a user-defined network/ },
      { name: "a mode unknown at preview", resource: container({ pidMode: UNKNOWN }), expect: [["unknown", "pidMode"]] },
      { name: "a mode of the wrong type", resource: container({ networkMode: true }), expect: [["violation", "networkMode"]] },
    ],
  });

  it("has no automatic fix", () => assert.equal(noHostNamespaces.fix, undefined));

  // Measured with the test daemon (test/docker): uts: host puts the container in the host's UTS namespace.
  it('refuses a Compose service with uts: "host", and passes one without', () => {
    const found = noHostNamespaces.check(composeSubject("web", { image: "app", uts: "host" }), { ...DEFAULT_OPTIONS });
    assert.deepEqual(found.map((f) => [f.outcome, f.path]), [["violation", "services.web.uts"]]);
    assert.match(found[0]!.message, /host's UTS namespace/);
    assert.deepEqual(noHostNamespaces.check(composeSubject("web", { image: "app" }), { ...DEFAULT_OPTIONS }), []);
  });
});
