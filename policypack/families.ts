/** Every resource family the pack reads, in the order they are asked. */
import { kubernetesResources } from "./kubernetes-resources";
import { dockerResources } from "./docker-resources";
import type { ResourceFamily } from "./resource-family";

export const FAMILIES: readonly ResourceFamily[] = [kubernetesResources, dockerResources];
