/**
 * Differential testing against a live API server: generated Pods (pod-generator.ts), written as
 * YAML text (yaml-text.ts), are submitted with server-side dry-run — `POST …/pods?dryRun=All` with
 * the text itself as the body (`application/yaml`), so the server does its own decoding, defaulting,
 * validation and admission — into two namespaces that enforce Pod Security `baseline` and
 * `restricted` (latest). At each level three verdicts must agree:
 *
 * - the server's: admitted, or refused by Pod Security Admission (403, `violates PodSecurity`);
 * - the checker's on the same text: decoding/manifest-files.ts `decodeManifestFile`, then
 *   rules/kubernetes/review.ts `reviewObject` with profile pss-baseline / pss-restricted
 *   (differential.ts `ourVerdict`) — forbidden when it finds a violation; any other outcome
 *   (unknown, unreadable) or a text it cannot read is a disagreement in itself;
 * - the pack's on the object the checker decoded: the compiled pack, started as the CLI starts it
 *   (container-hardening/testing) and configured with policy-config/pss-<level>.json, analyzing it
 *   as a `kubernetes:core/v1:Pod`. The rules are the same functions, so the pack must name exactly
 *   the rules the checker finds violated (its mandatory diagnostics, by policy name) — which tests
 *   the pack's adapter and shipped configs, not the rules a second time.
 *
 * Validation runs before admission, and the generator aims at the Pod Security library, which
 * judges Pods that validation would refuse; so each generated Pod is first made valid where it can
 * be without touching what Pod Security reads (api-valid.ts; the repairs are counted and
 * reported). A Pod the server still refuses for another reason — it cannot decode the text, or
 * validation rejects it — has no Pod Security verdict to compare: it is counted and reported by
 * cause (the Status causes' reason and field), never dropped silently.
 *
 * Ephemeral containers are taken out of the generated Pods: the API refuses them on create (they
 * are added later through the `ephemeralcontainers` subresource of a running Pod), so every Pod with
 * one would be refused by validation; test/fuzz/psa-differential.test.ts covers them against the
 * PSA library. Only Pods are submitted, because Pod Security Admission enforces on Pods only (for
 * controllers it warns).
 *
 * Every disagreement is grouped by what disagrees (level, the three verdicts, the rules and
 * reasons involved); the first example of each group is shrunk — keys and list entries removed while
 * the same disagreement remains — and reported as YAML text with all three verdicts.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeManifestFile } from "../../decoding/manifest-files";
import type { Cluster } from "../../scripts/engine/cluster";
import { REPO_ROOT } from "../../scripts/engine/paths";
import type { JsonObject } from "../../rules/values";
import { startPack, type Diagnostic, type PackConfig, type Resource, type RunningPack } from "../../testing/index";
import { apiValid } from "./api-valid";
import { LEVELS, ourVerdict, type Level } from "./differential";
import { podArbitrary, WORKLOAD_KINDS } from "./pod-generator";
import { EVERY_PSA_REASON } from "./psa-reasons";
import { plainSpelling, quirkySpelling, toYamlText } from "./yaml-text";

/** What judges a resource as the pack does (a RunningPack configured for one level). */
export interface PackJudge {
  analyze(resource: Resource): Promise<Diagnostic[]>;
}

export type ServerVerdict =
  | { outcome: "allowed" }
  | { outcome: "forbidden"; reasons: string[]; message: string }
  /** Not a Pod Security verdict: the server could not decode the text or validation refused it. */
  | { outcome: "refused"; status: number; causes: string[]; message: string };

export interface CheckerVerdict {
  outcome: "allowed" | "forbidden" | "unreadable";
  /** Rules with a violation finding. */
  rules: string[];
  /** Rules with a finding that is not a verdict (unknown, unreadable), or "the text" when it could not be read. */
  unclear: string[];
  /** Every finding (or the reading error), for reports. */
  details: string[];
}

export interface LevelJudgement {
  server: ServerVerdict;
  checker: CheckerVerdict;
  /** Policies with a mandatory diagnostic; undefined when the checker could not read the text. */
  pack?: string[];
}

/** The compiled pack, once per level, configured with the shipped policy-config/pss-<level>.json. */
export async function startLevelPacks(): Promise<Record<Level, RunningPack>> {
  const packs = {} as Record<Level, RunningPack>;
  for (const level of LEVELS) {
    packs[level] = await startPack({ dir: REPO_ROOT, dryRun: false });
    await packs[level].configure(JSON.parse(readFileSync(join(REPO_ROOT, "policy-config", `pss-${level}.json`), "utf8")) as PackConfig);
  }
  return packs;
}

