import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { resolveExtends } from "../../checker/compose-extends";
import { mergeMappings } from "../../checker/compose-merge";

/** A project whose compose.yaml extends common/base.yaml's `base`, written with the given base service. */
function project(base: string, dotenv?: string): string {
  const directory = mkdtempSync(join(tmpdir(), "compose-extends-"));
  mkdirSync(join(directory, "common"));
  writeFileSync(join(directory, "common", "base.yaml"), `services:\n  base:\n${base}`);
  if (dotenv !== undefined) writeFileSync(join(directory, ".env"), dotenv);
  return directory;
}

describe("extends from another file", () => {
  // Found by the differential test against compose-go (test/fuzz/compose-project-differential.ts):
  // compose-go interpolates the base file before resolving its relative paths against its directory.
  it("resolves a relative path written through a variable against the base file's directory", () => {
    const directory = project("    volumes:\n      - ${DATA:-./data}:/data\n      - ${SET:+./set}:/set\n    build:\n      context: ${CONTEXT:-./app}\n", "SET=1\n");
    const { services, errors } = resolveExtends({ file: join(directory, "compose.yaml"), directory, services: { web: { extends: { file: "common/base.yaml", service: "base" } } } });
    assert.deepEqual(errors, []);
    const web = services.web as { volumes: string[]; build: { context: string } };
    assert.deepEqual(web.volumes, [`${join(directory, "common", "data")}:/data`, `${join(directory, "common", "set")}:/set`]);
    assert.equal(web.build.context, join(directory, "common", "app"));
  });

  it("keeps a value that depends on the environment as written, to be reported as unknown", () => {
    const directory = project("    volumes:\n      - ${DATA}:/data\n      - ./lit$$eral:/x\n");
    const { services } = resolveExtends({ file: join(directory, "compose.yaml"), directory, services: { web: { extends: { file: "common/base.yaml", service: "base" } } } });
    assert.deepEqual((services.web as { volumes: string[] }).volumes, ["${DATA}:/data", `${join(directory, "common", "lit$$eral")}:/x`]);
  });
});

// Found by the differential test against compose-go (override/merge.go mergeSpecials, override/uncity.go).
describe("merging a service onto another, as compose-go merges them", () => {
  it("merges KEY=VALUE entries by key whether written as a list or a mapping", () => {
    const merged = mergeMappings({ sysctls: ["net.ipv4.ip_forward=1", "net.core.somaxconn=1024"] }, { sysctls: { "net.core.somaxconn": 4096, "kernel.msgmax": "65536" } });
    // The base's unsafe sysctl stays: the override's mapping does not replace the list.
    assert.deepEqual(merged.sysctls, ["net.ipv4.ip_forward=1", "net.core.somaxconn=4096", "kernel.msgmax=65536"]);
  });

  it("reads a build string as the context of the build it is merged with", () => {
    assert.deepEqual(mergeMappings({ build: "./app" }, { build: { dockerfile: "Dockerfile.dev" } }).build, { context: "./app", dockerfile: "Dockerfile.dev" });
  });

  it("replaces a volume at the same container path in place", () => {
    assert.deepEqual(mergeMappings({ volumes: ["./a:/a", "./b:/b"] }, { volumes: ["/etc:/a"] }).volumes, ["/etc:/a", "./b:/b"]);
  });
});
