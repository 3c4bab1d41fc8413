/**
 * Each Kubernetes rule of the catalogue as CEL validations, meaning what its TypeScript check means
 * on an object the API server has decoded and validated (rules/kubernetes/<rule>.ts; the header
 * of each says what it reads, allows and exempts). Findings the pack makes about the pod spec carry
 * no container and only a whole-object exemption lifts them; container findings are checked per
 * container, so that `rule/container` exemptions lift exactly those (cel.ts everyContainer).
 */
import { allowedAdditions } from "../rules/capabilities";
import { SAFE_SYSCTLS } from "../rules/sysctls";
import { ALLOWED_SELINUX_TYPES } from "../rules/selinux";
import { RESTRICTED_VOLUME_TYPES } from "../rules/kubernetes/restricted-volume-types";
import type { RuleOptions } from "../rules/types";
import { context, everyContainer, everyPlace, everyVolume, list, literal, podCheck, SPEC, unless, withSegments, type Validation } from "./cel";
import { allowedHostPathCel, exposesRuntimeSocketCel } from "./host-path-cel";

const PROFILE_TYPES = ["RuntimeDefault", "Localhost"];
const APPARMOR_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

/** A seccompProfile or appArmorProfile written at `owner` has an allowed type (unset is fine). */
function profileAllowed(owner: string, field: string): string {
  return `(!${context(owner, field)}.hasValue() || ${owner}.securityContext.${field}.?type.orValue('') in ${list(PROFILE_TYPES)})`;
}

function idAllowed(owner: string, field: string, minimum: number): string {
  return `${context(owner, field)}.orValue(${minimum}) >= ${minimum}`;
}

const PROBE_HOSTS = ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle.postStart", "lifecycle.preStop"].flatMap((owner) =>
  ["httpGet", "tcpSocket"].map((handler) => `c${`${owner}.${handler}.host`.split(".").map((key) => `.?${key}`).join("")}.orValue('') == ''`),
);

