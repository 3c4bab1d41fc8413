/**
 * `npm run build:native`: the checker as one native binary, dist/native/container-hardening (see
 * native/src/main.rs). The built checker (dist/checker) is bundled with esbuild into one module,
 * Node's modules replaced by native/js and by the packages Node took them from; cargo then compiles
 * that module to QuickJS bytecode and links it into the host. Rust builds stay outside the
 * repository (CARGO_TARGET_DIR, ~/.cache/container-hardening/native-target by default), so a
 * fresh clone compiles only what changed.
 */
import { build, type Plugin } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const dist = join(root, "dist");
const nativeJs = join(dist, "native", "js");
const NATIVE_BINARY = join(dist, "native", "container-hardening");

/** Node's modules, by the names the checker and its packages require them, and what stands in for them. */
const STAND_INS: Record<string, string> = {
  fs: join(nativeJs, "fs.js"),
  process: join(nativeJs, "process.js"),
  path: require.resolve("path-browserify"),
  util: require.resolve("@pkgjs/parseargs"),
};

const standIns: Plugin = {
  name: "native-stand-ins",
  setup(build) {
    build.onResolve({ filter: /^(node:)?(fs|path|util|process|buffer)$/ }, ({ path }) => {
      const name = path.replace(/^node:/, "");
      // yaml asks for Buffer only to read !!binary, which the failsafe schema the checker uses never does.
      if (name === "buffer") return { path: name, namespace: "empty" };
      return { path: STAND_INS[name]! };
    });
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "module.exports = {};", loader: "js" }));
    // The package's name and version, read now: the binary has no package.json beside it.
    build.onLoad({ filter: /[/\\]checker[/\\]package-version\.js$/ }, () => {
      const { name, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };
      return { contents: `exports.PACKAGE = ${JSON.stringify({ name, version })};`, loader: "js" };
    });
  },
};

function cargo(): string {
  const installed = join(homedir(), ".cargo", "bin", "cargo");
  return process.env.CARGO ?? (existsSync(installed) ? installed : "cargo");
}

async function main(): Promise<void> {
  const bundle = join(dist, "native", "checker.mjs");
  await build({
    entryPoints: [join(nativeJs, "main.js")],
    outfile: bundle,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["main", "module"],
    target: "es2022",
    minify: true,
    logLevel: "warning",
    plugins: [standIns],
  });
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache", "container-hardening", "native-target");
  try {
    execFileSync(cargo(), ["build", "--release", "--locked", "--quiet", "--manifest-path", join(root, "native", "Cargo.toml")], {
      env: { ...process.env, CONTAINER_HARDENING_BUNDLE: bundle, CARGO_TARGET_DIR: targetDir },
      stdio: "inherit",
    });
  } catch (error) {
    throw new Error(`cargo could not build the native checker (${(error as Error).message.split("\n")[0]}); it needs Rust (rustup.rs) and a C compiler`);
  }
  mkdirSync(join(dist, "native"), { recursive: true });
  copyFileSync(join(targetDir, "release", "container-hardening"), NATIVE_BINARY);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`build-native: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
