#!/usr/bin/env node
/**
 * `container-hardening check [options] <file|dir|->...`: the catalogue over plain manifests, for
 * pipelines and pre-commit hooks: Kubernetes objects (cdk8s dist/, `helm template` output, kustomize
 * builds) judged by the Kubernetes rules, Compose services by the Docker rules, and Dockerfiles by
 * run-as-non-root. Exit code 0 when everything passes, 1 when any finding remains, 2 when an input
 * or the command line cannot be used (always with a message saying what to change).
 */
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { helmTemplates } from "../decoding/helm-sources";
import { parseJsonFile } from "../decoding/json-file";
import { decodeManifestFile, type KubernetesManifest } from "../decoding/manifest-files";
import { ConfigError, readSettings, type Configuration } from "../rules/configuration";
import { PROFILES, type Profile } from "../rules/profiles";
import { review } from "../rules/review";
import { describeTarget, kubernetesSubject } from "../rules/subject";
import { inputFacts } from "../rules/kubernetes/input-facts";
import { resourceRef } from "../rules/kubernetes/workloads";
import type * as AdmissionCommand from "./admission-command";
import { checkedObject, type CheckedObject } from "./checked-object";
import { reviewCompose, type ComposeDocument } from "./compose";
import { displayPath } from "./compose-build";
import { includedFiles } from "./compose-include";
import { mergeOverrideFiles } from "./compose-overrides";
import { isDockerfileName, reviewDockerfile } from "./dockerfiles";
import { FAIL_ON, fails, isFailOn } from "./fail-on";
import { locatedFindings } from "./finding-location";
import { jsonReport } from "./output/json";
import { sarifReport } from "./output/sarif";
import { textReport } from "./output/text";
import { PACKAGE } from "./package-version";
import { filesNamed, MANIFEST_FILE, renderAdvice, type RepositoryWalk } from "./repository-walk";

