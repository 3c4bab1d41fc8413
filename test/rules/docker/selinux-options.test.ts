import { describe } from "node:test";
import { selinuxOptions } from "../../../rules/docker/selinux-options";
import { container, service, table, UNKNOWN } from "./docker-fixtures";

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
