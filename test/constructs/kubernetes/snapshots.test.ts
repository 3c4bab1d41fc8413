/**
 * One synthesized manifest per construct, compared exactly with the committed YAML in
 * __snapshots__/ (readable, and pasteable into kubectl). A difference means the constructs' output
 * changed: review the diff, then regenerate with
 *   UPDATE_SNAPSHOTS=1 node --test dist/test/constructs/kubernetes/snapshots.test.js
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Yaml } from "cdk8s";
import type { SecurePodSpecProps } from "../../../constructs/index";
import { SecureCronJob, SecureDaemonSet, SecureDeployment, SecureJob, SecurePod, SecureStatefulSet } from "../../../constructs/index";
import { assertClean, ROOT, synth } from "../synth";

const SNAPSHOTS = join(ROOT, "test", "constructs", "kubernetes", "__snapshots__");
const update = process.env.UPDATE_SNAPSHOTS === "1";

const pod: SecurePodSpecProps = {
  containers: [
    {
      name: "app",
      image: "registry.example/app:1.0",
      ports: [8080],
      env: { MODE: "production" },
      readiness: { httpGet: { path: "/ready", port: 8080 } },
      writablePaths: ["/tmp", { path: "/var/cache/app", sizeLimit: "1Gi" }],
    },
  ],
};

const CASES: Record<string, Parameters<typeof synth>[0]> = {
  "secure-deployment": (chart) => new SecureDeployment(chart, "web", { ...pod, replicas: 3 }),
  "secure-stateful-set": (chart) =>
    new SecureStatefulSet(chart, "db", {
      ...pod,
      serviceName: "db",
      volumeClaimTemplates: [{ name: "data", storage: "10Gi" }],
      containers: [{ ...pod.containers[0]!, volumeMounts: [{ name: "data", mountPath: "/var/lib/app" }] }],
    }),
  "secure-daemon-set": (chart) => new SecureDaemonSet(chart, "agent", { ...pod, nodeSelector: { "kubernetes.io/os": "linux" } }),
  "secure-job": (chart) => new SecureJob(chart, "migrate", { ...pod, backoffLimit: 2, ttlSecondsAfterFinished: 3600 }),
  "secure-cron-job": (chart) => new SecureCronJob(chart, "report", { ...pod, schedule: "0 3 * * *", timeZone: "Etc/UTC" }),
  "secure-pod": (chart) => new SecurePod(chart, "debug", { ...pod, initContainers: [{ name: "init", image: "registry.example/init:1.0" }] }),
};

describe("synthesized manifests match the snapshots", () => {
  for (const [name, build] of Object.entries(CASES)) {
    it(name, () => {
      const objects = synth(build);
      objects.forEach(assertClean);
      const yaml = Yaml.stringify(...objects);
      const file = join(SNAPSHOTS, `${name}.k8s.yaml`);
      if (update) {
        mkdirSync(SNAPSHOTS, { recursive: true });
        writeFileSync(file, yaml);
      }
      assert.ok(existsSync(file), `${file} is missing; run with UPDATE_SNAPSHOTS=1 to write it`);
      assert.equal(yaml, readFileSync(file, "utf8"), `${name} changed; if intended, regenerate with UPDATE_SNAPSHOTS=1`);
    });
  }
});
