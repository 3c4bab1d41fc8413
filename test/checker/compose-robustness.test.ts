import { profileConfiguration } from "../../rules/configuration";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { reviewCompose } from "../../checker/compose";
import type { JsonObject } from "../../rules/values";

/** Keys the normalisation and the rules read, plus shapes Compose allows and shapes it does not. */
const KEYS = [
  "user", "group_add", "cap_add", "cap_drop", "read_only", "privileged", "security_opt", "network_mode", "pid", "ipc",
  "userns_mode", "cgroup", "volumes", "devices", "device_cgroup_rules", "sysctls", "mem_limit", "cpus", "cpu_quota",
  "cpuset", "deploy", "build", "extends", "labels", "tmpfs",
];

const value = fc.oneof(
  fc.anything(),
  fc.constantFrom("${X}", "${X:-0}", "$$", "${", "~/x:/y", "./a:/b:ro", "/:/h", "a=b", "512m", "host", "seccomp:./nope.json", "ALL", "base", "web"),
  fc.array(fc.oneof(fc.string(), fc.constantFrom("${X}", "/dev/sda", "k=v", "/:/h:ro"), fc.dictionary(fc.constantFrom("type", "source", "target"), fc.oneof(fc.string(), fc.constantFrom("bind", "volume", "/", "."))))),
);

describe("Compose review robustness", () => {
  const directory = mkdtempSync(join(tmpdir(), "compose-robust-"));
  const file = join(directory, "compose.yaml");
  writeFileSync(file, "services: {}\n");

  it("never throws, and leaves its input unmodified, on arbitrary values at the keys it reads", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), value), fc.anything(), (service, volumes) => {
        const document: JsonObject = { services: { web: service, base: { privileged: true } }, volumes };
        const copy = JSON.stringify(document);
        const review = reviewCompose({ source: file, file, document, locate: () => undefined }, profileConfiguration("hardened"));
        assert.equal(JSON.stringify(document), copy, "the document is not modified");
        for (const object of review.objects) for (const finding of object.findings) assert.ok(finding.path && finding.message && finding.rule);
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });
});
