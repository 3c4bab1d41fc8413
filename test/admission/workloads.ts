/**
 * The workloads and configurations the admission differentials use: generated Pods
 * (test/fuzz/pod-generator.ts) made valid for the API server (test/fuzz/api-valid.ts), wrapped in
 * every kind, some named or labelled so that a configured exemption selects them, some annotated
 * with container-hardening.io/exempt (with or without a reason), with hostPath volumes at paths
 * that meet the socket and allowlist rules. Each profile is configured with exemptions, options
 * other than the defaults and some rules made advisory. Ephemeral containers are left out: the API
 * refuses them on create, and in pod templates.
 */
import fc from "fast-check";
import { readSettings, type Configuration } from "../../rules/configuration";
import { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION } from "../../rules/exemptions";
import type { Profile } from "../../rules/profiles";
import type { JsonObject } from "../../rules/values";
import { apiValid } from "../fuzz/api-valid";
import { podArbitrary, WORKLOAD_KINDS } from "../fuzz/pod-generator";

/** Exemptions every profile is configured with, and the names and labels that meet them. */
export const EXEMPTIONS = [
  { name: "exempt-by-name", reason: "selected by name in the test" },
  { kind: "Deployment", container: "c1", reason: "one container of every Deployment" },
  { labels: { team: "platform" }, container: "init-0", reason: "the platform team's init containers" },
];

/** Per profile, rules made advisory on top of it, so that warnings are compared too. */
const ADVISORY: Record<Profile, string[]> = {
  "pss-baseline": ["no-host-ports", "safe-sysctls"],
  "pss-restricted": ["seccomp-profile", "restricted-volume-types"],
  hardened: ["read-only-root-filesystem", "no-service-account-token-automount", "no-privileged"],
};

/**
 * Rules no valid object fails at a profile: procMount other than Default needs hostUsers: false
 * (validation refuses it otherwise), which baseline exempts.
 */
export const NEVER_DENIED: Partial<Record<Profile, string[]>> = { "pss-baseline": ["proc-mount"] };

/** Per profile, options other than the defaults, so that the policies are shown to honour them. */
const OPTIONS: Record<Profile, object> = {
  "pss-baseline": { allowedHostPaths: ["/data/", "/var/log", "/etc/ssl/certs/"] },
  "pss-restricted": {},
  hardened: { minimumId: 1000, allowedCapabilities: [] },
};

export function profileConfiguration(profile: Profile): Configuration {
  return readSettings({ profile, exemptions: EXEMPTIONS, options: OPTIONS[profile], config: Object.fromEntries(ADVISORY[profile].map((rule) => [rule, "advisory"])) }, `test ${profile}`);
}

export interface Sample {
  object: JsonObject;
  repairs: string[];
}

const NAMES = ["fuzz", "fuzz", "fuzz", "exempt-by-name"];
const ANNOTATIONS: Array<Record<string, string> | undefined> = [
  undefined,
  undefined,
  undefined,
  { [EXEMPT_ANNOTATION]: "*", [EXEMPT_REASON_ANNOTATION]: "everything, in the test" },
  { [EXEMPT_ANNOTATION]: "drop-all-capabilities, read-only-root-filesystem/c0 ,no-host-ports/c1", [EXEMPT_REASON_ANNOTATION]: "some rules and containers" },
  { [EXEMPT_ANNOTATION]: "run-as-non-root/c0,seccomp-profile,apparmor-profile/c0,non-root-uid-gid/init-0", [EXEMPT_REASON_ANNOTATION]: " why " },
  { [EXEMPT_ANNOTATION]: "*", [EXEMPT_REASON_ANNOTATION]: "  " },
  { [EXEMPT_ANNOTATION]: "no-privileged,restricted-volume-types/c0" },
];

/**
 * Host paths for the generated hostPath volumes (the pod generator writes only /var/log): runtime
 * sockets, directories above them, sockets elsewhere, paths an allowlist does or does not cover,
 * spelt with `.` and repeated slashes (validation refuses `..`).
 */
const HOST_PATHS = [
  "/var/log", "/var/run/docker.sock", "/var/run", "/run", "/run/user/1000/docker.sock", "/run/user/1000", "/home/ci/podman.sock",
  "/run/containerd/containerd.sock", "/run/k3s", "//var//run/./docker.sock", "/", "/data", "/data/cache", "/data2", "/etc/ssl/certs/./ca.pem",
  "/etc/ssl", "/var/log/", "/var/lib/kubelet",
];

/** Generated workloads of every kind, valid for the API server (see the header). */
export function samples(seed: number, runs: number): Sample[] {
  const arbitrary = fc.tuple(fc.constantFrom(...Object.keys(WORKLOAD_KINDS)), podArbitrary, fc.constantFrom(...NAMES), fc.constantFrom(...ANNOTATIONS), fc.boolean(), fc.nat());
  return fc.sample(arbitrary, { seed, numRuns: runs }).map(([kind, pod, name, annotations, platform, pathSeed]) => {
    const spec = { ...pod.spec };
    if (Array.isArray(spec.volumes)) {
      spec.volumes = spec.volumes.map((volume, i) => {
        const source = volume as JsonObject;
        return source.hostPath ? { ...source, hostPath: { path: HOST_PATHS[(pathSeed + i) % HOST_PATHS.length] } } : source;
      });
    }
    delete spec.ephemeralContainers;
    if (kind === "Job" || kind === "CronJob") spec.restartPolicy = "Never";
    const { pod: valid, repairs } = apiValid(WORKLOAD_KINDS.Pod({ metadata: pod.metadata, spec }));
    const template = { metadata: { ...(valid.metadata as JsonObject) }, spec: valid.spec as JsonObject };
    delete template.metadata.name;
    const object = WORKLOAD_KINDS[kind]!(template);
    const metadata: JsonObject = { ...(object.metadata as JsonObject), name };
    if (platform) metadata.labels = { ...(metadata.labels as JsonObject), team: "platform" };
    if (annotations) metadata.annotations = { ...(metadata.annotations as JsonObject), ...annotations };
    return { object: { ...object, metadata }, repairs };
  });
}
