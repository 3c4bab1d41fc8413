import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { resolveExtends } from "../../checker/compose-extends";

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
