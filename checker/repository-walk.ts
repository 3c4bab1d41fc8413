/**
 * Walking a directory the way a repository holds it: the files `wanted` accepts by name, in a stable
 * order, leaving out what git would not show — `.git`, paths the repository's .gitignore files
 * (from the repository root down, nested ones included) and `.git/info/exclude` ignore — and what
 * `--exclude` patterns (gitignore syntax, relative to the directory walked) exclude. `node_modules`
 * is never entered: installed packages are not the repository's own files.
 *
 * A Helm chart (a directory with Chart.yaml beside templates/) is not entered: its templates are
 * Go templates, not manifests, until `helm template` renders them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isIgnored, parseIgnoreFile, parsePattern, type IgnorePattern } from "./gitignore";

/** The names of files that may hold Kubernetes manifests or Compose files. */
export const MANIFEST_FILE = /\.(ya?ml|json)$/i;

export interface RepositoryWalk {
  files: string[];
  /** Helm chart directories found, not entered. */
  charts: string[];
}

const NEVER_ENTERED = new Set([".git", "node_modules"]);

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function ignoreFile(path: string, base: string): IgnorePattern[] {
  try {
    return parseIgnoreFile(readFileSync(path, "utf8"), base);
  } catch {
    return [];
  }
}

/**
 * The patterns in force at `directory` before its own .gitignore, lowest precedence first: the
 * repository's .git/info/exclude, then the .gitignore of each directory from the repository root
 * down to its parent. None outside a repository, and none when those patterns ignore `directory`
 * (or everything in it, `dist/**`): a directory named although git ignores it (cdk8s `dist/`,
 * rendered output) is meant to be read.
 */
function inheritedPatterns(directory: string): IgnorePattern[][] {
  const above: string[] = [];
  let root = directory;
  while (!existsSync(join(root, ".git"))) {
    if (dirname(root) === root) return [];
    root = dirname(root);
    above.unshift(root);
  }
  const lists = [ignoreFile(join(root, ".git", "info", "exclude"), root)];
  for (const [i, dir] of above.entries()) {
    lists.push(ignoreFile(join(dir, ".gitignore"), dir));
    const next = above[i + 1] ?? directory;
    // No file is named NUL: only a pattern for everything in the directory ignores this one.
    if (isIgnored(lists, next, true) || isIgnored(lists, `${next}/\0`, false)) return [];
  }
  return lists;
}

function isHelmChart(directory: string): boolean {
  return existsSync(join(directory, "Chart.yaml")) && isDirectory(join(directory, "templates"));
}

/**
 * The files below `directory` whose name `wanted` accepts, and the Helm charts left unread.
 * @param exclude gitignore-style patterns relative to `directory` (`--exclude`).
 */
export function walkRepository(directory: string, wanted: (name: string) => boolean, exclude: readonly string[] = []): RepositoryWalk {
  const top = resolve(directory);
  const out: RepositoryWalk = { files: [], charts: [] };
  const excluded = exclude.flatMap((pattern) => parsePattern(pattern, top) ?? []);
  const visit = (dir: string, shown: string, lists: IgnorePattern[][]) => {
    if (isHelmChart(dir)) {
      out.charts.push(shown);
      return;
    }
    const here = [...lists, ignoreFile(join(dir, ".gitignore"), dir)];
    // In code-unit order, as git lists files, the same under every locale and engine.
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (NEVER_ENTERED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      // Links are followed to files, not to directories (git stores a link, and loops are possible).
      const folder = entry.isDirectory();
      if (!folder && !(entry.isFile() || (entry.isSymbolicLink() && !isDirectory(path) && existsSync(path)))) continue;
      if (isIgnored([...here, excluded], path, folder)) continue;
      if (folder) visit(path, join(shown, entry.name), here);
      else if (wanted(entry.name)) out.files.push(join(shown, entry.name));
    }
  };
  visit(top, directory, inheritedPatterns(top));
  return out;
}

/** What to do with a Helm chart instead of checking its templates. */
export function renderAdvice(chart: string): string {
  return `${chart} is a Helm chart: its templates are not manifests until rendered; check what it renders with \`helm template ${chart} | container-hardening check -\` (with your values: -f values.yaml).`;
}

/** The files a command-line path names: itself, or the walk of a directory (throws when it does not exist). */
export function filesNamed(path: string, wanted: (name: string) => boolean, exclude: readonly string[]): RepositoryWalk {
  return statSync(path).isDirectory() ? walkRepository(path, wanted, exclude) : { files: [path], charts: [] };
}