export const RULE_VALIDATIONS: Record<string, (options: RuleOptions) => Validation[]> = {
  "drop-all-capabilities": () =>
    unless("variables.windows", [
      everyContainer(`${context("c", "capabilities.drop")}.orValue([]).exists(d, d == 'ALL')`, 'does not drop all capabilities (the exact, upper-case "ALL"). Set securityContext.capabilities.drop: ["ALL"] and add back only what it needs.'),
    ]),
  "no-privileged": () => [everyContainer(`!${context("c", "privileged")}.orValue(false)`, "is privileged: root in it is root on the node. Remove securityContext.privileged (or set it to false).")],
  "no-host-namespaces": () => [
    podCheck(
      ["hostNetwork", "hostPID", "hostIPC"].map((field) => `!${SPEC}.?${field}.orValue(false)`).join(" && "),
      "the pod shares a namespace of the node (hostNetwork, hostPID or hostIPC: true). Remove them (or set them to false).",
    ),
  ],
  "restrict-added-capabilities": (options) => {
    const allowed = allowedAdditions(options);
    const check = [
      everyContainer(
        `${context("c", "capabilities.add")}.orValue([]).all(a, a in ${list(allowed)})`,
        `adds a capability the ${options.level} level does not allow (exact, upper-case names without CAP_). Remove it from securityContext.capabilities.add and ${allowed.length === 0 ? "add nothing" : `add only what it needs from: ${allowed.join(", ")}`}.`,
      ),
    ];
    return options.level === "restricted" ? unless("variables.windows", check) : check;
  },
  "no-privilege-escalation": () =>
    unless("variables.windows", [everyContainer(`${context("c", "allowPrivilegeEscalation")}.orValue(true) == false`, "does not set allowPrivilegeEscalation: false. Set securityContext.allowPrivilegeEscalation: false.")]),
  "run-as-non-root": () =>
    unless("variables.userNamespace", [
      podCheck(`${context(SPEC, "runAsNonRoot")}.orValue(true)`, "the pod sets runAsNonRoot: false, which is refused even when containers set true. Set spec.securityContext.runAsNonRoot: true."),
      everyContainer(
        `${context("c", "runAsNonRoot")}.orValue(${context(SPEC, "runAsNonRoot")}.hasValue())`,
        "is not required to run as non-root (runAsNonRoot false, or unset here and on the pod). Set securityContext.runAsNonRoot: true on the pod or in the container.",
      ),
      ...everyPlace((owner) => `${context(owner, "runAsUser")}.orValue(1) != 0`, "sets runAsUser: 0, so it runs as root. Set runAsUser to a non-zero UID the image supports (e.g. 10001)."),
    ]),
  "seccomp-profile": (options) => {
    const places = everyPlace((owner) => profileAllowed(owner, "seccompProfile"), 'sets a seccompProfile type other than "RuntimeDefault" or "Localhost". Set seccompProfile.type: RuntimeDefault.');
    if (options.level === "baseline") return places;
    const someProfile = everyContainer(
      `${context("c", "seccompProfile")}.hasValue() || ${context(SPEC, "seccompProfile")}.hasValue()`,
      "runs without a seccomp profile: neither it nor the pod sets one. Set spec.securityContext.seccompProfile.type: RuntimeDefault (or set it in the container).",
    );
    return unless("variables.windows", [...places, someProfile]);
  },
  "apparmor-profile": () => [
    ...everyPlace((owner) => profileAllowed(owner, "appArmorProfile"), 'sets an appArmorProfile type other than "RuntimeDefault" or "Localhost". Set appArmorProfile.type: RuntimeDefault, or remove appArmorProfile.'),
    {
      expression: `variables.podAnnotations.all(k, !k.startsWith(${literal(APPARMOR_PREFIX)}) || k.substring(${APPARMOR_PREFIX.length}) in variables.exemptContainers || variables.podAnnotations[k] == '' || variables.podAnnotations[k] == 'runtime/default' || variables.podAnnotations[k].startsWith('localhost/'))`,
      messageExpression: `variables.target + ': the pod template annotations give a container a forbidden AppArmor profile (' + variables.podAnnotations.filter(k, k.startsWith(${literal(APPARMOR_PREFIX)}) && !(k.substring(${APPARMOR_PREFIX.length}) in variables.exemptContainers) && !(variables.podAnnotations[k] == '' || variables.podAnnotations[k] == 'runtime/default' || variables.podAnnotations[k].startsWith('localhost/'))).map(k, k + ': ' + variables.podAnnotations[k]).join(', ') + '). Remove the annotation or set it to "runtime/default" or "localhost/<profile>".'`,
    },
  ],
  "selinux-options": () =>
    everyPlace(
      (owner) => `(!${context(owner, "seLinuxOptions")}.hasValue() || (${context(owner, "seLinuxOptions.type")}.orValue('') in ${list(["", ...ALLOWED_SELINUX_TYPES])} && ${context(owner, "seLinuxOptions.user")}.orValue('') == '' && ${context(owner, "seLinuxOptions.role")}.orValue('') == ''))`,
      `sets a custom SELinux type, user or role. Remove seLinuxOptions.user and .role, and use no type or one of ${ALLOWED_SELINUX_TYPES.join(", ")}.`,
    ),
  "proc-mount": (options) => {
    const check = [everyContainer(`${context("c", "procMount")}.orValue('Default') == 'Default'`, 'sets a procMount other than "Default", which unmasks /proc paths. Remove securityContext.procMount or set it to "Default".')];
    return options.level === "baseline" ? unless("variables.userNamespace", check) : check;
  },
  "no-host-path-volumes": (options) => [
    everyVolume(
      `!v.?hostPath.hasValue() || ${options.allowedHostPaths.length === 0 ? "false" : withSegments("v.hostPath.path", allowedHostPathCel(options.allowedHostPaths))}`,
      `mounts a path of the node (hostPath). Use an emptyDir, persistentVolumeClaim, configMap, secret or projected volume instead${options.allowedHostPaths.length === 0 ? "" : ` (allowedHostPaths: ${options.allowedHostPaths.join(", ")})`}.`,
    ),
  ],
  "restricted-volume-types": () => [everyVolume(`v.all(k, k in ${list(["name", ...RESTRICTED_VOLUME_TYPES])})`, `is of a type Pod Security restricted does not allow. Use one of ${RESTRICTED_VOLUME_TYPES.join(", ")}.`)],
  "no-host-ports": () => [everyContainer("c.?ports.orValue([]).all(p, p.?hostPort.orValue(0) == 0)", "binds a port of the node (hostPort). Remove hostPort and expose the containerPort through a Service.")],
  "safe-sysctls": () => [
    podCheck(`${context(SPEC, "sysctls")}.orValue([]).all(s, s.?name.orValue('') in ${list(SAFE_SYSCTLS)})`, "the pod sets a sysctl that is not on Pod Security's list of namespaced, safe sysctls. Remove it."),
  ],
  "no-host-probes": () => [everyContainer(PROBE_HOSTS.join(" && "), "has the kubelet send a probe or lifecycle request to another host. Remove host so the request goes to the pod's own IP.")],
  "no-windows-host-process": () =>
    everyPlace((owner) => `!${context(owner, "windowsOptions.hostProcess")}.orValue(false)`, "sets windowsOptions.hostProcess: true. Remove windowsOptions.hostProcess (or set it to false)."),
  "read-only-root-filesystem": () =>
    unless("variables.windows", [
      everyContainer(`${context("c", "readOnlyRootFilesystem")}.orValue(false)`, "does not set readOnlyRootFilesystem: true. Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write."),
    ]),
  "non-root-uid-gid": ({ minimumId }) =>
    unless("variables.windows", [
      ...everyPlace((owner) => `${idAllowed(owner, "runAsUser", minimumId)} && ${idAllowed(owner, "runAsGroup", minimumId)}`, `sets runAsUser or runAsGroup below ${minimumId}. Set both to at least ${minimumId} (e.g. ${Math.max(minimumId, 10001)}).`),
      everyContainer(
        ["runAsUser", "runAsGroup"].map((field) => `(${context("c", field)}.hasValue() || ${context(SPEC, field)}.hasValue())`).join(" && "),
        `has no runAsUser or runAsGroup here or on the pod, so the image decides. Set numeric ones of at least ${minimumId} on the pod or in the container.`,
      ),
      podCheck(
        `${idAllowed(SPEC, "fsGroup", minimumId)} && ${context(SPEC, "supplementalGroups")}.orValue([]).all(g, g != 0)`,
        `the pod sets fsGroup below ${minimumId} or adds group 0 to supplementalGroups. Set fsGroup to at least ${minimumId} and remove 0.`,
      ),
    ]),
  "no-service-account-token-automount": () => [
    podCheck(`${SPEC}.?automountServiceAccountToken.orValue(true) == false`, "the pod does not set automountServiceAccountToken: false. Set it; mount a projected serviceAccountToken volume if it calls the API."),
  ],
  "no-docker-socket-mount": () => [
    everyVolume(`!v.?hostPath.hasValue() || !${withSegments("v.hostPath.path", `(${exposesRuntimeSocketCel()})`)}`, "mounts a container runtime socket or a directory holding one: root on the node. Remove the volume."),
  ],
};
