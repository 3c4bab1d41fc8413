/**
 * `container-hardening admission [--profile <p>] [--config <policy-config.json>]`: prints the
 * ValidatingAdmissionPolicies and bindings of the configuration as YAML, for `kubectl apply -f -`.
 * Exit code 0, or 2 with a message when the command line or the config cannot be used.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { admissionObjects, admissionYaml } from "../admission/generate";
import { parseJsonFile } from "../decoding/json-file";
import { ConfigError, readSettings } from "../rules/configuration";
import { PROFILES } from "../rules/profiles";

const USAGE = `usage: container-hardening admission [--profile ${PROFILES.join("|")}] [--config <policy-config.json>] [--name-prefix <prefix>]
Prints a ValidatingAdmissionPolicy and its binding per enabled Kubernetes rule (Kubernetes 1.30+).`;

function settingsOf(values: { profile?: string; config?: string }): unknown {
  if (values.config === undefined) return { profile: values.profile };
  let text: string;
  try {
    text = readFileSync(values.config, "utf8");
  } catch {
    throw new ConfigError(`--config ${values.config}`, "the file", "cannot be read");
  }
  try {
    return { profile: values.profile, config: parseJsonFile(text) };
  } catch (error) {
    throw new ConfigError(`--config ${values.config}`, "the file", `is not valid JSON (${(error as Error).message})`);
  }
}

export function admissionCommand(argv: string[]): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { profile: { type: "string" }, config: { type: "string" }, "name-prefix": { type: "string" }, help: { type: "boolean", short: "h", default: false } },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new ConfigError("the command line", `"${positionals[0]}"`, "is not an argument of admission");
    const configuration = readSettings(settingsOf(values), values.config ?? "the command line");
    process.stdout.write(admissionYaml(admissionObjects(configuration, { namePrefix: values["name-prefix"] })));
    return 0;
  } catch (error) {
    // parseArgs' errors carry codes ERR_PARSE_ARGS_* (Node's are TypeErrors, the native build's not).
    const parseError = String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS_");
    if (!(error instanceof ConfigError) && !parseError) throw error;
    console.error(`container-hardening: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
}
