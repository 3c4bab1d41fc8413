/**
 * Admission latency of the generated ValidatingAdmissionPolicies (profile hardened, every rule):
 * server-side dry-run creates of a hardened Pod with 1 and with 10 containers, on one live API
 * server, in a namespace the policies bind to and in one without them, interleaved request by
 * request so that both see the same load. Hardened Pods pass every rule, so every validation is
 * evaluated in full (a denial stops at nothing sooner, but is no cheaper to reach).
 */
import { Cluster } from "../../scripts/engine/cluster";
import { install, namespaces } from "../admission/admission-differential";
import type { BenchReport } from "./run";

const REQUESTS = 400;
const PLAIN = "bench-no-policies";

function hardenedPod(containers: number): object {
  const container = (i: number) => ({
    name: `c${i}`,
    image: "registry.example/app:1.0",
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
  });
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "bench" },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
      containers: Array.from({ length: containers }, (_, i) => container(i)),
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(cluster: Cluster, namespace: string, body: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await cluster.request("POST", `/api/v1/namespaces/${namespace}/pods?dryRun=All`, body);
  if (response.status !== 201) throw new Error(`the hardened Pod was refused in ${namespace}: ${response.status} ${response.body}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function run(): Promise<BenchReport> {
  const cluster = await Cluster.start();
  try {
    await install(cluster, "hardened");
    const created = await cluster.request("POST", "/api/v1/namespaces", JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: PLAIN } }));
    if (created.status !== 201) throw new Error(`creating ${PLAIN}: ${created.status} ${created.body}`);
    const rows: BenchReport["rows"] = [];
    for (const containers of [1, 10]) {
      const body = JSON.stringify(hardenedPod(containers));
      const withPolicies: number[] = [];
      const without: number[] = [];
      for (let i = 0; i < 20; i++) await timed(cluster, namespaces("hardened").enforce, body);
      for (let i = 0; i < REQUESTS; i++) {
        withPolicies.push(await timed(cluster, namespaces("hardened").enforce, body));
        without.push(await timed(cluster, PLAIN, body));
      }
      withPolicies.sort((a, b) => a - b);
      without.sort((a, b) => a - b);
      for (const p of [50, 99]) {
        const value = percentile(withPolicies, p);
        const baseline = percentile(without, p);
        rows.push({ metric: `p${p}, ${containers}-container Pod`, value, unit: "ms", baseline, ratio: value / baseline });
      }
    }
    return {
      name: "Admission latency with the generated ValidatingAdmissionPolicies (dry-run Pod creates)",
      rows,
      notes: [`${REQUESTS} requests per row and namespace, interleaved, one at a time, after 20 warm-up requests; baseline: the same Pod in a namespace no policy binds to, on the same server.`],
    };
  } finally {
    await cluster.stop();
  }
}
