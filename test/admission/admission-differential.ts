/**
 * The generated ValidatingAdmissionPolicies against the pack's own review, on a live API server.
 *
 * Per profile, the policies of admission/generate.ts are installed twice over, in namespaces of
 * their own: as generated (each rule's binding at its enforcement level, Deny or Warn+Audit) in
 * `enforce-<profile>`, and as probe copies that only warn, in `probe-<profile>` (installedObjects).
 * A denial names only the first denying policy (the API server reports one), so the probe
 * namespace is what shows every policy that fails: its warnings, one per failing policy, name them
 * all. Each generated workload is submitted to both with server-side dry-run, and:
 *
 * - the policies failing in the probe namespace must be exactly the rules the pack reports for the
 *   object as the API server admits it (decoded and defaulted: the probe's dry-run answers with
 *   it): rules/review.ts review() on kubernetesSubject(object) with the same configuration, the
 *   path the pack, the checker and the constructs share (the pack itself is not started here;
 *   test/fuzz/live-differential.ts shows it names the same rules as review()). Where defaulting
 *   changes the pack's verdict on the object as written, that is counted per rule and reported;
 * - in the enforce namespace the object is admitted exactly when no mandatory rule fails, its
 *   warnings then name exactly the advisory rules, and a denial names a mandatory failing rule.
 *
 * Workloads are generated Pods (test/fuzz/pod-generator.ts) made valid (test/fuzz/api-valid.ts),
 * wrapped in every kind, some named or labelled so that a configured exemption selects them, some
 * annotated with container-hardening.io/exempt (with or without a reason). Ephemeral containers
 * are left out: the API refuses them on create, and in pod templates.
 */
import { stringify } from "yaml";
import { admissionObjects } from "../../admission/generate";
import type { KubernetesObject } from "../../admission/policy";
import type { Configuration } from "../../rules/configuration";
import type { Profile } from "../../rules/profiles";
import { review } from "../../rules/review";
import { kubernetesSubject } from "../../rules/subject";
import type { JsonObject } from "../../rules/values";
import type { Cluster } from "../../scripts/engine/cluster";
import { smaller } from "../fuzz/live-differential";
import { profileConfiguration, samples } from "./workloads";

const PREFIX = (profile: Profile) => `ch-${profile}`;
const PROBE_PREFIX = (profile: Profile) => `p-${profile}`;
const ENFORCE_LABEL = "container-hardening.test/enforce";
const PROBE_LABEL = "container-hardening.test/probe";
export const namespaces = (profile: Profile) => ({ enforce: `enforce-${profile}`, probe: `probe-${profile}` });

/** The rule a policy checks (its name without the prefix). */
function ruleOf(prefix: string, policy: string): string {
  return policy.slice(prefix.length + 1);
}

async function create(cluster: Cluster, path: string, object: unknown): Promise<void> {
  const response = await cluster.request("POST", path, JSON.stringify(object));
  if (response.status !== 201 && response.status !== 409) throw new Error(`POST ${path}: ${response.status} ${response.body}`);
}

/**
 * The profile's generated objects as installed (bound in the enforce namespace), and the probe
 * copies: the same variables and expressions under other names, bound in the probe namespace to
 * warn only, each with its rule ID for every message. The API server keeps at most 4 KiB of
 * warnings per response (k8s.io/apiserver endpoints/filters/warning.go) and drops identical ones,
 * so one short warning per failing policy is what lets all twenty be seen at once.
 */
export function installedObjects(profile: Profile): { generated: KubernetesObject[]; probes: KubernetesObject[] } {
  const configuration = profileConfiguration(profile);
  const generated = admissionObjects(configuration, { namePrefix: PREFIX(profile), namespaceSelector: { matchLabels: { [ENFORCE_LABEL]: profile } } });
  const probes = admissionObjects(configuration, { namePrefix: PROBE_PREFIX(profile), namespaceSelector: { matchLabels: { [PROBE_LABEL]: profile } } }).map((object) => {
    if (object.kind === "ValidatingAdmissionPolicyBinding") return { ...object, spec: { ...object.spec, validationActions: ["Warn"] } };
    const validations = object.spec.validations as Array<{ expression: string }>;
    const rule = object.metadata.annotations!["container-hardening.io/rule"]!;
    return { ...object, spec: { ...object.spec, validations: validations.map((v) => ({ ...v, messageExpression: `'${rule}'` })) } };
  });
  return { generated, probes };
}

