/** The global that native/src/host.rs installs: what the checker needs of the operating system. */
export interface NativeHost {
  /** The command-line arguments after the program's name. */
  readonly args: string[];
  readonly cwd: string;
  /** A file's text, read as UTF-8 (invalid bytes as U+FFFD); throws Node's message on failure. */
  readFile(path: string): string;
  readStdin(): string;
  /** The entries of a directory as [name, kind], links not followed. */
  readDir(path: string): Array<[string, EntryKind]>;
  /** What the path is, links followed; throws Node's message when it cannot be read. */
  stat(path: string): EntryKind;
  write(fd: 1 | 2, text: string): void;
  exit(code: number): never;
}

export type EntryKind = "file" | "directory" | "symlink" | "other";

declare global {
  var nativeHost: NativeHost;
}

/** Node's error: the host's message, and its code (`ENOENT`) as `code`. */
export function nodeError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(message), { code: message.split(":")[0] });
}
