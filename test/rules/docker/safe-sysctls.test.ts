import { describe } from "node:test";
import { safeSysctls } from "../../../rules/docker/safe-sysctls";
import { container, service, table, UNKNOWN } from "./docker-fixtures";

describe("safe-sysctls (Docker)", () => {
  table(safeSysctls, {
    passes: [
      { name: "no sysctls", resource: container() },
      { name: "net.ipv4.ip_unprivileged_port_start", resource: container({ sysctls: { "net.ipv4.ip_unprivileged_port_start": "80" } }) },
      { name: "a Service with a safe sysctl", resource: service({ sysctl: { "net.ipv4.tcp_syncookies": "1" } }) },
      // runc writes both spellings to the same /proc/sys file (test/docker measures it).
      { name: "a safe name written with slashes", resource: container({ sysctls: { "kernel/shm_rmid_forced": "1" } }) },
    ],
    fails: [
      { name: "net.ipv4.ip_forward", resource: container({ sysctls: { "net.ipv4.ip_forward": "1" } }), expect: [["violation", 'sysctls["net.ipv4.ip_forward"]']] },
      { name: "an unsafe name written with slashes", resource: container({ sysctls: { "net/ipv4/ip_forward": "1" } }), expect: [["violation", 'sysctls["net/ipv4/ip_forward"]']] },
      { name: "a Service sysctl", resource: service({ sysctl: { "kernel.shmmax": "1" } }), expect: [["violation", 'taskSpec.containerSpec.sysctl["kernel.shmmax"]']] },
      { name: "sysctls unknown at preview", resource: container({ sysctls: UNKNOWN }), expect: [["unknown", "sysctls"]] },
    ],
  });
});
