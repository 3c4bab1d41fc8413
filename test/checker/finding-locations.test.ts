/**
 * Findings on Kubernetes objects name the line and column of their field (or, when the field is
 * missing, of its nearest parent that is written), in the checker's text and JSON output.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fieldPathSteps } from "../../checker/finding-location";
import { runChecker } from "./run-checker";


interface Report {
  objects: Array<{ source: string; file?: string; findings: Array<{ rule: string; path: string; line?: number; column?: number }> }>;
}

const run = (args: string[], input?: string) => runChecker(args, { input });

function check(name: string, text: string, profile = "pss-baseline") {
  const file = join(mkdtempSync(join(tmpdir(), "checker-locations-")), name);
  writeFileSync(file, text);
  const json = run(["check", "--profile", profile, "--format", "json", file]);
  const textOutput = run(["check", "--profile", profile, file]);
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

/** Shaped as `helm template shop` writes it (helm v3): `---`, `# Source: <template>`, the document. */
const HELM_OUTPUT = `---
# Source: shop/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports: [{ port: 80 }]
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: "nginx:1.27"
---
# Source: shop/charts/redis/templates/statefulset.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:
  template:
    spec:
      containers:
        - name: redis
          image: redis
          securityContext:
            privileged: true
---
# Source: shop/templates/tests/test-connection.yaml
apiVersion: v1
kind: Pod
metadata:
  name: "web-test-connection"
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['web:80']
  restartPolicy: Never
---
apiVersion: v1
kind: Pod
metadata: { name: added-by-hand }
spec: { hostPID: true, containers: [{ name: c, image: i }] }
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

  it("names the helm template of each document piped in, with the line in the stream", () => {
    const json = run(["check", "--profile", "pss-baseline", "--format", "json", "-"], HELM_OUTPUT);
    const report = JSON.parse(json.stdout) as Report;
    assert.deepEqual(
      report.objects.map((object) => [object.source, object.file]),
      [
        ["shop/templates/service.yaml", "<stdin>"],
        ["shop/templates/deployment.yaml", "<stdin>"],
        ["shop/charts/redis/templates/statefulset.yaml", "<stdin>"],
        ["shop/templates/tests/test-connection.yaml", "<stdin>"],
        // No `# Source:` since the last `---`: the stream's own name.
        ["<stdin>#5", "<stdin>"],
      ],
    );
    assert.deepEqual(where(report), [
      "no-host-namespaces spec.hostPID 55:9",
      "no-host-namespaces spec.template.spec.hostNetwork 18:7",
      "no-privileged spec.template.spec.containers[0].securityContext.privileged 35:13",
    ]);
    const text = run(["check", "--profile", "pss-baseline", "-"], HELM_OUTPUT);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^shop\/templates\/deployment\.yaml \(<stdin>:18:7\): Deployment web: spec\.template\.spec\.hostNetwork: .*\[no-host-namespaces\]$/m);
    assert.match(text.stdout, /^shop\/charts\/redis\/templates\/statefulset\.yaml \(<stdin>:35:13\): StatefulSet redis: /m);
    assert.match(text.stdout, /^<stdin>:55:9: Pod added-by-hand: spec\.hostPID: /m);
    // Saved to a file, the same text is reported by the file's name.
    const { report: saved } = check("rendered.yaml", HELM_OUTPUT);
    assert.deepEqual(saved.objects.map((object) => object.source.replace(/.*\//, "")), ["rendered.yaml#1", "rendered.yaml#2", "rendered.yaml#3", "rendered.yaml#4", "rendered.yaml#5"]);
  });
});
