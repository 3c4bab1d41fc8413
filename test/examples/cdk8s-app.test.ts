/**
 * The committed synthesis of examples/cdk8s-app (a sample of what the constructs emit) is
 * what the app synthesizes today, and passes every profile. When the app or the constructs change,
 * regenerate it with `npm run synth:example` and commit examples/cdk8s-app/dist.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { shopApp } from "../../examples/cdk8s-app/main";
import { assertClean, ROOT } from "../constructs/synth";

const COMMITTED = join(ROOT, "examples", "cdk8s-app", "dist");
const manifestsIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".k8s.yaml")).sort();

describe("examples/cdk8s-app", () => {
  const outdir = mkdtempSync(join(tmpdir(), "cdk8s-app-"));
  after(() => rmSync(outdir, { recursive: true, force: true }));
  shopApp({ outdir }).synth();

  it("committed dist/ is what the app synthesizes now (else: npm run synth:example)", () => {
    assert.deepEqual(manifestsIn(outdir), manifestsIn(COMMITTED));
    for (const name of manifestsIn(outdir)) {
      assert.equal(readFileSync(join(outdir, name), "utf8"), readFileSync(join(COMMITTED, name), "utf8"), `${name} is stale: run npm run synth:example and commit it`);
    }
  });

  it("holds the web Deployment, its Service, the worker and the CronJob, all passing every profile", () => {
    const objects = manifestsIn(COMMITTED).flatMap((name) => parseAllDocuments(readFileSync(join(COMMITTED, name), "utf8")).map((d) => d.toJS()));
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`), ["Deployment/web", "Service/web", "Deployment/worker", "CronJob/nightly-report"]);
    objects.forEach(assertClean);
  });
});
