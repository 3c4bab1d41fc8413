/**
 * BuildKit's own Dockerfile frontend (test/buildkit-oracle) as an oracle for the user an image runs
 * as: requests go in as JSON lines, answers come back in order. Every base image it resolves has
 * the USER `BASE_IMAGE_USER`; `FROM scratch` has none (""). The binary is built by
 * scripts/build-buildkit-oracle.sh when its cache (outside the repository) does not have it yet.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..", "..");

export const BASE_IMAGE_USER = "<base-image-user>";

export interface OracleRequest {
  dockerfile: string;
  target?: string;
  buildArgs?: Record<string, string>;
}

/** BuildKit's answer: the image config's User, or why the Dockerfile does not convert. */
export type OracleAnswer = { user: string } | { error: string };

function oracleBinary(): string {
  return execFileSync(join(root, "scripts", "build-buildkit-oracle.sh"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/** BuildKit's answers to every request, in one run of the oracle. */
export function askBuildKit(requests: OracleRequest[]): OracleAnswer[] {
  const input = requests.map((request) => JSON.stringify(request)).join("\n") + "\n";
  const output = execFileSync(oracleBinary(), { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const answers = output.trim().split("\n").map((line) => JSON.parse(line) as OracleAnswer);
  if (answers.length !== requests.length) throw new Error(`buildkit-oracle answered ${answers.length} of ${requests.length} requests`);
  return answers;
}