export const NAMESPACES: Record<Level, string> = { baseline: "psa-baseline", restricted: "psa-restricted" };

/** Creates the two namespaces, each enforcing its level (latest). */
export async function createLevelNamespaces(cluster: Cluster): Promise<void> {
  for (const level of LEVELS) {
    const namespace = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: NAMESPACES[level], labels: { "pod-security.kubernetes.io/enforce": level, "pod-security.kubernetes.io/enforce-version": "latest" } },
    };
    const response = await cluster.request("POST", "/api/v1/namespaces", JSON.stringify(namespace));
    if (response.status !== 201 && response.status !== 409) throw new Error(`creating namespace ${NAMESPACES[level]}: ${response.status} ${response.body}`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A reason starts the message's list (`…": `) or follows another reason's details (`), `). */
const REASON_PATTERNS = EVERY_PSA_REASON.map((reason) => [reason, new RegExp(`(?:": |\\), |, )${escapeRegExp(reason)}(?: \\(|, |$)`)] as const);

/** The Status causes of a refusal, as `<reason> <field>` with list indices folded (`[0]` → `[]`). */
function causesOf(status: { reason?: string; details?: { causes?: Array<{ reason?: string; field?: string }> } }): string[] {
  const causes = status.details?.causes ?? [];
  if (causes.length === 0) return [status.reason ?? "unknown"];
  return [...new Set(causes.map((cause) => `${cause.reason ?? "?"} ${(cause.field ?? "").replace(/\[\d+\]/g, "[]")}`))];
}

/** The server's verdict on the YAML text as a Pod in `namespace` (dry-run: nothing is stored). */
export async function serverVerdict(cluster: Cluster, namespace: string, text: string): Promise<ServerVerdict> {
  // fieldValidation=Warn (the API's default, spelt out): unknown fields are dropped with a warning.
  const path = `/api/v1/namespaces/${namespace}/pods?dryRun=All&fieldValidation=Warn`;
  const response = await cluster.request("POST", path, text, "application/yaml");
  if (response.status === 201) return { outcome: "allowed" };
  let status: { reason?: string; message?: string; details?: { causes?: Array<{ reason?: string; field?: string }> } };
  try {
    status = JSON.parse(response.body) as typeof status;
  } catch {
    status = { message: response.body };
  }
  const message = status.message ?? response.body;
  if (response.status === 403 && message.includes("violates PodSecurity")) {
    return { outcome: "forbidden", reasons: REASON_PATTERNS.filter(([, pattern]) => pattern.test(message)).map(([reason]) => reason), message };
  }
  return { outcome: "refused", status: response.status, causes: causesOf(status), message };
}

/** What the checker reads from the text: the one object, or why it could not read it. */
export type Decoded = { object: JsonObject } | { errors: string[] };

export function decode(text: string): Decoded {
  const read = decodeManifestFile("generated.yaml", text);
  if (read.errors.length > 0 || read.manifests.length !== 1) return { errors: read.errors.length > 0 ? read.errors : [`${read.manifests.length} objects read`] };
  return { object: read.manifests[0].object };
}

/** The checker's verdict at a level on what it decoded. */
export function checkerVerdict(decoded: Decoded, level: Level): CheckerVerdict {
  if ("errors" in decoded) return { outcome: "unreadable", rules: [], unclear: ["the text"], details: decoded.errors };
  const ours = ourVerdict(decoded.object, level);
  const unclear = ours.findings.some((f) => f.outcome !== "violation");
  return {
    outcome: unclear ? "unreadable" : ours.forbidden ? "forbidden" : "allowed",
    rules: [...new Set(ours.findings.filter((f) => f.outcome === "violation").map((f) => f.rule))].sort(),
    unclear: [...new Set(ours.findings.filter((f) => f.outcome !== "violation").map((f) => f.rule))].sort(),
    details: ours.findings.map((f) => `[${f.rule}${f.outcome === "violation" ? "" : `, ${f.outcome}`}] ${f.path}: ${f.message}`),
  };
}

export async function packVerdict(pack: PackJudge, object: JsonObject): Promise<string[]> {
  const diagnostics = await pack.analyze({ type: "kubernetes:core/v1:Pod", name: "fuzz", props: object });
  return [...new Set(diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName))].sort();
}

