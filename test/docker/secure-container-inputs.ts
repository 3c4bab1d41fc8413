/**
 * The inputs SecureContainer registers for its docker.Container, obtained as
 * test/constructs/docker/secure-container.test.ts obtains them: under Pulumi's runtime mocks, which
 * record each resource's inputs (the Pulumi Docker provider itself cannot be obtained here).
 */
import * as pulumi from "@pulumi/pulumi";
import { SecureContainer, type SecureContainerArgs } from "../../constructs/docker/index";
import type { JsonObject } from "../../rules/values";

const registered = new Map<string, { type: string; inputs: JsonObject }>();
let mocked: Promise<void> | undefined;

/** The docker.Container inputs of a SecureContainer named `name` with `args`. */
export async function secureContainerInputs(name: string, args: SecureContainerArgs): Promise<JsonObject> {
  mocked ??= pulumi.runtime.setMocks(
    {
      newResource: (resource) => {
        registered.set(resource.name, { type: resource.type, inputs: resource.inputs as JsonObject });
        return { id: `${resource.name}-id`, state: resource.inputs };
      },
      call: (call) => call.inputs,
    },
    "project",
    "stack",
    false,
  );
  await mocked;
  const component = new SecureContainer(name, args);
  await new Promise<void>((resolve) => component.container.urn.apply(() => resolve()));
  const container = registered.get(name);
  if (container?.type !== "docker:index/container:Container") throw new Error(`SecureContainer "${name}" registered no docker.Container`);
  return container.inputs;
}
