#!/usr/bin/env node
/**
 * `container-hardening check [options] <file|dir|->...`: the catalogue over plain Kubernetes
 * manifests (cdk8s dist/, `helm template` output, kustomize builds), for pipelines and pre-commit
 * hooks. Exit code 0 when every object passes, 1 when any finding remains, 2 when the input or the
 * command line cannot be used (always with a message saying what to change).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { reviewObject, type ObjectReview } from "../rules/kubernetes/review";
import { PROFILES, type Profile } from "../rules/profiles";
import { describeResource, formatFinding } from "./format";
import { readManifests } from "./manifests";

const USAGE = `usage: container-hardening check [--profile ${PROFILES.join("|")}] [--format text|json]
                                [--allowed-host-path <path>]... [--minimum-id <n>] <file|dir|->...`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: "string", default: "hardened" },
      format: { type: "string", default: "text" },
      "allowed-host-path": { type: "string", multiple: true, default: [] },
      "minimum-id": { type: "string" },
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
  return { paths, profile: values.profile as Profile, format: values.format, options: { allowedHostPaths: hostPaths, ...(minimumId ? { minimumId } : {}) } };
}

function printText(reviews: Array<{ source: string; review: ObjectReview }>): void {
  for (const { source, review } of reviews) {
    const subject = `${source}: ${describeResource(review.resource)}`;
    for (const finding of review.findings) console.log(`${subject}: ${formatFinding(finding)}`);
    for (const exemption of review.exemptions) console.log(`${subject}: note: ${exemption}`);
  }
}

export function main(argv: string[]): number {
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
  const { manifests, errors } = readManifests(args.paths, () => readFileSync(0, "utf8"));
  const reviews = manifests.map(({ source, object }) => ({ source, review: reviewObject(object, { profile: args.profile, options: args.options }) }));
  const findings = reviews.reduce((sum, { review }) => sum + review.findings.length, 0);
  if (args.format === "json") {
    console.log(JSON.stringify({ profile: args.profile, errors, objects: reviews.map(({ source, review }) => ({ source, ...review })) }, null, 2));
  } else {
    printText(reviews);
    for (const error of errors) console.error(`container-hardening: ${error}`);
    console.log(`${manifests.length} objects checked against ${args.profile}: ${findings} findings${errors.length ? `, ${errors.length} unreadable inputs` : ""}.`);
  }
  if (errors.length > 0) return 2;
  return findings > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
