/**
 * The Go oracles under test/ (psa-oracle, buildkit-oracle, compose-oracle): built by scripts/build-go-oracle.sh when
 * its cache (outside the repository) does not have them yet, then fed JSON lines.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");

export type OracleName = "psa-oracle" | "buildkit-oracle" | "compose-oracle";

/** Builds the oracle if needed (progress on stderr) and returns the binary's path. */
export function oracleBinary(name: OracleName): string {
  return execFileSync(join(root, "scripts", "build-go-oracle.sh"), [name], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/** The oracle's answers to every request, in order, from one run of it. */
export function askOracle(name: OracleName, requests: unknown[]): unknown[] {
  const input = requests.map((request) => JSON.stringify(request)).join("\n") + "\n";
  const output = execFileSync(oracleBinary(name), { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const answers = output.trim().split("\n").map((line) => JSON.parse(line) as unknown);
  if (answers.length !== requests.length) throw new Error(`${name} answered ${answers.length} of ${requests.length} requests`);
  return answers;
}
