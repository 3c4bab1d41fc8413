/**
 * The admission objects for one rule at its configured level: a ValidatingAdmissionPolicy named
 * `container-hardening-<rule>` holding the rule's CEL (rule-validations.ts), and its binding with
 * the validation actions of the enforcement level (mandatory and remediate deny — the API server
 * cannot remediate, so what the pack would fix is refused; advisory warns and audits).
 */
import type { RuleSettings } from "../rules/configuration";
import { ANNOTATION_ENTRIES, exemptAllCel, exemptContainersCel } from "./exemption-cel";
import { RULE_VALIDATIONS } from "./rule-validations";

export const DEFAULT_NAME_PREFIX = "container-hardening";

/** Where each kind keeps its pod template (rules/kubernetes/workloads.ts TEMPLATE_PATHS, as resources of the served API groups). */
export const RESOURCE_RULES = [
  { apiGroups: [""], apiVersions: ["v1"], resources: ["pods", "pods/ephemeralcontainers", "podtemplates", "replicationcontrollers"] },
  { apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments", "statefulsets", "daemonsets", "replicasets"] },
  { apiGroups: ["batch"], apiVersions: ["v1"], resources: ["jobs", "cronjobs"] },
].map((rule) => ({ ...rule, operations: ["CREATE", "UPDATE"] }));

/** The pod template of each kind; the resource rules admit no other kind. */
const TEMPLATE = `object.kind == 'Pod' ? object : object.kind == 'PodTemplate' ? object.template : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template`;

export interface AdmissionOptions {
  /** Names are `<prefix>-<rule>`. @default "container-hardening" */
  readonly namePrefix?: string;
  /** Bind only in the namespaces this label selector selects. @default - every namespace */
  readonly namespaceSelector?: { matchLabels?: Record<string, string> };
}

export type KubernetesObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Record<string, unknown> };

export function validationActions(settings: RuleSettings): string[] {
  return settings.enforcement === "advisory" ? ["Warn", "Audit"] : ["Deny"];
}

/** The policy and binding of one enabled Kubernetes rule. */
export function rulePolicy(settings: RuleSettings, options: AdmissionOptions = {}): KubernetesObject[] {
  const { meta } = settings.entry;
  const name = `${options.namePrefix ?? DEFAULT_NAME_PREFIX}-${meta.id}`;
  const validations = RULE_VALIDATIONS[meta.id]!(settings.options).map((v) => ({ ...v, expression: `variables.exemptAll || (${v.expression})`, reason: "Forbidden" }));
  const metadata = { name, labels: { "app.kubernetes.io/managed-by": "container-hardening" }, annotations: { "container-hardening.io/rule": meta.id } };
  const policy: KubernetesObject = {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicy",
    metadata,
    spec: {
      failurePolicy: "Fail",
      matchConstraints: { resourceRules: RESOURCE_RULES },
      variables: [
        { name: "template", expression: TEMPLATE },
        { name: "spec", expression: "variables.template.spec" },
        { name: "podAnnotations", expression: "variables.template.?metadata.?annotations.orValue({})" },
        { name: "windows", expression: "variables.spec.?os.?name.orValue('') == 'windows'" },
        { name: "userNamespace", expression: "variables.spec.?hostUsers.orValue(true) == false" },
        { name: "target", expression: `object.kind + ' ' + (request.namespace != '' ? request.namespace + '/' : '') + object.metadata.?name.orValue('')` },
        { name: "annotationEntries", expression: ANNOTATION_ENTRIES },
        { name: "exemptAll", expression: exemptAllCel(meta.id, settings.exemptions) },
        { name: "exemptContainers", expression: exemptContainersCel(meta.id, settings.exemptions) },
      ],
      validations: validations.map((v) => ({ ...v, messageExpression: `${v.messageExpression} + ' (container-hardening rule ${meta.id})'` })),
    },
  };
  const binding: KubernetesObject = {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicyBinding",
    metadata,
    spec: { policyName: name, validationActions: validationActions(settings), ...(options.namespaceSelector ? { matchResources: { namespaceSelector: options.namespaceSelector } } : {}) },
  };
  return [policy, binding];
}
