/** Counting things in the checker's sentences: "1 finding", "2 findings", "1 Compose service and 2 Dockerfiles". */
import type { CheckedObject } from "../checked-object";

/** `1 finding`, `3 findings` (`plural` for nouns that do not take an s). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(parts: string[]): string {
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** What the objects are, counted by family: `2 Kubernetes objects, 1 Compose service and 1 Dockerfile`. */
export function countObjects(objects: readonly CheckedObject[]): string {
  if (objects.length === 0) return "0 objects";
  const families = new Map<string, number>();
  for (const { target } of objects) {
    const family = target.kind === "Compose service" || target.kind === "Dockerfile" ? target.kind : "Kubernetes object";
    families.set(family, (families.get(family) ?? 0) + 1);
  }
  // Always in the same order, whatever order the files came in.
  return listed(["Kubernetes object", "Compose service", "Dockerfile"].filter((family) => families.has(family)).map((family) => count(families.get(family)!, family)));
}
