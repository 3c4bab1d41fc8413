/**
 * Test helpers for the Docker rules: resources written as the Pulumi inputs a program passes to
 * docker.Container and docker.Service, and table-driven pass/fail cases over them.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { CONTAINER_TYPE, SERVICE_TYPE } from "../../../rules/docker/subject";
import { checkDockerResource, fixDockerResource } from "../../../rules/docker/review";
import type { DockerRule } from "../../../rules/docker/rule";
import { resolveOptions } from "../../../rules/options";
import type { Finding, RuleOptions } from "../../../rules/types";
import type { JsonObject } from "../../../rules/values";

/** The engine's sentinels for values unknown during preview (string and array). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

export interface Resource {
  type: string;
  props: JsonObject;
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
  const findings = checkDockerResource(rule, resource.type, "web", resource.props, resolveOptions(options));
  assert.ok(findings, `${resource.type} is a Docker container resource`);
  return findings;
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
  const fixed = fixDockerResource([rule], resource.type, resource.props, () => resolveOptions(options));
  assert.ok(fixed, "the fix changed nothing");
  assert.deepEqual(resource.props, before, "the input is not modified");
  assert.deepEqual(check(rule, { type: resource.type, props: fixed }, options), []);
  return fixed;
}
