/**
 * Test helpers for the Docker rules: resources written as the Pulumi inputs a program passes to
 * docker.Container and docker.Service, and table-driven pass/fail cases over them.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { dockerResources } from "../../../policypack/docker-resources";
import { fixDockerContainer } from "../../../rules/docker/remediate";
import type { DockerRule } from "../../../rules/docker/rule";
import type { DockerContainerSubject } from "../../../rules/docker/subject";
import { resolveOptions } from "../../../rules/options";
import type { Finding, RuleOptions } from "../../../rules/types";
import type { JsonObject } from "../../../rules/values";
import { fromEngine } from "../../../policypack/engine-values";

/**
 * The engine's sentinel for a value unknown during preview: fixtures are written as the engine
 * sends them, and reach the rules as the pack hands them over (the catalogue's unknown value).
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const CONTAINER_TYPE = "docker:index/container:Container";
export const SERVICE_TYPE = "docker:index/service:Service";

export interface Resource {
  type: typeof CONTAINER_TYPE | typeof SERVICE_TYPE;
  props: JsonObject;
}

/** The container the rules judge, made as the pack makes it from the resource's type and inputs. */
export function containerOf(resource: { type: string; props: JsonObject }, name = "web"): DockerContainerSubject {
  const subject = dockerResources.subject(resource.type, name, fromEngine(resource.props));
  assert.ok(subject?.family === "docker", `${resource.type} is a Docker container resource`);
  return subject.container;
}

/** docker.Container inputs. */
export function container(props: JsonObject = {}): Resource {
  return { type: CONTAINER_TYPE, props: { image: "registry.example/app:1", ...props } };
}

/** docker.Service inputs with `containerSpec` as its task's container (and other taskSpec fields). */
export function service(containerSpec: JsonObject = {}, taskSpec: JsonObject = {}): Resource {
  return { type: SERVICE_TYPE, props: { taskSpec: { containerSpec: { image: "registry.example/app:1", ...containerSpec }, ...taskSpec } } };
}

export function check(rule: DockerRule, resource: Resource, options: Partial<RuleOptions> = {}): Finding[] {
  return rule.check(containerOf(resource), resolveOptions(options));
}

type Outcome = [Finding["outcome"], string];

export interface Failing {
  name: string;
  resource: Resource;
  /** Every finding, in order, as [outcome, path]. */
  expect: Outcome[];
  /** What the messages must say (all messages joined). */
  says?: RegExp;
  options?: Partial<RuleOptions>;
}

export interface Passing {
  name: string;
  resource: Resource;
  options?: Partial<RuleOptions>;
}

/** One test per case: each passing resource has no finding, each failing one exactly `expect`. */
export function table(rule: DockerRule, cases: { passes: Passing[]; fails: Failing[] }): void {
  for (const { name, resource, options } of cases.passes) {
    it(`passes ${name}`, () => {
      const findings = check(rule, resource, options);
      assert.deepEqual(findings, [], findings.map((f) => f.message).join("\n"));
    });
  }
  for (const { name, resource, expect, says, options } of cases.fails) {
    it(`fails ${name}`, () => {
      const findings = check(rule, resource, options);
      const messages = findings.map((f) => f.message).join("\n");
      assert.deepEqual(findings.map((f): Outcome => [f.outcome, f.path]), expect, messages);
      for (const f of findings) assert.equal(f.container, undefined);
      if (says) assert.match(messages, says);
    });
  }
}

/** Asserts the rule's fix makes a failing resource pass (without touching the input), and returns the fixed inputs. */
export function assertFixes(rule: DockerRule, resource: Resource, options: Partial<RuleOptions> = {}): JsonObject {
  const before = structuredClone(resource.props);
  assert.notDeepEqual(check(rule, resource, options), [], "the resource should fail before the fix");
  const fixed = fixDockerContainer([rule], containerOf(resource).kind as "Container" | "Service", resource.props, () => resolveOptions(options));
  assert.ok(fixed, "the fix changed nothing");
  assert.deepEqual(resource.props, before, "the input is not modified");
  assert.deepEqual(check(rule, { type: resource.type, props: fixed }, options), []);
  return fixed;
}
