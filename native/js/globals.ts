/**
 * The Node.js globals the checker and its bundled packages use, over the native host: `process`
 * (arguments, working directory, streams, exit code, an empty environment), `console` and `global`.
 * Installed before any other module of the bundle runs (native/js/main.ts imports it first).
 */
export {};

/** Strings as Node writes them to a stream: a lone surrogate becomes U+FFFD (the host takes UTF-8 only). */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

const stream = (fd: 1 | 2) => ({
  write(text: string): boolean {
    nativeHost.write(fd, wellFormed(String(text)));
    return true;
  },
});

const nativeProcess = {
  argv: ["container-hardening", "container-hardening", ...nativeHost.args],
  env: {} as Record<string, string | undefined>,
  platform: "linux",
  exitCode: undefined as number | undefined,
  cwd: () => nativeHost.cwd,
  stdout: stream(1),
  stderr: stream(2),
  emitWarning: () => undefined,
};

// console.log and console.error of one string each, as the checker calls them.
const nativeConsole = {
  log: (text: unknown) => nativeProcess.stdout.write(`${String(text)}\n`),
  error: (text: unknown) => nativeProcess.stderr.write(`${String(text)}\n`),
};

Object.assign(globalThis, { process: nativeProcess, console: nativeConsole, global: globalThis });
