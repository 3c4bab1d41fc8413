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
import { ConfigError, readSettings, type Configuration } from "../rules/configuration";
import { describeExemption } from "../rules/exemptions";
import { PROFILES, type Profile } from "../rules/profiles";
import { formatFinding } from "../rules/report";
import { review } from "../rules/review";
import { describeTarget, kubernetesSubject } from "../rules/subject";
import { resourceRef } from "../rules/kubernetes/workloads";
import { admissionCommand } from "./admission-command";
import { checkedObject, type CheckedObject } from "./checked-object";
import { reviewCompose, type ComposeDocument } from "./compose";
import { displayPath } from "./compose-build";
import { includedFiles } from "./compose-include";
import { mergeOverrideFiles } from "./compose-overrides";
import { isDockerfileName, reviewDockerfile } from "./dockerfiles";
import { filesBelow, MANIFEST_FILE, parseManifests } from "./manifests";

const USAGE = `usage: container-hardening check [--profile ${PROFILES.join("|")}] [--config <policy-config.json>]
                                [--format text|json] [--allowed-host-path <path>]... [--minimum-id <n>]
                                [--target <stage>] [--build-arg <name>=<value>]... <file|dir|->...
Reads Kubernetes manifests and Compose files (*.yaml, *.yml, *.json) and Dockerfiles (Dockerfile,
Dockerfile.*, *.Dockerfile, Containerfile); --target and --build-arg apply to Dockerfiles.
--config takes a policy config in the format of pulumi's --policy-pack-config (levels, options,
exemptions), applied over the profile.`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: "string", default: "hardened" },
      config: { type: "string" },
      format: { type: "string", default: "text" },
      "allowed-host-path": { type: "string", multiple: true, default: [] },
      "minimum-id": { type: "string" },
      target: { type: "string" },
      "build-arg": { type: "string", multiple: true, default: [] },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return undefined;
  const [command, ...paths] = positionals;
  if (command !== "check") throw new UsageError(command === undefined ? "a command is needed" : `unknown command "${command}"`);
  if (paths.length === 0) throw new UsageError("name at least one manifest file, directory or - for stdin");
  if (!(PROFILES as readonly string[]).includes(values.profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(", ")}, got "${values.profile}"`);
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, got "${values.format}"`);
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
      config = JSON.parse(text);
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
  return { paths, profile: values.profile as Profile, configuration, format: values.format, target: values.target, buildArgs };
}

type Args = NonNullable<ReturnType<typeof parse>>;

const isDockerfile = (name: string) => isDockerfileName(basename(name));

/** Everything the paths hold, reviewed in the order of the files, and the inputs that could not be read. */
function check(args: Args, stdin: () => string): { objects: CheckedObject[]; errors: string[]; skipped: string[] } {
  const { configuration } = args;
  const errors: string[] = [];
  const skipped: string[] = [];
  // Compose documents are reviewed once all are read, so that an override file meets its base.
  const read: Array<CheckedObject | ComposeDocument> = [];
  for (const path of args.paths) {
    let files: string[];
    try {
      files = path === "-" ? ["-"] : filesBelow(path, (name) => MANIFEST_FILE.test(name) || isDockerfile(name));
    } catch {
      errors.push(`${path}: no such file or directory.`);
      continue;
    }
    for (const file of files) {
      const text = file === "-" ? stdin() : readFileSync(file, "utf8");
      if (file !== "-" && isDockerfile(file)) {
        const review = reviewDockerfile(file, text, { configuration, target: args.target, buildArgs: args.buildArgs });
        if ("error" in review) errors.push(review.error);
        else read.push(review.object);
        continue;
      }
      // Only a file found in a directory may be something else; one named is meant to be read.
      const set = parseManifests(file === "-" ? "<stdin>" : file, text, { skipOthers: file !== path });
      errors.push(...set.errors);
      skipped.push(...set.skipped);
      for (const { source, object } of set.manifests) {
        const subject = kubernetesSubject(object);
        // An object without a pod template is read and counted, with nothing to say about it.
        read.push(subject ? checkedObject(source, review(subject, configuration)) : { source, subject: describeTarget(resourceRef(object)), target: resourceRef(object), findings: [], exemptions: [], notes: [] });
      }
      read.push(...set.compose);
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
      const set = parseManifests(displayPath(file), text);
      errors.push(...set.errors);
      read.push(...set.compose);
    }
  }
  const composeDocuments = read.filter((entry): entry is ComposeDocument => "document" in entry);
  const judged = mergeOverrideFiles(composeDocuments);
  const objects: CheckedObject[] = [];
  for (const entry of read) {
    if (!("document" in entry)) {
      objects.push(entry);
      continue;
    }
    const document = judged(entry);
    if (!document) continue;
    const review = reviewCompose(document, configuration);
    objects.push(...review.objects);
    errors.push(...review.errors);
  }
  return { objects, errors, skipped };
}

function printText(objects: CheckedObject[]): void {
  for (const { source, subject, findings, exemptions, notes } of objects) {
    for (const finding of findings) console.log(`${source}${finding.line === undefined ? "" : `:${finding.line}`}: ${subject}: ${formatFinding(finding)}`);
    for (const exemption of exemptions) console.log(`${source}: ${subject}: note: ${exemption.rule}: ${describeExemption(exemption)}`);
    for (const note of notes) console.log(`${source}: ${subject}: note: ${note}`);
  }
}

export function main(argv: string[]): number {
  if (argv[0] === "admission") return admissionCommand(argv.slice(1));
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`container-hardening: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const { objects, errors, skipped } = check(args, () => readFileSync(0, "utf8"));
  const findings = objects.reduce((sum, object) => sum + object.findings.length, 0);
  if (args.format === "json") {
    console.log(JSON.stringify({ profile: args.profile, errors, skipped, objects }, null, 2));
  } else {
    printText(objects);
    for (const error of errors) console.error(`container-hardening: ${error}`);
    const others = skipped.length ? `; ${skipped.length} other YAML/JSON documents skipped (${skipped.slice(0, 3).join(", ")}${skipped.length > 3 ? ", ..." : ""})` : "";
    console.log(`${objects.length} objects checked against ${args.profile}: ${findings} findings${errors.length ? `, ${errors.length} unreadable inputs` : ""}${others}.`);
  }
  if (errors.length > 0) return 2;
  return findings > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
