/**
 * The part of node:fs the checker uses, on the native host (scripts/build-native.ts puts this
 * module in its place): synchronous reads, with Node's results and error messages.
 */
import { nodeError, type EntryKind } from "./host";

function attempt<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw nodeError(error);
  }
}

class Entry {
  constructor(
    readonly name: string,
    private readonly kind: EntryKind,
  ) {}
  isFile(): boolean {
    return this.kind === "file";
  }
  isDirectory(): boolean {
    return this.kind === "directory";
  }
  isSymbolicLink(): boolean {
    return this.kind === "symlink";
  }
}

/** Text only: every caller reads with "utf8"; file descriptor 0 is standard input. */
export function readFileSync(path: string | number, encoding: "utf8"): string {
  if (encoding !== "utf8") throw new Error(`readFileSync: only utf8 is supported natively, not ${String(encoding)}`);
  return attempt(() => (path === 0 ? nativeHost.readStdin() : nativeHost.readFile(String(path))));
}

export function statSync(path: string): Entry {
  return attempt(() => new Entry(path, nativeHost.stat(path)));
}

export function existsSync(path: string): boolean {
  try {
    nativeHost.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** With file types (`withFileTypes: true`), in the order the system lists them, as Node's. */
export function readdirSync(path: string, options: { withFileTypes: true }): Entry[] {
  if (options?.withFileTypes !== true) throw new Error("readdirSync: only withFileTypes is supported natively");
  return attempt(() => nativeHost.readDir(path).map(([name, kind]) => new Entry(name, kind)));
}
