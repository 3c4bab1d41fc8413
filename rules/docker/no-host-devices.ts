/**
 * no-host-devices (Docker only) — the container is given no device node of the host.
 *
 * Reads (Container; a Service has no such input): devices[*].hostPath, deviceCgroupRules; Compose:
 *   devices, device_cgroup_rules.
 * Refused: every `devices` entry (named by its host path: /dev/sda, /dev/mem, /dev/kmsg, ... give
 *   raw access to disks, memory or the kernel log, which no file permission inside the container
 *   limits), and every `deviceCgroupRules` entry (it lets the container use a class of devices,
 *   e.g. "c *:* rwm", which with MKNOD is any device).
 * Not read: `gpus` and `deviceRequests`, which ask the vendor runtime for accelerators by name
 *   rather than hand over arbitrary device nodes. `privileged: true` gives every device too; that is
 *   no-privileged's finding.
 * No automatic fix: only the owner knows whether the device is needed; exempt it with a reason.
 */
import type { Finding, RuleMeta } from "../types";
import { violation } from "../findings";
import type { DockerRule } from "./rule";
import { field, itemField, items, judge, type DockerContainerSubject } from "./subject";

const NEEDED = "no host devices";

function check(subject: DockerContainerSubject): Finding[] {
  const list = field(subject, "devices");
  const devices = items(list, "object", NEEDED);
  const findings = [...devices.findings];
  for (const device of devices.items) {
    const hostPath = itemField(device, "hostPath", "string");
    const judged = judge(hostPath, NEEDED);
    if (judged && "finding" in judged) findings.push(judged.finding);
    const what = judged && "value" in judged ? `the host device ${judged.value}` : "a host device";
    findings.push(violation(device.path, undefined, `The container is given ${what}: raw access to it bypasses the isolation of the container's file system and cgroups. Remove it from ${list!.path}; if the container truly needs it, exempt the resource with a reason.`));
  }
  const ruleList = field(subject, "deviceCgroupRules");
  const rules = items(ruleList, "string", NEEDED);
  findings.push(...rules.findings);
  for (const rule of rules.items) {
    findings.push(violation(rule.path, undefined, `"${rule.value}" lets the container use every device of that class that it can create or is given. Remove it from ${ruleList!.path}.`));
  }
  return findings;
}

const meta: RuleMeta = {
  id: "no-host-devices",
  title: "No host devices",
  description:
    "A device node passed into a container (a disk, /dev/mem, /dev/kmsg, a USB or serial device) gives raw access that neither the container's file system nor its user can limit: reading a disk reads every file on it. Device cgroup rules open whole classes of devices.",
  severity: "high",
  pss: [],
  references: [
    { source: "CIS Docker Benchmark", control: "5.17 Ensure that host devices are not directly exposed to containers" },
    { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
  ],
  remediation:
    'docker.Container: leave devices and deviceCgroupRules unset. Request GPUs through gpus: "all" or deviceRequests rather than device nodes; if a device is truly needed, exempt the resource by name with a reason:\n  "no-host-devices": { "exemptions": [{ "name": "scanner", "reason": "reads /dev/ttyUSB0, reviewed" }] }',
  options: [],
};

export const noHostDevices: DockerRule = { id: meta.id, meta, check };
