// Makes `npm test` and `npm run demo` self-sufficient on a fresh clone: installs the locked
// dependencies (which also builds the pack through `prepare`) when node_modules is missing or older
// than package-lock.json. Uses only Node built-ins, because nothing else is installed yet.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lock = join(root, "package-lock.json");
const installed = join(root, "node_modules", ".package-lock.json");

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.error("container-hardening: installing locked dependencies (npm ci)…");
  // npm 11 leaves the @pulumi/* install scripts off (they would download plugins); the project
  // builds what the engine needs itself (scripts/setup-engine.sh).
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
}
