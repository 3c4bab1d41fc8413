import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readOnlyRootFilesystem } from "../../../rules/docker/read-only-root-filesystem";
import { noPrivileged } from "../../../rules/docker/no-privileged";
import { noHostNamespaces } from "../../../rules/docker/no-host-namespaces";
import { composeSubject } from "../../../rules/docker/subject";
import { DEFAULT_OPTIONS } from "../../../rules/options";
import { assertFixes, container, service, table, UNKNOWN } from "./docker-fixtures";

describe("read-only-root-filesystem (Docker)", () => {
  table(readOnlyRootFilesystem, {
    passes: [
      { name: "readOnly: true", resource: container({ readOnly: true, tmpfs: { "/tmp": "rw,noexec,nosuid" } }) },
      { name: "a Service with readOnly: true", resource: service({ readOnly: true }) },
    ],
    fails: [
      { name: "readOnly unset", resource: container(), expect: [["violation", "readOnly"]], says: /readOnly: true.*tmpfs/ },
      { name: "readOnly: false", resource: container({ readOnly: false }), expect: [["violation", "readOnly"]] },
      { name: "a Service without readOnly", resource: service(), expect: [["violation", "taskSpec.containerSpec.readOnly"]] },
      { name: 'readOnly: "true" (a string)', resource: container({ readOnly: "true" }), expect: [["violation", "readOnly"]], says: /cannot be read/ },
      { name: "readOnly unknown at preview", resource: container({ readOnly: UNKNOWN }), expect: [["unknown", "readOnly"]] },
    ],
  });

  it("fixes by setting readOnly: true, for a Container and a Service", () => {
    assert.equal(assertFixes(readOnlyRootFilesystem, container({ readOnly: false })).readOnly, true);
    assert.equal((assertFixes(readOnlyRootFilesystem, service()).taskSpec as any).containerSpec.readOnly, true);
  });
});

describe("no-privileged (Docker)", () => {
  table(noPrivileged, {
    passes: [
      { name: "privileged unset", resource: container() },
      { name: "privileged: false", resource: container({ privileged: false }) },
      { name: "a Service (no such input)", resource: service() },
    ],
    fails: [
      { name: "privileged: true", resource: container({ privileged: true }), expect: [["violation", "privileged"]], says: /every capability and every host device/ },
      { name: "privileged unknown at preview", resource: container({ privileged: UNKNOWN }), expect: [["unknown", "privileged"]] },
      { name: 'privileged: "false" (a string)', resource: container({ privileged: "false" }), expect: [["violation", "privileged"]] },
    ],
  });

  it("fixes by setting privileged: false", () => {
    assert.equal(assertFixes(noPrivileged, container({ privileged: true })).privileged, false);
  });
});

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
