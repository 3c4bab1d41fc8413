/** Where things are, for the scripts and tests compiled into dist/. */
import { resolve } from "node:path";

/** dist/scripts/engine/ → the repository. */
export const REPO_ROOT = resolve(__dirname, "..", "..", "..");
