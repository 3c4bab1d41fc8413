/**
 * no-service-account-token-automount — the pod does not get an API token it did not ask for.
 *
 * Reads: spec.automountServiceAccountToken; the pod's ServiceAccount (spec.serviceAccountName,
 *   default `default`, in its namespace) when the same input defines it (pod.serviceAccount).
 * Allowed: explicitly false; or unset when that ServiceAccount sets automountServiceAccountToken:
 *   false (the pod's own field overrides the ServiceAccount's when set, core/v1 ServiceAccount docs).
 *   Unset with the ServiceAccount elsewhere is refused: it cannot be seen, and the `default`
 *   ServiceAccount mounts a token. A workload that needs the API mounts a token explicitly through
 *   a projected serviceAccountToken volume, with an audience and a short expiry.
 * Server-side apply patches: unset is not judged (the live object may set it).
 * Exempt: nothing. Beyond PSS.
 */
import { violation } from "../findings";
import { judge } from "./context-places";
import type { KubernetesRule } from "./rule";
import { specField } from "./pod-spec";

export const noServiceAccountTokenAutomount: KubernetesRule = {
  meta: {
    id: "no-service-account-token-automount",
    title: "No automatic service account token",
    description:
      "By default every pod gets a token for its ServiceAccount mounted at /var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the Kubernetes API; for them the token is only a credential an attacker can steal and use against the cluster.",
    severity: "medium",
    pss: [],
    references: [
      { source: "CIS Kubernetes Benchmark", control: "5.1.6 Ensure that Service Account Tokens are only mounted where necessary" },
      { source: "NSA/CISA Kubernetes Hardening Guidance", control: "Pod security: service account tokens" },
    ],
    remediation:
      "Set in the pod spec:\n  automountServiceAccountToken: false\nA workload that calls the API mounts a token explicitly:\n  volumes:\n    - name: api-token\n      projected:\n        sources:\n          - serviceAccountToken: { path: token, expirationSeconds: 3600, audience: my-api }",
    options: [],
  },
  check(pod) {
    const automount = specField(pod, "automountServiceAccountToken", "boolean");
    const judged = judge(automount, undefined, "false");
    if (judged && "finding" in judged) return [judged.finding];
    if (judged?.value === false) return [];
    const account = pod.serviceAccount;
    if (!judged && account?.automountServiceAccountToken === false) return [];
    if (!judged && pod.patch) return [];
    const now = judged
      ? "sets automountServiceAccountToken: true"
      : account
        ? `leaves automountServiceAccountToken unset and its ServiceAccount ${account.namespace}/${account.name} ${account.automountServiceAccountToken === undefined ? "does not set it to false" : "sets it to true"}, so its token is mounted`
        : "leaves automountServiceAccountToken unset, so its ServiceAccount's token is mounted unless the ServiceAccount says otherwise";
    return [violation(automount.path, undefined, `the pod ${now}. Set automountServiceAccountToken: false; if it calls the Kubernetes API, mount a token through a projected serviceAccountToken volume instead.`)];
  },
  fix(pod) {
    pod.spec.automountServiceAccountToken = false;
  },
};