const ADMISSION = "/apis/admissionregistration.k8s.io/v1";

/** Installs the profile's policies, bindings and namespaces, and waits until they deny. */
export async function install(cluster: Cluster, profile: Profile): Promise<void> {
  const { enforce, probe } = namespaces(profile);
  await create(cluster, "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: enforce, labels: { [ENFORCE_LABEL]: profile } } });
  await create(cluster, "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: probe, labels: { [PROBE_LABEL]: profile } } });
  const { generated, probes } = installedObjects(profile);
  for (const object of [...generated, ...probes]) {
    const collection = object.kind === "ValidatingAdmissionPolicy" ? "validatingadmissionpolicies" : "validatingadmissionpolicybindings";
    await create(cluster, `${ADMISSION}/${collection}`, object);
  }
  // Policies take effect once the API server's informers have them: every mandatory rule must deny.
  const mandatory = profileConfiguration(profile).rules.filter((rule) => rule.enforcement === "mandatory" || rule.enforcement === "remediate").length;
  // The API server loads policies one by one, a moment after each is created: until every probe
  // policy the known-bad Pod fails has warned, some are not in force yet (judging then made a
  // Docker socket mount look passed).
  const probeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "known-bad" },
    spec: {
      hostNetwork: true,
      hostPID: true,
      volumes: [{ name: "socket", hostPath: { path: "/var/run/docker.sock" } }],
      containers: [{ name: "c", image: "busybox", ports: [{ containerPort: 80, hostPort: 80 }], volumeMounts: [{ name: "socket", mountPath: "/s" }], securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ["SYS_ADMIN"] }, seccompProfile: { type: "Unconfined" }, seLinuxOptions: { type: "spc_t" } } }],
    },
  };
  const found = review(kubernetesSubject(probeObject as JsonObject)!, profileConfiguration(profile)).findings;
  const expected = [...new Set(found.map((finding) => finding.rule))].sort().join();
  for (let attempt = 0; ; attempt++) {
    const response = await cluster.request("POST", `/api/v1/namespaces/${probe}/pods?dryRun=All`, JSON.stringify(probeObject));
    const policies = failingPolicies(response.warnings, PROBE_PREFIX(profile));
    if (policies.join() === expected && (await enforced(cluster, profile, probeObject))) break;
    if (attempt > 100) throw new Error(`${profile}: the policies do not take effect (${mandatory} mandatory rules; warnings: ${response.warnings.join(" | ")})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function enforced(cluster: Cluster, profile: Profile, object: JsonObject): Promise<boolean> {
  const response = await cluster.request("POST", `/api/v1/namespaces/${namespaces(profile).enforce}/pods?dryRun=All`, JSON.stringify(object));
  return response.status === 403;
}

const WARNING = /^Validation failed for ValidatingAdmissionPolicy '([^']+)' with binding '[^']+': /;
const DENIAL = /ValidatingAdmissionPolicy '([^']+)' with binding '[^']+' denied request: /;

/** The rules of the policies named by `Validation failed for ValidatingAdmissionPolicy '<prefix>-<rule>' …` warnings. */
export function failingPolicies(warnings: string[], prefix: string): string[] {
  return [...new Set(warnings.flatMap((warning) => WARNING.exec(warning)?.[1] ?? []).filter((name) => name.startsWith(`${prefix}-`)).map((name) => ruleOf(prefix, name)))].sort();
}

const PATHS: Record<string, string> = {
  Pod: "/api/v1/namespaces/NS/pods",
  PodTemplate: "/api/v1/namespaces/NS/podtemplates",
  ReplicationController: "/api/v1/namespaces/NS/replicationcontrollers",
  ReplicaSet: "/apis/apps/v1/namespaces/NS/replicasets",
  Deployment: "/apis/apps/v1/namespaces/NS/deployments",
  StatefulSet: "/apis/apps/v1/namespaces/NS/statefulsets",
  DaemonSet: "/apis/apps/v1/namespaces/NS/daemonsets",
  Job: "/apis/batch/v1/namespaces/NS/jobs",
  CronJob: "/apis/batch/v1/namespaces/NS/cronjobs",
};

export interface Judgement {
  /** Refused before admission (decoding or validation): no policy verdict. */
  refused?: string;
  /** Rules whose policy failed in the probe namespace. */
  failing: string[];
  /** The pack's rules with a finding on the object as the API server admits it (defaulted), by enforcement. */
  mandatory: string[];
  advisory: string[];
  /** The sources of the exemptions the pack applied (configuration, annotation). */
  exempted: string[];
  /** Rules whose verdict on the object as written differs from that on the defaulted object. */
  defaulting: string[];
  /** In the enforce namespace: allowed, or the rule of the denying policy; the rules warned about; the message. */
  enforced: { allowed: boolean; denied?: string; warned: string[]; message: string };
}

async function submit(cluster: Cluster, namespace: string, object: JsonObject) {
  const path = `${PATHS[object.kind as string]!.replace("NS", namespace)}?dryRun=All`;
  return cluster.request("POST", path, JSON.stringify(object));
}

function rulesFound(object: JsonObject, configuration: Configuration): { mandatory: string[]; advisory: string[]; exempted: string[] } {
  const subject = kubernetesSubject(object);
  const { findings, exemptions } = subject ? review(subject, configuration) : { findings: [], exemptions: [] };
  const rulesOf = (level: string) => [...new Set(findings.filter((f) => f.enforcement === level).map((f) => f.rule))].sort();
  return { mandatory: rulesOf("mandatory"), advisory: rulesOf("advisory"), exempted: [...new Set(exemptions.map((e) => e.source))].sort() };
}

export async function judge(cluster: Cluster, profile: Profile, configuration: Configuration, object: JsonObject): Promise<Judgement> {
  const { enforce, probe } = namespaces(profile);
  const [probed, enforced] = await Promise.all([submit(cluster, probe, object), submit(cluster, enforce, object)]);
  const written = rulesFound(object, configuration);
  const judgement: Judgement = {
    failing: failingPolicies(probed.warnings, PROBE_PREFIX(profile)),
    ...written,
    defaulting: [],
    enforced: { allowed: enforced.status === 201, warned: failingPolicies(enforced.warnings, PREFIX(profile)), message: enforced.status === 201 ? "" : enforced.body },
  };
  if (probed.status !== 201) {
    judgement.refused = `${probed.status} ${(JSON.parse(probed.body) as { message?: string }).message ?? probed.body}`;
    return judgement;
  }
  // The probe namespace only warns, so the server answers with the object as it would store it.
  const defaulted = rulesFound(JSON.parse(probed.body) as JsonObject, configuration);
  const all = (found: { mandatory: string[]; advisory: string[] }) => [...found.mandatory, ...found.advisory];
  judgement.defaulting = [...new Set([...all(written), ...all(defaulted)])].filter((rule) => all(written).includes(rule) !== all(defaulted).includes(rule)).sort();
  Object.assign(judgement, defaulted);
  const denied = DENIAL.exec(enforced.body)?.[1];
  if (denied?.startsWith(`${PREFIX(profile)}-`)) judgement.enforced.denied = ruleOf(PREFIX(profile), denied);
  return judgement;
}

/** What disagrees, or undefined when the policies and the pack agree (or validation refused the object). */
export function disagreement(judgement: Judgement): string | undefined {
  if (judgement.refused) return undefined;
  const { failing, mandatory, advisory, enforced } = judgement;
  const expected = [...new Set([...mandatory, ...advisory])].sort();
  const problems: string[] = [];
  const only = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
  if (failing.join() !== expected.join()) problems.push(`policies only [${only(failing, expected)}], pack only [${only(expected, failing)}]`);
  if (enforced.allowed !== (mandatory.length === 0)) problems.push(enforced.allowed ? "admitted though mandatory rules fail" : "refused though no mandatory rule fails");
  if (!enforced.allowed && enforced.denied !== undefined && !mandatory.includes(enforced.denied)) problems.push(`denied by ${enforced.denied}, not a mandatory rule of the pack`);
  if (!enforced.allowed && enforced.denied === undefined && mandatory.length > 0) problems.push("refused, but not by a policy");
  if (enforced.denied !== undefined && !enforced.message.includes(`(container-hardening rule ${enforced.denied})`)) problems.push("the denial does not carry the policy's message");
  if (enforced.allowed && enforced.warned.join() !== advisory.join()) problems.push(`warned [${enforced.warned}], pack advisory [${advisory}]`);
  return problems.length > 0 ? problems.join("; ") : undefined;
}

export interface ProfileResult {
  profile: Profile;
  submitted: number;
  refused: Map<string, number>;
  /** Per rule: objects its policy failed (denied or warned) and passed, agreed with the pack. */
  failed: Map<string, number>;
  passed: Map<string, number>;
  admitted: number;
  denied: number;
  /** Objects on which the pack applied an exemption, per source. */
  exempted: Map<string, number>;
  /** Per rule: objects on which the API server's defaulting changed the pack's verdict. */
  defaulting: Map<string, number>;
  disagreements: Array<{ key: string; count: number; report: string }>;
  seconds: number;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export async function runProfile(cluster: Cluster, profile: Profile, options: { seed: number; runs: number; concurrency?: number }): Promise<ProfileResult> {
  const started = Date.now();
  const configuration = profileConfiguration(profile);
  const all = samples(options.seed, options.runs);
  const result: ProfileResult = { profile, submitted: all.length, refused: new Map(), failed: new Map(), passed: new Map(), admitted: 0, denied: 0, exempted: new Map(), defaulting: new Map(), disagreements: [], seconds: 0 };
  // The rules that have a policy: enabled, and with a Kubernetes check (the Docker-only ones have none).
  const enabled = configuration.rules.filter((rule) => rule.enforcement !== "disabled" && rule.entry.kubernetes !== undefined).map((rule) => rule.entry.meta.id);
  const groups = new Map<string, { count: number; object: JsonObject }>();
  let next = 0;
  const worker = async () => {
    while (next < all.length) {
      const { object } = all[next++]!;
      const judgement = await judge(cluster, profile, configuration, object);
      if (judgement.refused) {
        increment(result.refused, judgement.refused.slice(0, 160));
        continue;
      }
      result[judgement.enforced.allowed ? "admitted" : "denied"]++;
      for (const source of judgement.exempted) increment(result.exempted, source);
      for (const rule of judgement.defaulting) increment(result.defaulting, rule);
      const found = disagreement(judgement);
      if (found) {
        const key = found;
        const group = groups.get(key);
        if (group) group.count++;
        else groups.set(key, { count: 1, object });
        continue;
      }
      for (const rule of enabled) increment(judgement.failing.includes(rule) ? result.failed : result.passed, rule);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  for (const [key, group] of [...groups].sort((a, b) => b[1].count - a[1].count).slice(0, 10)) {
    const shrunk = await shrink(cluster, profile, configuration, group.object, key);
    const judgement = await judge(cluster, profile, configuration, shrunk);
    result.disagreements.push({ key, count: group.count, report: `${profile}: ${key} — ${group.count} object(s); shrunk example:\n---\n${stringify(shrunk)}---\n${stringify(judgement)}` });
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

/** Removes keys and list entries while the same kind of disagreement remains. */
async function shrink(cluster: Cluster, profile: Profile, configuration: Configuration, object: JsonObject, key: string): Promise<JsonObject> {
  let current = object;
  for (let progress = true; progress; ) {
    progress = false;
    for (const candidate of smaller(current) as Generator<JsonObject>) {
      if (candidate.kind !== object.kind || kubernetesSubject(candidate) === undefined) continue;
      const found = disagreement(await judge(cluster, profile, configuration, candidate));
      if (found === key) {
        current = candidate;
        progress = true;
        break;
      }
    }
  }
  return current;
}
