/** The project as `npm pack` makes it: the tarball npm installs and `pulumi policy publish` uploads. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export const projectRoot = join(__dirname, "..", "..", "..");

export interface Packed {
  /** The tarball's path. */
  tarball: string;
  /** The paths of the files it holds, relative to the package root. */
  files: Set<string>;
}

/** Packs the compiled project into `destination`. */
export function packProject(destination: string): Packed {
  // --ignore-scripts: the suite has just compiled dist/, so prepare need not run again.
  const output = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], { cwd: projectRoot, encoding: "utf8" });
  const [packed] = JSON.parse(output) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(destination, packed!.filename), files: new Set(packed!.files.map((file) => file.path)) };
}
