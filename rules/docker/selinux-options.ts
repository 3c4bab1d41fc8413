/**
 * selinux-options (Docker) — the container keeps its SELinux label: no disabled labelling, no
 * custom type, user or role.
 *
 * Reads:
 *   Container: `securityOpts` entries with the key `label` (`label=...`, `label:...`, and the bare
 *     `disable`, which the daemon reads as `label=disable`), and `privileged`, `pidMode`, `ipcMode`;
 *   Service: taskSpec.containerSpec.privileges.seLinuxContext.{disable,type,user,role}.
 * Refused:
 *   - labelling disabled: `label=disable`, `label:disable`, `disable`, seLinuxContext.disable: true;
 *     privileged: true, whatever its label options (moby Container.GetProcessLabel gives a
 *     privileged container no process label); and pidMode "host" or ipcMode "host" with no
 *     `label=` entry (moby 20.10 daemon/create.go generateSecurityOpt then appends label=disable; it
 *     looks only for entries whose text before the first `=` is `label`, so a `label:...` entry does
 *     not stop it);
 *   - a type other than the ones Pod Security allows (container_t, container_init_t,
 *     container_kvm_t, container_engine_t): `label=type:spc_t`, seLinuxContext.type;
 *   - any user or role: `label=user:...`, `label=role:...`, seLinuxContext.user / role.
 * Allowed: level (`label=level:s0:c100,c200`), filetype, nested, no label option at all.
 * No automatic fix, as for Kubernetes.
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { ALLOWED_SELINUX_TYPES } from "../selinux";
import type { DockerRule } from "./rule";
import { confinementFindings } from "./confinement";
import { securityOpts } from "./security-opts";
import { field, itemField, judge, type DockerContainerSubject } from "./subject";

const NEEDED = "no disabled labelling and no custom SELinux type, user or role";

/** What is wrong with a `label` option value (`disable`, `type:spc_t`, `user:system_u`, ...). */
function refuseLabel(value: string): string | undefined {
  if (value === "disable") return "turns SELinux labelling off, so SELinux does not confine the container. Remove it.";
  const at = value.indexOf(":");
  const key = at < 0 ? value : value.slice(0, at);
  const setting = at < 0 ? "" : value.slice(at + 1);
  if (key === "type" && setting !== "" && !ALLOWED_SELINUX_TYPES.includes(setting)) {
    const hint = setting === "spc_t" ? " (the super-privileged container type, which SELinux does not confine)" : "";
    return `sets the SELinux type ${setting}${hint}, which can lift the confinement of the container. Remove it (the daemon assigns container_t) or use one of ${ALLOWED_SELINUX_TYPES.join(", ")}.`;
  }
  if ((key === "user" || key === "role") && setting !== "") return `sets a custom SELinux ${key}, which is forbidden. Remove it.`;
  return undefined;
}

/** Privileged, or host pid/ipc with no `label=` entry: the daemon disables labelling on its own. */
function impliedDisable(subject: DockerContainerSubject): Finding[] {
  const opts = securityOpts(subject, NEEDED);
  if (!opts || opts.findings.length > 0) return [];
  const ownLabel = opts.entries.some((entry) => entry.raw.split("=")[0] === "label");
  const causes = [
    { name: "privileged", value: true, why: "makes Docker run the container without an SELinux process label, whatever label options it has" },
    ...(ownLabel ? [] : ([
      { name: "pidMode", value: "host", why: "with no label= security option makes Docker disable SELinux labelling for the container" },
      { name: "ipcMode", value: "host", why: "with no label= security option makes Docker disable SELinux labelling for the container" },
    ] as const)),
  ] as const;
  return causes.flatMap(({ name, value, why }) => {
    const located = field(subject, name)!;
    if (located.read.state !== "present" || located.read.value !== value) return [];
    return [violation(located.path, undefined, `${located.path}: ${JSON.stringify(value)} ${why}. Remove ${located.path}.`)];
  });
}

function serviceContext(subject: DockerContainerSubject): Finding[] {
  const context = field(subject, "seLinuxContext");
  if (!context) return [];
  const judged = judge(context, `an seLinuxContext with ${NEEDED}`);
  if (!judged) return [];
  if ("finding" in judged) return [judged.finding];
  const item = { value: judged.value, path: context.path, index: 0 };
  const findings: Finding[] = [];
  const disable = judge(itemField(item, "disable", "boolean"), "false or unset");
  if (disable && "finding" in disable) findings.push(disable.finding);
  else if (disable?.value === true) findings.push(violation(`${context.path}.disable`, undefined, `The service turns SELinux labelling off, so SELinux does not confine its containers. Remove disable.`));
  for (const key of ["type", "user", "role"] as const) {
    const setting = judge(itemField(item, key, "string"), key === "type" ? ALLOWED_SELINUX_TYPES.join(", ") : "unset");
    if (setting && "finding" in setting) findings.push(setting.finding);
    else if (setting) {
      const problem = refuseLabel(`${key}:${setting.value}`);
      if (problem) findings.push(violation(`${context.path}.${key}`, undefined, `The service ${problem}`));
    }
  }
  return findings;
}

export const selinuxOptions: DockerRule = {
  id: "selinux-options",
  remediation: 'docker.Container: no "label=disable", "label=type:spc_t", "label=user:..." or "label=role:..." in securityOpts ("label=level:s0:c100,c200" is fine); docker.Service: no disable, type, user or role in taskSpec.containerSpec.privileges.seLinuxContext.',
  check(subject) {
    return [...confinementFindings(subject, { key: "label", needed: NEEDED, refuse: refuseLabel }), ...impliedDisable(subject), ...serviceContext(subject)];
  },
};
