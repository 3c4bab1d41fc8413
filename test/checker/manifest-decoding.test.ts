/**
 * The checker reads a manifest as Kubernetes reads it (YAML 1.1 scalars, merge keys that override
 * the keys before them, the last of duplicate keys), not as a YAML 1.2 reader would: each case here
 * is a Pod whose meaning changes between the two readings.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runChecker } from "./run-checker";


/**
 * A Pod with zero findings at every profile; lines are added to the object (`top`), its spec, the
 * Pod's and the container's security contexts (`pod`, `container`; replacing their last line) and
 * the container (`fields`).
 */
function pod(parts: { top?: string[]; spec?: string[]; pod?: string[]; container?: string[]; fields?: string[] } = {}): string {
  return [
    "apiVersion: v1",
    "kind: Pod",
    "metadata: { name: p, namespace: shop }",
    ...(parts.top ?? []),
    "spec:",
    "  automountServiceAccountToken: false",
    ...(parts.spec ?? []).map((line) => `  ${line}`),
    "  securityContext:",
    "    runAsUser: 10001",
    "    runAsGroup: 10001",
    "    fsGroup: 10001",
    "    seccompProfile: { type: RuntimeDefault }",
    ...(parts.pod ?? ["runAsNonRoot: true"]).map((line) => `    ${line}`),
    "  containers:",
    "    - name: web",
    "      image: nginxinc/nginx-unprivileged:1.27",
    ...(parts.fields ?? []).map((line) => `      ${line}`),
    "      securityContext:",
    "        readOnlyRootFilesystem: true",
    "        capabilities: { drop: [ALL] }",
    ...(parts.container ?? ["allowPrivilegeEscalation: false"]).map((line) => `        ${line}`),
    "",
  ].join("\n");
}

function check(text: string) {
  const file = join(mkdtempSync(join(tmpdir(), "checker-decoding-")), "pod.yaml");
  writeFileSync(file, text);
  const result = runChecker(["check", "--format", "json", file]);
  const report = JSON.parse(result.stdout) as { errors: string[]; warnings: string[]; objects: Array<{ findings: Array<{ rule: string; outcome: string; path: string }> }> };
  const findings = report.objects.flatMap((object) => object.findings);
  return { code: result.code, file, report, rules: findings.map((finding) => `${finding.rule} ${finding.outcome}`).sort() };
}

describe("the checker reads manifests as Kubernetes does", () => {
  it("passes the Pod the cases start from", () => {
    const { code, rules, report } = check(pod());
    assert.deepEqual([code, rules, report.errors, report.warnings], [0, [], [], []]);
  });

  it("finds the privileged container that a merge key makes privileged after privileged: false", () => {
    const { code, rules } = check(pod({ container: ["allowPrivilegeEscalation: false", "privileged: false", "<<: {privileged: true}"] }));
    assert.equal(code, 1);
    assert.deepEqual(rules, ["no-privileged violation"]);
  });

  it("lets <<: *base override allowPrivilegeEscalation: false and runAsNonRoot: true written before it", () => {
    const { code, rules } = check(
      pod({
        top: ["x-base: &base { allowPrivilegeEscalation: true }", "x-pod: &pod { runAsNonRoot: false }"],
        container: ["allowPrivilegeEscalation: false", "<<: *base"],
        pod: ["runAsNonRoot: true", "<<: *pod"],
      }),
    );
    assert.equal(code, 1);
    assert.deepEqual(rules, ["no-privilege-escalation violation", "run-as-non-root violation"]);
  });

  it("takes the last of duplicate keys, warning at the duplicate's file and line, and exits by the findings", () => {
    const { code, rules, report, file } = check(pod({ spec: ["hostNetwork: false", "hostNetwork: true"] }));
    assert.equal(code, 1);
    assert.deepEqual(rules, ["no-host-namespaces violation"]);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.warnings, [`${file}:7:3: duplicate key "hostNetwork": Kubernetes keeps the last one (this one)`]);
  });

  it("warns of a duplicate key without refusing the file: exit code 0 when nothing is found", () => {
    const { file } = check(pod({ spec: ["hostNetwork: true", "hostNetwork: false"] }));
    const text = runChecker(["check", file]);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stderr, new RegExp(`warning: ${file.replace(/[.\\/]/g, "\\$&")}:7:3: duplicate key "hostNetwork"`));
    assert.match(text.stdout, /1 Kubernetes object checked against hardened: 0 findings\./);
  });

  it("reads YAML 1.1 spellings (off, yes, 10_001, 0b0) as the booleans and numbers Kubernetes reads", () => {
    const { code, rules, report } = check(
      pod({
        spec: ["hostNetwork: off", "hostPID: no"],
        pod: ["runAsNonRoot: yes"],
        container: ["allowPrivilegeEscalation: False", "runAsUser: 10_001"],
        fields: ["ports: [{ containerPort: 8080, hostPort: 0b0 }]"],
      }),
    );
    assert.deepEqual([code, rules, report.errors], [0, [], []]);
    const insecure = check(pod({ spec: ["hostNetwork: on"], container: ["allowPrivilegeEscalation: false", "runAsUser: 0b0"], fields: ["ports: [{ containerPort: 8080, hostPort: 0x50 }]"] }));
    // runAsUser 0 is root, which also contradicts runAsNonRoot: true.
    assert.deepEqual(insecure.rules, ["no-host-namespaces violation", "no-host-ports violation", "non-root-uid-gid violation", "run-as-non-root violation"]);
  });
});
