/** The catalogue at cdk8s synth time: a construct validation and a `cdk8s synth --validate` plugin. */
export { HardeningValidation, type HardeningValidationProps } from "./hardening-validation";
export { HardeningValidationPlugin, UNMATCHED_EXEMPTION, UNREADABLE_MANIFEST, type PluginContext, type PluginViolation } from "./cli-plugin";
export { DEFAULT_PROFILE, type HardeningSettings } from "../../rules/configuration";
