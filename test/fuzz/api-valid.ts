/**
 * Makes a generated Pod (pod-generator.ts) one that the API server's validation accepts, so that
 * the live differential (live-differential.ts) reaches Pod Security Admission, which runs after
 * validation. The generator aims at the Pod Security library, which judges anything it is given:
 * near-miss spellings, Linux fields on Windows Pods, volumes without names. The API server refuses
 * most such Pods before admission (about 97% of an unrepaired sample), and a refused Pod says
 * nothing about Pod Security.
 *
 * Each repair is the smallest change that satisfies one validation rule of
 * k8s.io/kubernetes v1.37.2 pkg/apis/core/validation/validation.go (named in the comments), and it
 * keeps what Pod Security reads wherever validation allows it: a field that cannot be valid is
 * removed (as if unset), never rewritten into a hardened value. Repairs are counted by name and
 * reported; Pods still refused are counted by the server's causes (live-differential.ts).
 */
import type { JsonObject } from "../../rules/values";

type Json = JsonObject[string];

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objects(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The containers validation visits (init and regular; ephemeral ones are not generated here). */
function containersOf(spec: JsonObject): JsonObject[] {
  return [...objects(spec.initContainers), ...objects(spec.containers)];
}

function securityContexts(spec: JsonObject): JsonObject[] {
  const contexts = containersOf(spec).map((c) => c.securityContext);
  return [spec.securityContext, ...contexts].filter(isObject);
}

const SECCOMP_TYPES = ["RuntimeDefault", "Unconfined", "Localhost"];
const APPARMOR_TYPES = ["RuntimeDefault", "Unconfined", "Localhost"];
/** validateWindows: fields that cannot be set on a Windows Pod, in the Pod's and the containers' contexts. */
const WINDOWS_FORBIDDEN_POD = ["appArmorProfile", "seLinuxOptions", "seccompProfile", "fsGroup", "fsGroupChangePolicy", "sysctls", "runAsUser", "runAsGroup", "supplementalGroups"];
const WINDOWS_FORBIDDEN_CONTAINER = ["appArmorProfile", "seLinuxOptions", "seccompProfile", "capabilities", "readOnlyRootFilesystem", "privileged", "allowPrivilegeEscalation", "procMount", "runAsUser", "runAsGroup"];
/** IsValidSysctlName. */
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
const SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_ANNOTATION = "container.seccomp.security.alpha.kubernetes.io/";
const HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc", "sleep"];

export interface Repaired {
  pod: JsonObject;
  /** The names of the repairs made (each at most once). */
  repairs: string[];
}

export function apiValid(generated: JsonObject): Repaired {
  const pod = JSON.parse(JSON.stringify(generated)) as JsonObject;
  const spec = pod.spec as JsonObject;
  const metadata = pod.metadata as JsonObject;
  const repairs = new Set<string>();
  const remove = (object: JsonObject, key: string, repair: string) => {
    if (object[key] === undefined) return;
    delete object[key];
    repairs.add(repair);
  };

  // ValidateVolumes: every volume has a unique name; ValidatePersistentVolumeClaimSpec: an
  // ephemeral volume's claim asks for a size.
  objects(spec.volumes).forEach((volume, i) => {
    volume.name = `volume-${i}`;
    const claim = isObject(volume.ephemeral) && isObject(volume.ephemeral.volumeClaimTemplate) ? volume.ephemeral.volumeClaimTemplate.spec : undefined;
    if (isObject(claim)) claim.resources = { requests: { storage: "1Gi" } };
    // validateScaleIOVolumeSource: a volume name.
    if (isObject(volume.scaleIO)) volume.scaleIO.volumeName = "volume";
  });

  // validateOS: a name, linux or windows.
  if (isObject(spec.os) && spec.os.name !== "linux" && spec.os.name !== "windows") remove(spec, "os", "os name not linux or windows");
  const os = isObject(spec.os) ? spec.os.name : undefined;
  if (os === "windows") {
    // validateWindows.
    if (isObject(spec.securityContext)) for (const key of WINDOWS_FORBIDDEN_POD) remove(spec.securityContext, key, "Linux field on a Windows Pod");
    for (const container of containersOf(spec)) {
      if (isObject(container.securityContext)) for (const key of WINDOWS_FORBIDDEN_CONTAINER) remove(container.securityContext, key, "Linux field on a Windows Pod");
    }
    if (spec.hostUsers !== undefined && spec.hostUsers !== null) remove(spec, "hostUsers", "Linux field on a Windows Pod");
    for (const key of ["hostPID", "hostIPC"]) if (spec[key] === true) remove(spec, key, "Linux field on a Windows Pod");
  }
  if (os === "linux") {
    // validateLinux.
    for (const context of securityContexts(spec)) remove(context, "windowsOptions", "Windows options on a Linux Pod");
  }

  // validateWindowsHostProcessPod: if any container is a HostProcess container, all are, and the
  // Pod is on the host's network. Made so (rather than the HostProcess setting dropped), so that
  // the Pod still carries what Pod Security's hostProcess check reads.
  const hostProcessOf = (context: Json | undefined) => (isObject(context) && isObject(context.windowsOptions) ? context.windowsOptions.hostProcess : undefined);
  const podHostProcess = hostProcessOf(spec.securityContext);
  for (const container of containersOf(spec)) {
    const own = hostProcessOf(container.securityContext);
    // Set on both the Pod and the container, the values must be the same: the container's goes.
    if (typeof podHostProcess === "boolean" && typeof own === "boolean" && own !== podHostProcess) {
      remove((container.securityContext as JsonObject).windowsOptions as JsonObject, "hostProcess", "hostProcess unlike the Pod's");
    }
  }
  const effective = containersOf(spec).map((c) => hostProcessOf(c.securityContext) ?? podHostProcess);
  if (effective.some((value) => value === true) && (!effective.every((value) => value === true) || spec.hostNetwork !== true)) {
    for (const container of containersOf(spec)) if (isObject(container.securityContext) && isObject(container.securityContext.windowsOptions)) delete container.securityContext.windowsOptions.hostProcess;
    const context: JsonObject = isObject(spec.securityContext) ? spec.securityContext : {};
    context.windowsOptions = { ...(isObject(context.windowsOptions) ? context.windowsOptions : {}), hostProcess: true };
    spec.securityContext = context;
    spec.hostNetwork = true;
    repairs.add("hostProcess on some containers (made the whole Pod's, on the host network)");
  }

  // validateHostUsers: no user namespace together with a host namespace.
  if (spec.hostUsers === false && (spec.hostNetwork === true || spec.hostPID === true || spec.hostIPC === true)) remove(spec, "hostUsers", "hostUsers false with a host namespace");
  const hostUsers = spec.hostUsers !== false;

  for (const context of securityContexts(spec)) {
    // validateSeccompProfileField, ValidateAppArmorProfileField: a supported type, and a
    // localhostProfile exactly when the type is Localhost.
    for (const [key, types, profile] of [["seccompProfile", SECCOMP_TYPES, "profiles/audit.json"], ["appArmorProfile", APPARMOR_TYPES, "k8s-apparmor-example"]] as const) {
      const value = context[key];
      if (!isObject(value)) continue;
      if (typeof value.type !== "string" || !types.includes(value.type)) {
        remove(context, key, `${key} type unsupported`);
      } else if (value.type === "Localhost" && typeof value.localhostProfile !== "string") {
        value.localhostProfile = profile;
        repairs.add(`${key} Localhost without a profile`);
      } else if (value.type !== "Localhost") {
        remove(value, "localhostProfile", `${key} profile without Localhost`);
      }
    }
    // IsValidUserID, IsValidGroupID: 0 to 2147483647.
    for (const key of ["runAsUser", "runAsGroup", "fsGroup"]) if (typeof context[key] === "number" && (context[key] as number) < 0) remove(context, key, "negative ID");
    if (Array.isArray(context.supplementalGroups) && context.supplementalGroups.some((id) => typeof id === "number" && id < 0)) remove(context, "supplementalGroups", "negative ID");
    // ValidateProcMountType: Default or Unmasked, and Unmasked only with hostUsers false.
    if (context.procMount !== undefined && context.procMount !== null && (!["Default", "Unmasked"].includes(context.procMount as string) || (context.procMount === "Unmasked" && hostUsers))) {
      remove(context, "procMount", "procMount unsupported or Unmasked with host users");
    }
    // ValidateSecurityContext: allowPrivilegeEscalation false contradicts privileged or CAP_SYS_ADMIN.
    const added = isObject(context.capabilities) && Array.isArray(context.capabilities.add) ? context.capabilities.add : [];
    if (context.allowPrivilegeEscalation === false && (context.privileged === true || added.includes("CAP_SYS_ADMIN"))) {
      remove(context, "allowPrivilegeEscalation", "allowPrivilegeEscalation false with privileges");
    }
  }

  // validateSysctls: valid, unique names; none of the host's network or IPC namespace when shared.
  if (isObject(spec.securityContext) && Array.isArray(spec.securityContext.sysctls)) {
    const seen = new Set<string>();
    const valid = objects(spec.securityContext.sysctls).filter((sysctl) => {
      const name = typeof sysctl.name === "string" ? sysctl.name : "";
      const shared = (spec.hostNetwork === true && /^net[./]/.test(name)) || (spec.hostIPC === true && /^(kernel[./](shm|msg|sem)|fs[./]mqueue[./])/.test(name));
      const ok = SYSCTL_NAME.test(name) && name.length <= 253 && !seen.has(name) && !shared;
      seen.add(name);
      return ok;
    });
    if (valid.length !== spec.securityContext.sysctls.length) {
      spec.securityContext.sysctls = valid;
      repairs.add("invalid sysctl");
    }
  }

  const hostPorts = new Set<string>();
  for (const [index, container] of containersOf(spec).entries()) {
    const init = index < objects(spec.initContainers).length;
    // validateInitContainers: probes and lifecycle hooks only on restartable init containers
    // (sidecars), which keeps them for Pod Security to read.
    if (init && ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"].some((key) => container[key] !== undefined && container[key] !== null)) {
      container.restartPolicy = "Always";
      repairs.add("probe on an init container (made a sidecar)");
    }
    // validateHandler: one handler per probe or hook.
    const handlers = [container.livenessProbe, container.readinessProbe, container.startupProbe, ...(isObject(container.lifecycle) ? [container.lifecycle.postStart, container.lifecycle.preStop] : [])];
    for (const handler of handlers.filter(isObject)) {
      const set = HANDLERS.filter((key) => handler[key] !== undefined && handler[key] !== null);
      for (const extra of set.slice(1)) remove(handler, extra, "more than one handler");
    }
    // validateContainerPorts, AccumulateUniqueHostPorts: host ports in range, equal to the
    // container port on the host's network (where defaulting sets an unset one to it), unique.
    for (const port of objects(container.ports)) {
      if (typeof port.hostPort === "number" && (port.hostPort < 0 || port.hostPort > 65535 || (spec.hostNetwork === true && port.hostPort !== 0 && port.hostPort !== port.containerPort))) {
        remove(port, "hostPort", "host port out of range or unlike the container port on the host network");
      }
    }
    if (Array.isArray(container.ports)) {
      const unique = objects(container.ports).filter((port) => {
        const hostPort = typeof port.hostPort === "number" && port.hostPort !== 0 ? port.hostPort : spec.hostNetwork === true ? port.containerPort : 0;
        if (hostPort === 0) return true;
        const key = `${String(hostPort)}/${typeof port.protocol === "string" ? port.protocol : "TCP"}`;
        const repeated = hostPorts.has(key);
        hostPorts.add(key);
        return !repeated;
      });
      if (unique.length !== container.ports.length) {
        container.ports = unique;
        repairs.add("host port repeated (port left out)");
      }
    }
  }

  // ValidateAppArmorPodAnnotations: an AppArmor annotation names a container of the Pod and a
  // profile in its format; validateAppArmorAnnotationsAndFieldsMatchOnCreate (not for Windows Pods)
  // and validateSeccompAnnotationsAndFields: an annotation agrees with the field where both are set.
  if (isObject(metadata.annotations)) {
    const annotations = metadata.annotations;
    const profileOf = (context: Json | undefined, key: string) => (isObject(context) && isObject(context[key]) ? (context[key] as JsonObject) : undefined);
    for (const [key, value] of Object.entries(annotations)) {
      const annotation = typeof value === "string" ? value : "";
      let valid = true;
      if (key.startsWith(APPARMOR_ANNOTATION)) {
        const container = containersOf(spec).find((c) => c.name === key.slice(APPARMOR_ANNOTATION.length));
        const format = annotation === "" || annotation === "runtime/default" || annotation === "unconfined" || annotation.startsWith("localhost/");
        const field = container && os !== "windows" ? (profileOf(container.securityContext, "appArmorProfile") ?? profileOf(spec.securityContext, "appArmorProfile")) : undefined;
        valid = container !== undefined && format && (!field || annotationMatches(annotation, field));
      } else if (key === SECCOMP_POD_ANNOTATION) {
        const field = profileOf(spec.securityContext, "seccompProfile");
        valid = !field || annotationMatches(annotation, field);
      } else if (key.startsWith(SECCOMP_CONTAINER_ANNOTATION)) {
        const container = containersOf(spec).find((c) => c.name === key.slice(SECCOMP_CONTAINER_ANNOTATION.length));
        const field = container ? profileOf(container.securityContext, "seccompProfile") : undefined;
        valid = !field || annotationMatches(annotation, field);
      }
      if (!valid) remove(annotations, key, "AppArmor or seccomp annotation invalid or unlike the field");
    }
  }
  return { pod, repairs: [...repairs] };
}

/** Whether a deprecated AppArmor or seccomp annotation says what the profile field says. */
function annotationMatches(annotation: string, profile: JsonObject): boolean {
  if (profile.type === "Unconfined") return annotation === "unconfined";
  if (profile.type === "RuntimeDefault") return annotation === "runtime/default" || annotation === "docker/default";
  if (profile.type === "Localhost") return annotation === `localhost/${String(profile.localhostProfile)}`;
  return true;
}