/** The three verdicts on one text at one level; `decoded` is decode(text), passed in to decode once per text. */
export async function judge(cluster: Cluster, packs: Record<Level, PackJudge>, text: string, level: Level, decoded: Decoded = decode(text)): Promise<LevelJudgement> {
  const checker = checkerVerdict(decoded, level);
  const [server, pack] = await Promise.all([serverVerdict(cluster, NAMESPACES[level], text), "object" in decoded ? packVerdict(packs[level], decoded.object) : undefined]);
  return { server, checker, pack };
}

/**
 * What disagrees in a judgement (undefined when all agree, or when the server refused the Pod for
 * another reason than Pod Security): `kind` is the shape of the disagreement, which shrinking keeps;
 * `key` adds the reasons and rules involved, and groups alike disagreements for the report.
 */
export function disagreement(level: Level, { server, checker, pack }: LevelJudgement): { kind: string; key: string } | undefined {
  if (server.outcome === "refused") return undefined;
  const kinds: string[] = [];
  const keys: string[] = [];
  if (checker.outcome !== server.outcome) {
    kinds.push(`server ${server.outcome}, checker ${checker.outcome}`);
    const involved = checker.outcome === "unreadable" ? checker.unclear : server.outcome === "forbidden" ? server.reasons : checker.rules;
    keys.push(`server ${server.outcome}, checker ${checker.outcome} (${involved.join(", ")})`);
  }
  if (pack && pack.join(",") !== checker.rules.join(",")) {
    kinds.push("pack and checker name different rules");
    keys.push(`pack [${pack.join(", ")}] vs checker [${checker.rules.join(", ")}]`);
  }
  return kinds.length > 0 ? { kind: `${level}: ${kinds.join("; ")}`, key: `${level}: ${keys.join("; ")}` } : undefined;
}

function describe(level: Level, judgement: LevelJudgement): string {
  const { server, checker, pack } = judgement;
  const serverText = server.outcome === "allowed" ? "allowed" : server.message;
  const checkerText = `${checker.outcome}${checker.details.map((d) => `\n      - ${d}`).join("")}`;
  return `  ${level}:\n    server:  ${serverText}\n    checker: ${checkerText}\n    pack:    ${pack ? `[${pack.join(", ")}]` : "(not run: the checker could not read the text)"}`;
}

/** Structural shrink candidates: the object with one key or one list entry removed. */
export function* smaller(value: unknown): Generator<unknown> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield [...value.slice(0, i), ...value.slice(i + 1)];
    for (let i = 0; i < value.length; i++) for (const item of smaller(value[i])) yield value.map((v, j) => (j === i ? item : v));
  } else if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    for (const [key] of entries) yield Object.fromEntries(entries.filter(([k]) => k !== key));
    for (const [key, item] of entries) for (const shrunk of smaller(item)) yield { ...value, [key]: shrunk };
  }
}

export interface Sample {
  object: JsonObject;
  /** The seed of the spelling (used only with quirks). */
  spellingSeed: number;
  /** What api-valid.ts changed in the generated Pod. */
  repairs: string[];
}

export interface LiveOptions {
  seed: number;
  runs: number;
  /** YAML 1.1 spellings, merge keys, duplicate keys (yaml-text.ts), which the checker must read as the server does. */
  quirks: boolean;
  /** Requests in flight. Default 8. */
  concurrency?: number;
  /** How many groups of disagreements to shrink and print (all are counted). Default 20. */
  shrinkGroups?: number;
}

export interface LevelStats {
  allowed: number;
  forbidden: number;
  refused: number;
  /** Pods the server forbade, per Pod Security reason. */
  reasons: Map<string, number>;
  /** Pods the server refused before Pod Security, per cause. */
  refusals: Map<string, number>;
  /** Both verdicts seen on both sides: server and checker allowed, server and checker forbade. */
  agreedAllowed: number;
  agreedForbidden: number;
}

export interface DisagreementGroup {
  key: string;
  count: number;
  /** The shrunk example: its text and all three verdicts (shrunk only for the first groups). */
  report: string;
}

