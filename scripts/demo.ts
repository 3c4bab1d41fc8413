/**
 * `npm run demo`: sets up the real Pulumi engine, then previews the insecure and the secure example
 * stacks under the container-hardening pack and prints the CLI's report of each. Exits 0 only when
 * the insecure preview was blocked by mandatory violations and the secure one passed with none.
 */
import { type RunResult, Workspace } from "./engine/workspace";

function report(title: string, command: string, result: RunResult): void {
  console.log(`\n==== ${title}\n$ ${command}   (exit ${result.code}, ${result.seconds.toFixed(1)} s)\n`);
  console.log(result.output.trimEnd());
}

async function main(): Promise<number> {
  const workspace = new Workspace();
  try {
    const insecure = await (await workspace.stack("insecure-stack", "demo")).preview();
    report("examples/insecure-stack", "pulumi preview --policy-pack <repo>", insecure);
    const secure = await (await workspace.stack("secure-stack", "demo")).preview();
    report("examples/secure-stack", "pulumi preview --policy-pack <repo>", secure);

    const mandatory = insecure.violations.filter((v) => v.level === "mandatory");
    const blocked = insecure.code !== 0 && mandatory.length > 0;
    const passed = secure.code === 0 && secure.violations.length === 0;
    console.log("\n==== result");
    console.log(`insecure stack: ${blocked ? "blocked" : "NOT blocked"} (${mandatory.length} mandatory violations in ${new Set(mandatory.map((v) => v.resource)).size} resources)`);
    console.log(`secure stack:   ${passed ? "passed, no violations" : `NOT passed (exit ${secure.code}, ${secure.violations.length} violations)`}`);
    return blocked && passed ? 0 : 1;
  } finally {
    workspace.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