const USAGE = `usage: container-hardening --version
       container-hardening check [--profile ${PROFILES.join("|")}] [--config <policy-config.json>]
                                [--format text|json|sarif] [--fail-on ${FAIL_ON.join("|")}]
                                [--allowed-host-path <path>]... [--minimum-id <n>]
                                [--target <stage>] [--build-arg <name>=<value>]... [--exclude <pattern>]...
                                [--skip-other-documents] <file|dir|->...
Reads Kubernetes manifests and Compose files (*.yaml, *.yml, *.json) and Dockerfiles (Dockerfile,
Dockerfile.*, *.Dockerfile, Containerfile); --target and --build-arg apply to Dockerfiles.
A directory is walked as git shows it (.gitignore honoured, .git and node_modules left out), less
what --exclude patterns (gitignore syntax, relative to the directory) exclude; files there that are
none of those are skipped and counted, and Helm charts are left to \`helm template\`. A file named
that is none of those is refused, unless --skip-other-documents (for pre-commit, which names files).
--config takes a policy config in the format of pulumi's --policy-pack-config (levels, options,
exemptions), applied over the profile. --fail-on says which findings fail the run (exit code 1):
any (the default) or advisory, every finding; mandatory, those of rules enforced as mandatory; a
severity, those of rules at least that severe.`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: "string", default: "hardened" },
      config: { type: "string" },
      format: { type: "string", default: "text" },
      "fail-on": { type: "string", default: "any" },
      "allowed-host-path": { type: "string", multiple: true, default: [] },
      "minimum-id": { type: "string" },
      target: { type: "string" },
      "build-arg": { type: "string", multiple: true, default: [] },
      "skip-other-documents": { type: "boolean", default: false },
      exclude: { type: "string", multiple: true, default: [] },
      help: { type: "boolean", short: "h", default: false },
      version: { type: "boolean", default: false },
    },
  });
  if (values.version) return "version";
  if (values.help) return "help";
  const [command, ...paths] = positionals;
  if (command !== "check") throw new UsageError(command === undefined ? "a command is needed" : `unknown command "${command}"`);
  if (paths.length === 0) throw new UsageError("name at least one manifest file, directory or - for stdin");
  if (!(PROFILES as readonly string[]).includes(values.profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(", ")}, got "${values.profile}"`);
  if (!["text", "json", "sarif"].includes(values.format)) throw new UsageError(`--format must be text, json or sarif, got "${values.format}"`);
  const failOn = values["fail-on"];
  if (!isFailOn(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")}, got "${failOn}"`);
  const minimumId = values["minimum-id"] === undefined ? undefined : Number(values["minimum-id"]);
  if (minimumId !== undefined && !(Number.isInteger(minimumId) && minimumId >= 1)) throw new UsageError(`--minimum-id must be a whole number of at least 1, got "${values["minimum-id"]}"`);
  const hostPaths = values["allowed-host-path"];
  const relative = hostPaths.find((path) => !path.startsWith("/"));
  if (relative !== undefined) throw new UsageError(`--allowed-host-path must be an absolute path, got "${relative}"`);
  const buildArgs = new Map<string, string>();
  for (const arg of values["build-arg"]) {
    const equals = arg.indexOf("=");
    if (equals <= 0) throw new UsageError(`--build-arg must be <name>=<value>, got "${arg}"`);
    buildArgs.set(arg.slice(0, equals), arg.slice(equals + 1));
  }
  let config: unknown;
  if (values.config !== undefined) {
    let text: string;
    try {
      text = readFileSync(values.config, "utf8");
    } catch {
      throw new UsageError(`--config ${values.config}: no such file`);
    }
    try {
      config = parseJsonFile(text);
    } catch (error) {
      throw new UsageError(`--config ${values.config} is not valid JSON (${(error as Error).message})`);
    }
  }
  const options = { ...(hostPaths.length > 0 ? { allowedHostPaths: hostPaths } : {}), ...(minimumId ? { minimumId } : {}) };
  let configuration: Configuration;
  try {
    configuration = readSettings({ profile: values.profile, options, ...(config === undefined ? {} : { config }) }, values.config ?? "the command line");
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  return { paths, profile: values.profile as Profile, configuration, format: values.format, failOn, target: values.target, buildArgs, skipOthers: values["skip-other-documents"], exclude: values.exclude };
}

type Args = Exclude<ReturnType<typeof parse>, string>;

const isDockerfile = (name: string) => isDockerfileName(basename(name));