export interface LiveResult {
  generated: number;
  /** Generated Pods changed by api-valid.ts, per repair. */
  repairs: Map<string, number>;
  levels: Record<Level, LevelStats>;
  disagreements: DisagreementGroup[];
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The generated Pods, without ephemeral containers and made valid (see the header). */
export function livePods(seed: number, runs: number): Sample[] {
  const samples = fc.sample(fc.tuple(podArbitrary, fc.nat()), { seed, numRuns: runs });
  return samples.map(([pod, spellingSeed]) => {
    const object = WORKLOAD_KINDS.Pod(pod);
    const spec = { ...(object.spec as JsonObject) };
    delete spec.ephemeralContainers;
    const { pod: valid, repairs } = apiValid({ ...object, spec });
    return { object: valid, spellingSeed, repairs };
  });
}

export function textOf(sample: Sample, quirks: boolean): string {
  return toYamlText(sample.object as Parameters<typeof toYamlText>[0], quirks ? quirkySpelling(sample.spellingSeed) : plainSpelling);
}

export async function runLiveDifferential(cluster: Cluster, packs: Record<Level, PackJudge>, options: LiveOptions): Promise<LiveResult> {
  const samples = livePods(options.seed, options.runs);
  const emptyStats = (): LevelStats => ({ allowed: 0, forbidden: 0, refused: 0, reasons: new Map(), refusals: new Map(), agreedAllowed: 0, agreedForbidden: 0 });
  const result: LiveResult = { generated: samples.length, repairs: new Map(), levels: { baseline: emptyStats(), restricted: emptyStats() }, disagreements: [] };
  for (const sample of samples) for (const repair of sample.repairs) increment(result.repairs, repair);
  const groups = new Map<string, { count: number; sample: Sample; level: Level; kind: string }>();

  let next = 0;
  const worker = async () => {
    while (next < samples.length) {
      const sample = samples[next++];
      const text = textOf(sample, options.quirks);
      const decoded = decode(text);
      await Promise.all(LEVELS.map(async (level) => {
        const judgement = await judge(cluster, packs, text, level, decoded);
        const stats = result.levels[level];
        const { server, checker } = judgement;
        if (server.outcome === "refused") {
          stats.refused++;
          for (const cause of server.causes) increment(stats.refusals, `${server.status} ${cause}`);
        } else {
          stats[server.outcome]++;
          if (server.outcome === "forbidden") for (const reason of server.reasons) increment(stats.reasons, reason);
          if (checker.outcome === server.outcome) stats[server.outcome === "allowed" ? "agreedAllowed" : "agreedForbidden"]++;
        }
        const found = disagreement(level, judgement);
        if (found === undefined) return;
        const group = groups.get(found.key);
        if (group) group.count++;
        else groups.set(found.key, { count: 1, sample, level, kind: found.kind });
      }));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));

  const ordered = [...groups].sort((a, b) => b[1].count - a[1].count);
  for (const [index, [key, group]] of ordered.entries()) {
    const shrink = index < (options.shrinkGroups ?? 20);
    const sample = shrink ? await shrinkSample(cluster, packs, group.sample, group.level, group.kind, options.quirks) : group.sample;
    const text = textOf(sample, options.quirks);
    const judgement = await judge(cluster, packs, text, group.level);
    result.disagreements.push({
      key,
      count: group.count,
      report: `${key} — ${group.count} Pod(s); ${shrink ? "shrunk" : "first"} example:\n---\n${text}---\n${describe(group.level, judgement)}`,
    });
  }
  return result;
}

/** Removes keys and list entries while a disagreement of the same kind remains. */
async function shrinkSample(cluster: Cluster, packs: Record<Level, PackJudge>, sample: Sample, level: Level, kind: string, quirks: boolean): Promise<Sample> {
  let current = sample;
  for (let progress = true; progress; ) {
    progress = false;
    for (const candidate of smaller(current.object)) {
      const next: Sample = { ...current, object: candidate as JsonObject };
      if (disagreement(level, await judge(cluster, packs, textOf(next, quirks), level))?.kind === kind) {
        current = next;
        progress = true;
        break;
      }
    }
  }
  return current;
}

/** The counts of a run, one line each, for people. */
export function summary(result: LiveResult): string[] {
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${n}`).join("; ");
  return [`made valid before submission (api-valid.ts), Pods per repair: ${sorted(result.repairs) || "none"}`, ...LEVELS.flatMap((level) => {
    const stats = result.levels[level];
    return [
      `${level}: the server admitted ${stats.allowed}, Pod Security forbade ${stats.forbidden}, refused before Pod Security ${stats.refused} (of ${result.generated})`,
      `${level} Pod Security reasons: ${sorted(stats.reasons)}`,
      `${level} refused before Pod Security, by cause: ${sorted(stats.refusals) || "none"}`,
    ];
  })];
}
