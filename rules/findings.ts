/** Builders for the findings every rule emits, so that the wording is the same everywhere. */
import type { Finding } from "./types";
import { show } from "./values";

export function violation(path: string, container: string | undefined, message: string): Finding {
  return { outcome: "violation", path, container, message };
}

/** A value that is not known yet (Pulumi preview): never a pass, re-checked when known. */
export function unknownValue(path: string, container: string | undefined, needed: string): Finding {
  return {
    outcome: "unknown",
    path,
    container,
    message: `${path} is not known yet (it depends on another resource's output), so it cannot be verified now; it must be ${needed}. It is checked again when the value is known (pulumi up).`,
  };
}

/** A value of the wrong type: it cannot be judged, so it is never treated as compliant. */
export function unreadable(path: string, container: string | undefined, value: unknown, expected: string): Finding {
  return {
    outcome: "violation",
    path,
    container,
    message: `${path} cannot be read: it is ${show(value)}, but it must be ${expected}. Fix the resource definition.`,
  };
}
