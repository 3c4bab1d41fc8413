import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goBool, parseSecurityOpt } from "../../../rules/docker/security-opts";
import { noPrivilegeEscalation } from "../../../rules/docker/no-privilege-escalation";
import { seccompProfile } from "../../../rules/docker/seccomp-profile";
import { apparmorProfile } from "../../../rules/docker/apparmor-profile";
import { selinuxOptions } from "../../../rules/docker/selinux-options";
import { procMount } from "../../../rules/docker/proc-mount";
import { assertFixes, container, service, table, UNKNOWN, UNKNOWN_ARRAY } from "./docker-fixtures";

const NNP = ["no-new-privileges=true"];

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

describe("no-privilege-escalation (Docker)", () => {
  table(noPrivilegeEscalation, {
    passes: [
      { name: "no-new-privileges", resource: container({ securityOpts: ["no-new-privileges"] }) },
      { name: "no-new-privileges:true", resource: container({ securityOpts: ["no-new-privileges:true"] }) },
      { name: "no-new-privileges=true", resource: container({ securityOpts: ["no-new-privileges=true"] }) },
      { name: "no-new-privileges=1 and =T (Go booleans)", resource: container({ securityOpts: ["no-new-privileges=1", "no-new-privileges=T"] }) },
    ],
    fails: [
      { name: "no securityOpts", resource: container(), expect: [["violation", "securityOpts"]], says: /Add "no-new-privileges=true" to securityOpts/ },
      { name: "no-new-privileges=false (passes a substring match)", resource: container({ securityOpts: ["no-new-privileges=false"] }), expect: [["violation", "securityOpts[0]"]], says: /turns no_new_privs off/ },
      { name: "no-new-privileges:0", resource: container({ securityOpts: ["no-new-privileges:0"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "no-new-privileges=yes (not a Go boolean)", resource: container({ securityOpts: ["no-new-privileges=yes"] }), expect: [["violation", "securityOpts[0]"]], says: /strconv\.ParseBool/ },
      { name: "true and false together (the set's order is not kept)", resource: container({ securityOpts: ["no-new-privileges", "no-new-privileges=False"] }), expect: [["violation", "securityOpts[1]"]], says: /order is not kept/ },
      { name: "NO-NEW-PRIVILEGES (keys are case-sensitive)", resource: container({ securityOpts: ["NO-NEW-PRIVILEGES=true"] }), expect: [["violation", "securityOpts"]] },
      { name: "an entry unknown at preview beside a true one", resource: container({ securityOpts: ["no-new-privileges", UNKNOWN] }), expect: [["unknown", "securityOpts"]] },
      { name: "securityOpts unknown at preview", resource: container({ securityOpts: UNKNOWN_ARRAY }), expect: [["unknown", "securityOpts"]] },
      { name: "an entry of the wrong type", resource: container({ securityOpts: [true] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "a Service (not settable through @pulumi/docker)", resource: service(), expect: [["violation", "taskSpec.containerSpec.privileges"]], says: /daemon\.json.*exempt/ },
    ],
  });

  it("fixes by removing false or invalid entries and adding no-new-privileges=true", () => {
    const fixed = assertFixes(noPrivilegeEscalation, container({ securityOpts: ["apparmor=docker-default", "no-new-privileges=false", "no-new-privileges=maybe"] }));
    assert.deepEqual(fixed.securityOpts, ["apparmor=docker-default", "no-new-privileges=true"]);
    assert.deepEqual(assertFixes(noPrivilegeEscalation, container()).securityOpts, NNP);
  });
});

describe("seccomp-profile (Docker)", () => {
  table(seccompProfile, {
    passes: [
      { name: "no seccomp option (Docker's default profile)", resource: container({ securityOpts: NNP }) },
      { name: "a profile of its own", resource: container({ securityOpts: ['seccomp={"defaultAction":"SCMP_ACT_ERRNO","syscalls":[]}'] }) },
      { name: "seccomp=builtin", resource: container({ securityOpts: ["seccomp=builtin"] }) },
      { name: "a Service", resource: service() },
    ],
    fails: [
      { name: "seccomp=unconfined", resource: container({ securityOpts: ["seccomp=unconfined"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "seccomp:unconfined (deprecated separator)", resource: container({ securityOpts: [...NNP, "seccomp:unconfined"] }), expect: [["violation", "securityOpts[1]"]] },
      { name: "a profile that allows everything by default", resource: container({ securityOpts: ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'] }), expect: [["violation", "securityOpts[0]"]], says: /SCMP_ACT_ALLOW/ },
      { name: "privileged (no seccomp at all)", resource: container({ privileged: true }), expect: [["violation", "privileged"]] },
      { name: "an entry unknown at preview", resource: container({ securityOpts: [UNKNOWN] }), expect: [["unknown", "securityOpts"]] },
    ],
  });

  it("fixes by removing the unconfined entry", () => {
    assert.deepEqual(assertFixes(seccompProfile, container({ securityOpts: ["seccomp:unconfined", ...NNP] })).securityOpts, NNP);
  });
});

describe("apparmor-profile (Docker)", () => {
  table(apparmorProfile, {
    passes: [
      { name: "no apparmor option", resource: container() },
      { name: "a named profile", resource: container({ securityOpts: ["apparmor=my-profile"] }) },
      { name: "a Service", resource: service() },
    ],
    fails: [
      { name: "apparmor=unconfined", resource: container({ securityOpts: ["apparmor=unconfined"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "apparmor:unconfined", resource: container({ securityOpts: ["apparmor:unconfined"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "privileged", resource: container({ privileged: true }), expect: [["violation", "privileged"]], says: /runs without AppArmor confinement/ },
      { name: "securityOpts unknown at preview", resource: container({ securityOpts: UNKNOWN_ARRAY }), expect: [["unknown", "securityOpts"]] },
    ],
  });

  it("fixes by removing the unconfined entry", () => {
    assert.deepEqual(assertFixes(apparmorProfile, container({ securityOpts: ["apparmor=unconfined"] })).securityOpts, []);
  });
});

describe("selinux-options (Docker)", () => {
  table(selinuxOptions, {
    passes: [
      { name: "no label option", resource: container() },
      { name: "a level and an allowed type", resource: container({ securityOpts: ["label=level:s0:c100,c200", "label=type:container_t"] }) },
      { name: "a Service with a level only", resource: service({ privileges: { seLinuxContext: { level: "s0:c1,c2" } } }) },
      { name: 'networkMode "host" (does not disable labelling)', resource: container({ networkMode: "host" }) },
      { name: 'pidMode "host" with a label= option of its own', resource: container({ pidMode: "host", securityOpts: ["label=type:container_t"] }) },
    ],
    fails: [
      { name: "label=disable", resource: container({ securityOpts: ["label=disable"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "label:disable", resource: container({ securityOpts: ["label:disable"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "the bare disable", resource: container({ securityOpts: ["disable"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "label=type:spc_t", resource: container({ securityOpts: ["label=type:spc_t"] }), expect: [["violation", "securityOpts[0]"]], says: /super-privileged/ },
      { name: "a custom user and role", resource: container({ securityOpts: ["label=user:system_u", "label:role:system_r"] }), expect: [["violation", "securityOpts[0]"], ["violation", "securityOpts[1]"]] },
      { name: "privileged without a label option", resource: container({ privileged: true }), expect: [["violation", "privileged"]] },
      { name: 'pidMode and ipcMode "host" without a label option', resource: container({ pidMode: "host", ipcMode: "host" }), expect: [["violation", "pidMode"], ["violation", "ipcMode"]] },
      // moby GetProcessLabel: a privileged container gets no process label, whatever it asks for.
      { name: "privileged with a label option of its own", resource: container({ privileged: true, securityOpts: ["label=level:s0:c100,c200"] }), expect: [["violation", "privileged"]], says: /whatever label options/ },
      // moby 20.10 generateSecurityOpt looks for "label=" only, and appends label=disable.
      { name: 'pidMode "host" with a label: (colon) option', resource: container({ pidMode: "host", securityOpts: ["label:type:container_t"] }), expect: [["violation", "pidMode"]] },
      { name: "a Service with disable: true", resource: service({ privileges: { seLinuxContext: { disable: true } } }), expect: [["violation", "taskSpec.containerSpec.privileges.seLinuxContext.disable"]] },
      { name: "a Service with type spc_t and a user", resource: service({ privileges: { seLinuxContext: { type: "spc_t", user: "system_u" } } }), expect: [["violation", "taskSpec.containerSpec.privileges.seLinuxContext.type"], ["violation", "taskSpec.containerSpec.privileges.seLinuxContext.user"]] },
      { name: "a Service seLinuxContext unknown at preview", resource: service({ privileges: { seLinuxContext: UNKNOWN } }), expect: [["unknown", "taskSpec.containerSpec.privileges.seLinuxContext"]] },
      { name: "a label entry unknown at preview", resource: container({ securityOpts: [UNKNOWN] }), expect: [["unknown", "securityOpts"]] },
    ],
  });
});

describe("proc-mount (Docker)", () => {
  table(procMount, {
    passes: [
      { name: "no systempaths option", resource: container({ securityOpts: NNP }) },
      { name: "a Service", resource: service() },
    ],
    fails: [
      { name: "systempaths=unconfined", resource: container({ securityOpts: ["systempaths=unconfined"] }), expect: [["violation", "securityOpts[0]"]], says: /\/proc\/kcore/ },
      { name: "systempaths:unconfined", resource: container({ securityOpts: ["systempaths:unconfined"] }), expect: [["violation", "securityOpts[0]"]] },
      { name: "privileged (nothing masked)", resource: container({ privileged: true }), expect: [["violation", "privileged"]] },
      { name: "an entry unknown at preview", resource: container({ securityOpts: [UNKNOWN] }), expect: [["unknown", "securityOpts"]] },
    ],
  });

  it("fixes by removing the entry", () => {
    assert.deepEqual(assertFixes(procMount, container({ securityOpts: ["systempaths=unconfined", ...NNP] })).securityOpts, NNP);
  });
});
