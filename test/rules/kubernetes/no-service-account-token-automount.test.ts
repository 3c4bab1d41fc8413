import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { fromEngine } from "../../../policypack/engine-values";
import { checkExtraction, extractPods, inputFacts, resourceRef } from "../../../rules/kubernetes/index";
import { noServiceAccountTokenAutomount as rule } from "../../../rules/kubernetes/no-service-account-token-automount";
import { resolveOptions } from "../../../rules/options";
import type { JsonObject } from "../../../rules/values";
import { assertFixes, assertPasses, assertViolations, check, parseObject, UNKNOWN } from "../../helpers/kubernetes";
import { containerPod as pod } from "./pod-fixtures";

describe("no-service-account-token-automount", () => {
  it("passes a pod that sets automountServiceAccountToken: false", () => {
    assertPasses(rule, pod("", "automountServiceAccountToken: false"));
  });

  it("fails true and unset (the ServiceAccount's setting cannot be seen), saying what to write", () => {
    const [explicit] = assertViolations(rule, pod("", "automountServiceAccountToken: true"), [["spec.automountServiceAccountToken", undefined]]);
    assert.match(explicit!.message, /sets automountServiceAccountToken: true\. Set automountServiceAccountToken: false/);
    const [unset] = assertViolations(rule, pod(""), [["spec.automountServiceAccountToken", undefined]]);
    assert.match(unset!.message, /leaves automountServiceAccountToken unset/);
    assertViolations(rule, pod("", 'automountServiceAccountToken: "false"'), [["spec.automountServiceAccountToken", undefined]]);
  });

  it("reports unknown at preview, and leaves an unset field of a patch to the live object", () => {
    assert.deepEqual(check(rule, pod("", `automountServiceAccountToken: "${UNKNOWN}"`)).map((f) => f.outcome), ["unknown"]);
    assert.deepEqual(check(rule, pod(""), {}, true), []);
    assert.equal(check(rule, pod("", "automountServiceAccountToken: true"), {}, true).length, 1);
  });

  it("judges a Job's pod template and fixes it", () => {
    const job = "apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec: { template: { spec: { containers: [{ name: c, image: i }] } } }";
    assertViolations(rule, parseObject(job), [["spec.template.spec.automountServiceAccountToken", undefined]]);
    const fixed = assertFixes(rule, job);
    assert.equal((fixed as { spec: { template: { spec: { automountServiceAccountToken: boolean } } } }).spec.template.spec.automountServiceAccountToken, false);
  });
});

/** The rule over the workloads of a multi-document input, knowing every ServiceAccount in it. */
function checkInput(yaml: string): Array<[string, string, string]> {
  const objects = parseAllDocuments(yaml).map((document) => document.toJS() as JsonObject);
  const facts = inputFacts(objects);
  return objects.flatMap((object) => checkExtraction(rule, extractPods(object, { facts }), resolveOptions({})).map((finding) => [resourceRef(object).name, finding.outcome, finding.message] as [string, string, string]));
}

const SERVICE_ACCOUNTS = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: quiet, namespace: shop }
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: loud, namespace: shop }
automountServiceAccountToken: true
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: plain, namespace: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default }
automountServiceAccountToken: false
`;

const deployment = (name: string, namespace: string, podFields: string) => `
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}${namespace ? `, namespace: ${namespace}` : ""} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      ${podFields || "{}"}
      containers: [{ name: app, image: nginx }]
`;

describe("no-service-account-token-automount with the ServiceAccounts of the same input", () => {
  it("passes a workload whose ServiceAccount sets automountServiceAccountToken: false", () => {
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("api", "shop", "serviceAccountName: quiet")), []);
    // The deprecated alias names the account when serviceAccountName is empty, as the API server reads it.
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("alias", "shop", "serviceAccount: quiet")), []);
    // No name and no namespace: the `default` ServiceAccount of the `default` namespace.
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("bare", "", "")), []);
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("explicit", "default", "")), []);
  });

  it("fails when the ServiceAccount mounts the token, or the pod asks for it itself", () => {
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("api", "shop", "serviceAccountName: loud")), [
      ["api", "violation", "the pod leaves automountServiceAccountToken unset and its ServiceAccount shop/loud sets it to true, so its token is mounted. Set automountServiceAccountToken: false; if it calls the Kubernetes API, mount a token through a projected serviceAccountToken volume instead."],
    ]);
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("api", "shop", "serviceAccountName: plain")).map(([, , message]) => message.split(".")[0]), [
      "the pod leaves automountServiceAccountToken unset and its ServiceAccount shop/plain does not set it to false, so its token is mounted",
    ]);
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("api", "shop", "{ serviceAccountName: quiet, automountServiceAccountToken: true }")).map(([, , message]) => message.split(".")[0]), [
      "the pod sets automountServiceAccountToken: true",
    ]);
  });

  it("keeps today's finding when the ServiceAccount is not in the input (another namespace, another name)", () => {
    const unseen = "the pod leaves automountServiceAccountToken unset, so its ServiceAccount's token is mounted unless the ServiceAccount says otherwise";
    // `quiet` is in shop, the workload in web; the default namespace's `default` is not shop's.
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("api", "web", "serviceAccountName: quiet")).map(([, , message]) => message.split(".")[0]), [unseen]);
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("api", "shop", "")).map(([, , message]) => message.split(".")[0]), [unseen]);
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS + deployment("api", "shop", "serviceAccountName: missing")).map(([, , message]) => message.split(".")[0]), [unseen]);
    // A ServiceAccount's own kind and apiVersion decide, not its name.
    assert.deepEqual(checkInput(SERVICE_ACCOUNTS.replace("kind: ServiceAccount\nmetadata: { name: quiet", "kind: ConfigMap\nmetadata: { name: quiet") + deployment("api", "shop", "serviceAccountName: quiet")).map(([, , message]) => message.split(".")[0]), [unseen]);
  });

  it("does not guess a ServiceAccount whose name is not known yet (a Pulumi output at preview)", () => {
    // Were the unknown name read as absent, default/default (false) would pass it.
    const object = fromEngine(parseObject(deployment("api", "", `serviceAccountName: "${UNKNOWN}"`).replace("---", "")));
    const facts = inputFacts(parseAllDocuments(SERVICE_ACCOUNTS).map((document) => document.toJS() as JsonObject));
    assert.equal(checkExtraction(rule, extractPods(object, { facts }), resolveOptions({})).length, 1);
  });
});
