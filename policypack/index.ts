/**
 * The container-hardening policy pack: one policy per rule of the catalogue. Loaded as compiled
 * JavaScript (package.json `main`), so `pulumi preview --policy-pack <this package>` starts it without
 * compiling TypeScript.
 */
import { PolicyPack } from "@pulumi/policy";
import { hardeningPolicies } from "./hardening-policies";

new PolicyPack("container-hardening", {
  description: "Stops insecure containers before they ship: Pod Security Standards and container hardening for Kubernetes workloads, Docker containers and the images a stack builds.",
  policies: hardeningPolicies(),
});
