/**
 * Findings on Kubernetes objects name the line and column of their field (or, when the field is
 * missing, of its nearest parent that is written), in the checker's text and JSON output.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fieldPathSteps } from "../../checker/finding-location";

const bin = join(__dirname, "..", "..", "checker", "cli.js");

interface Report {
  objects: Array<{ source: string; file?: string; findings: Array<{ rule: string; path: string; line?: number; column?: number }> }>;
}

function check(name: string, text: string, profile = "pss-baseline") {
  const file = join(mkdtempSync(join(tmpdir(), "checker-locations-")), name);
  writeFileSync(file, text);
  const json = spawnSync(process.execPath, [bin, "check", "--profile", profile, "--format", "json", file], { encoding: "utf8" });
  const textOutput = spawnSync(process.execPath, [bin, "check", "--profile", profile, file], { encoding: "utf8" });
  return { file, report: JSON.parse(json.stdout) as Report, stdout: textOutput.stdout };
}

/** `rule path line:column` of every finding, sorted. */
const where = (report: Report) =>
  report.objects
    .flatMap((object) => object.findings.map((finding) => `${finding.rule} ${finding.path} ${finding.line}:${finding.column}`))
    .sort();

const MULTI_DOCUMENT = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { a: b }
---
# Source: shop/templates/web.yaml
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers:
        - name: ok
          image: i
        - name: sidecar
          image: i
          securityContext:
            privileged: false
            <<: { privileged: true }
          ports:
            - containerPort: 80
              hostPort: 8080
---
apiVersion: v1
kind: Pod
metadata: { name: p }
spec: { hostIPC: true, containers: [{ name: c, image: i }] }
`;

describe("where a finding is written", () => {
  it("splits a finding's path into keys and indexes, quoted keys whole", () => {
    assert.deepEqual(fieldPathSteps("spec.template.spec.containers[1].securityContext"), ["spec", "template", "spec", "containers", 1, "securityContext"]);
    assert.deepEqual(fieldPathSteps('metadata.annotations["container.apparmor.security.beta.kubernetes.io/web"]'), ["metadata", "annotations", "container.apparmor.security.beta.kubernetes.io/web"]);
    assert.deepEqual(fieldPathSteps("spec.securityContext.sysctls[0].name"), ["spec", "securityContext", "sysctls", 0, "name"]);
  });

  it("gives each finding of a multi-document file the line and column of its field, counted in the whole file", () => {
    const { file, report, stdout } = check("several.yaml", MULTI_DOCUMENT);
    assert.deepEqual(where(report), [
      "no-host-namespaces spec.hostIPC 28:9",
      "no-host-ports spec.template.spec.containers[1].ports[0].hostPort 23:15",
      // The merge key's mapping sets privileged last: that is where it is written.
      "no-privileged spec.template.spec.containers[1].securityContext.privileged 20:19",
    ]);
    assert.deepEqual(
      report.objects.map((object) => [object.source.slice(file.length), object.file]),
      [
        ["#1", file],
        ["#2", file],
        ["#3", file],
      ],
    );
    assert.match(stdout, new RegExp(`^${file.replace(/[.\\/]/g, "\\$&")}:20:19: Deployment web: spec\\.template\\.spec\\.containers\\[1\\]\\.securityContext\\.privileged \\(container "sidecar"\\): .*\\[no-privileged\\]$`, "m"));
    assert.match(stdout, /several\.yaml:28:9: Pod p: spec\.hostIPC: /);
  });

  it("places a finding on a missing field at its nearest written parent", () => {
    const { report } = check(
      "missing.yaml",
      `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: c
      image: i
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: { drop: [ALL] }
    - name: d
      image: i
      securityContext: { allowPrivilegeEscalation: false, capabilities: { add: [NET_BIND_SERVICE] } }
`,
      "pss-restricted",
    );
    // containers[1] drops nothing: its capabilities key (16:59) stands for the missing drop.
    assert.deepEqual(where(report), ["drop-all-capabilities spec.containers[1].securityContext.capabilities.drop 16:59"]);
  });

  it("locates the fields of a List's items and of JSON", () => {
    const { report } = check(
      "list.json",
      `{
  "apiVersion": "v1",
  "kind": "List",
  "items": [
    { "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "settings" } },
    {
      "apiVersion": "v1",
      "kind": "Pod",
      "metadata": { "name": "p" },
      "spec": {
        "hostNetwork": true,
        "containers": [{ "name": "c", "image": "i" }]
      }
    }
  ]
}
`,
    );
    assert.deepEqual(where(report), ["no-host-namespaces spec.hostNetwork 11:9"]);
  });
});