/** Everything the paths hold, reviewed in the order of the files, and the inputs that could not be read. */
function check(args: Args, stdin: () => string): { objects: CheckedObject[]; errors: string[]; warnings: string[]; skipped: string[]; charts: string[] } {
  const { configuration } = args;
  const errors: string[] = [];
  const warnings: string[] = [];
  const skipped: string[] = [];
  const charts: string[] = [];
  // Everything is reviewed once all is read: an override file meets its base, and a workload the
  // ServiceAccounts of every file read.
  const read: Array<KubernetesManifest | CheckedObject | ComposeDocument> = [];
  for (const path of args.paths) {
    let walk: RepositoryWalk;
    try {
      walk = path === "-" ? { files: ["-"], charts: [] } : filesNamed(path, (name) => MANIFEST_FILE.test(name) || isDockerfile(name), args.exclude);
    } catch {
      errors.push(`${path}: no such file or directory.`);
      continue;
    }
    // A chart named is refused (nothing of it can be checked); one found inside is reported.
    for (const chart of walk.charts) {
      if (chart === path) errors.push(renderAdvice(chart));
      else charts.push(chart);
    }
    for (const file of walk.files) {
      const text = file === "-" ? stdin() : readFileSync(file, "utf8");
      if (file !== "-" && isDockerfile(file)) {
        const review = reviewDockerfile(file, text, { configuration, target: args.target, buildArgs: args.buildArgs });
        if ("error" in review) errors.push(review.error);
        else read.push(review.object);
        continue;
      }
      // Only a file found in a directory may be something else; one named is meant to be read (unless told otherwise).
      const set = decodeManifestFile(file === "-" ? "<stdin>" : file, text, { skipOthers: args.skipOthers || file !== path });
      errors.push(...set.errors);
      warnings.push(...set.warnings);
      skipped.push(...set.skipped);
      // Piped `helm template` output names each document's template: that is the source to report.
      const templateAt = file === "-" ? helmTemplates(text) : () => undefined;
      read.push(...set.manifests.map((manifest) => ({ ...manifest, source: templateAt(manifest.locate([]).line) ?? manifest.source })), ...set.compose);
    }
  }
  // Files a Compose file includes are judged too, once each, when they were not named.
  const seen = new Set(read.filter((entry): entry is ComposeDocument => "document" in entry).map((entry) => resolve(entry.file)));
  for (let i = 0; i < read.length; i++) {
    const entry = read[i]!;
    if (!("document" in entry)) continue;
    const { files, errors: unfollowed } = includedFiles(entry);
    errors.push(...unfollowed);
    for (const file of files.filter((name) => !seen.has(name))) {
      seen.add(file);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        errors.push(`${entry.source}: includes ${file}, which cannot be read.`);
        continue;
      }
      const set = decodeManifestFile(displayPath(file), text);
      errors.push(...set.errors);
      warnings.push(...set.warnings);
      read.push(...set.compose);
    }
  }
  const composeDocuments = read.filter((entry): entry is ComposeDocument => "document" in entry);
  const judged = mergeOverrideFiles(composeDocuments);
  const facts = inputFacts(read.filter((entry): entry is KubernetesManifest => "object" in entry).map((entry) => entry.object));
  const objects: CheckedObject[] = [];
  for (const entry of read) {
    if ("object" in entry) {
      const { source, file: name, object, locate } = entry;
      const subject = kubernetesSubject(object, { facts });
      // An object without a pod template is read and counted, with nothing to say about it.
      const checked = subject ? checkedObject({ source, file: name }, review(subject, configuration)) : { source, file: name, subject: describeTarget(resourceRef(object)), target: resourceRef(object), findings: [], exemptions: [], notes: [] };
      objects.push({ ...checked, findings: locatedFindings(checked.findings, locate) });
      continue;
    }
    if (!("document" in entry)) {
      objects.push(entry);
      continue;
    }
    const document = judged(entry);
    if (!document) continue;
    const services = reviewCompose(document, configuration);
    objects.push(...services.objects);
    errors.push(...services.errors);
  }
  return { objects, errors, warnings, skipped, charts };
}

export function main(argv: string[]): number {
  if (argv[0] === "admission") {
    // Loaded only for this command: the generator writes YAML with the yaml package, which `check` on Kubernetes manifests does without.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("./admission-command") as typeof AdmissionCommand).admissionCommand(argv.slice(1));
  }
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`container-hardening: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args === "help" || args === "version") {
    console.log(args === "help" ? USAGE : PACKAGE.version);
    return 0;
  }
  const { objects, errors, warnings, skipped, charts } = check(args, () => readFileSync(0, "utf8"));
  const failing = objects.reduce((sum, object) => sum + object.findings.filter((finding) => fails(finding, args.failOn)).length, 0);
  const exitCode = errors.length > 0 ? 2 : failing > 0 ? 1 : 0;
  if (args.format === "json") {
    console.log(jsonReport({ profile: args.profile, errors, warnings, skipped, charts, objects }));
  } else if (args.format === "sarif") {
    console.log(sarifReport({ profile: args.profile, configuration: args.configuration, objects, errors, exitCode }));
  } else {
    const text = textReport({ objects, errors, warnings, skipped, charts, profile: args.profile, ...(args.failOn === "any" ? {} : { failing: `${failing} ${failing === 1 ? "fails" : "fail"} the run at --fail-on ${args.failOn}` }) });
    // Written at once: a console.log per finding costs more than the review on large inputs.
    if (text.out.length > 0) console.log(text.out.join("\n"));
    if (text.err.length > 0) console.error(text.err.join("\n"));
  }
  return exitCode;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
