/**
 * The Go oracles under test/ (psa-oracle, buildkit-oracle, yaml-oracle, compose-oracle, cel-oracle): built by scripts/build-go-oracle.sh when
 * its cache (outside the repository) does not have them yet, then fed JSON lines.
 */
import { execFile, execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");

export type OracleName = "psa-oracle" | "buildkit-oracle" | "yaml-oracle" | "compose-oracle" | "cel-oracle";

const built = new Map<OracleName, string>();

/** Builds the oracle if needed (progress on stderr) and returns the binary's path (asked once per process). */
export function oracleBinary(name: OracleName): string {
  let binary = built.get(name);
  if (binary === undefined) {
    binary = execFileSync(join(root, "scripts", "build-go-oracle.sh"), [name], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    built.set(name, binary);
  }
  return binary;
}

const MAX_OUTPUT = 256 * 1024 * 1024;

function inputLines(requests: unknown[]): string {
  return requests.map((request) => JSON.stringify(request)).join("\n") + "\n";
}

function answersOf(name: OracleName, output: string, expected: number): unknown[] {
  const answers = output.trim().split("\n").map((line) => JSON.parse(line) as unknown);
  if (answers.length !== expected) throw new Error(`${name} answered ${answers.length} of ${expected} requests`);
  return answers;
}

/** The oracle's answers to every request, in order, from one run of it. */
export function askOracle(name: OracleName, requests: unknown[]): unknown[] {
  const output = execFileSync(oracleBinary(name), { input: inputLines(requests), encoding: "utf8", maxBuffer: MAX_OUTPUT });
  return answersOf(name, output, requests.length);
}

/** askOracle without blocking: the oracle works while the caller does something else. */
export function askOracleLater(name: OracleName, requests: unknown[]): Promise<unknown[]> {
  const binary = oracleBinary(name);
  return new Promise((resolve, reject) => {
    const child = execFile(binary, { encoding: "utf8", maxBuffer: MAX_OUTPUT }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${name} failed: ${error.message}\n${stderr}`));
      else resolve(answersOf(name, stdout, requests.length));
    });
    child.stdin!.end(inputLines(requests));
  });
}
