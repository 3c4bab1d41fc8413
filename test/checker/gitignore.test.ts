/**
 * The checker's .gitignore matching against git itself: a tree of awkward patterns (negation,
 * directory-only, anchored, `**`, escapes, trailing spaces, nested .gitignore files, --exclude) is
 * walked by walkRepository, and every file's verdict is compared with `git check-ignore` and
 * `git ls-files --others --exclude-standard` in a fresh repository.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { walkRepository } from "../../checker/repository-walk";

const work = mkdtempSync(join(tmpdir(), "gitignore-test-"));
after(() => rmSync(work, { recursive: true, force: true }));

const ROOT_IGNORE = [
  "# a comment, then patterns",
  "*.log",
  "!keep.log",
  "/build",
  "!build/keep.yaml",
  "docs/**/draft.md",
  "out/",
  "**/cache",
  "tmp/**",
  "\\#hash",
  "trailing.txt   ",
  "escaped\\ ",
  "a?c.yaml",
  "[bc]at.yaml",
  "[!x]og.yaml",
  "deep/**/",
  "nested/keep/",
  "\\!bang",
  "[[:digit:]]*.yaml",
  "v[[:upper:][:digit:]].txt",
  "x[a\\-c].md",
].join("\n");

const SUB_IGNORE = ["!important.log", "local.yaml", "/anchored.yaml", "*.json", "!package.json", "mid/**/end.yaml"].join("\n");

const FILES = [
  "a.log", "keep.log", "sub/b.log", "sub/important.log",
  "build/x.yaml", "build/keep.yaml", "sub/build/x.yaml",
  "docs/draft.md", "docs/a/b/draft.md", "docs/other.md",
  "out/f.yaml", "sub/out",
  "x/cache/y.yaml", "cache", "caches/y.yaml",
  "tmp/a/b.yaml", "tmpfile.yaml",
  "#hash", "hash", "trailing.txt", "escaped ", "escaped",
  "abc.yaml", "aXc.yaml", "a/c.yaml", "bat.yaml", "cat.yaml", "dat.yaml", "dog.yaml", "xog.yaml",
  "deep/f.yaml", "deep/a/b/f.yaml",
  "sub/local.yaml", "sub/x/local.yaml", "sub/anchored.yaml", "sub/x/anchored.yaml", "anchored.yaml",
  "sub/data.json", "sub/package.json", "sub/mid/end.yaml", "sub/mid/a/b/end.yaml", "mid/end.yaml",
  "nested/keep/f", "other/nested/keep/f", "!bang", "bang",
  "1st.yaml", "first.yaml", "vA.txt", "v1.txt", "va.txt", "x-.md", "xa.md", "xb.md",
];

function makeTree(dir: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, ".gitignore"), ROOT_IGNORE);
  mkdirSync(join(dir, "sub"), { recursive: true });
  writeFileSync(join(dir, "sub", ".gitignore"), SUB_IGNORE);
  for (const file of FILES) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    writeFileSync(join(dir, file), "x\n");
  }
  const git = (args: string[], input?: string) => execFileSync("git", args, { cwd: dir, input, encoding: "utf8", env: { PATH: process.env.PATH, HOME: work, GIT_CONFIG_NOSYSTEM: "1" } });
  git(["init", "-q"]);
  return git;
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "").sort();

describe("gitignore matching, against git", () => {
  const dir = join(work, "repo");
  const git = makeTree(dir);
  const walked = (exclude: string[] = []) => walkRepository(dir, () => true, exclude).files.filter((file) => !file.endsWith(".gitignore")).map((file) => file.slice(dir.length + 1)).sort();

  it("ignores exactly the files git check-ignore ignores", () => {
    const ignored = new Set(lines(git(["check-ignore", "--no-index", "--stdin"], FILES.join("\n") + "\n")));
    const expected = FILES.filter((file) => !ignored.has(file)).sort();
    assert.deepEqual(walked(), expected);
    // The tree exercises both verdicts of most patterns; a few spot checks keep the oracle honest.
    for (const file of ["keep.log", "sub/important.log", "sub/build/x.yaml", "sub/out", "caches/y.yaml", "escaped", "xog.yaml", "sub/x/anchored.yaml", "sub/package.json", "other/nested/keep/f", "bang", "first.yaml", "va.txt", "xb.md"]) assert.ok(expected.includes(file), file);
    for (const file of ["a.log", "build/keep.yaml", "docs/draft.md", "cache", "tmp/a/b.yaml", "#hash", "trailing.txt", "escaped ", "abc.yaml", "cat.yaml", "dog.yaml", "deep/a/b/f.yaml", "sub/anchored.yaml", "sub/mid/end.yaml", "!bang", "1st.yaml", "vA.txt", "v1.txt", "x-.md", "xa.md"]) assert.ok(ignored.has(file), file);
  });

  it("lists what git ls-files --others --exclude-standard lists, with --exclude as git's own -x", () => {
    const exclude = ["*.md", "sub/x/", "!dog.yaml", "/hash"];
    const args = ["ls-files", "--others", "--exclude-standard", ...exclude.flatMap((pattern) => ["-x", pattern])];
    assert.deepEqual(walked(exclude), lines(git(args)).filter((file) => !file.endsWith(".gitignore")));
    assert.deepEqual(walked(), lines(git(["ls-files", "--others", "--exclude-standard"])).filter((file) => !file.endsWith(".gitignore")));
  });

  it("applies the .gitignore files above a subdirectory that is walked on its own", () => {
    const sub = walkRepository(join(dir, "sub"), () => true).files.map((file) => file.slice(dir.length + 1)).sort();
    assert.deepEqual(sub, lines(git(["ls-files", "--others", "--exclude-standard", "sub"])));
  });
});
