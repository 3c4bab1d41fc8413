/** Builders for the findings every rule emits, so that the wording is the same everywhere. */
import type { Finding } from "./types";
import { show, type Read } from "./values";

export function violation(path: string, container: string | undefined, message: string): Finding {
  return { outcome: "violation", path, container, message };
}

/**
 * A value that is not known yet: never a pass. The message says what it must be; each adapter adds
 * why it is not known and when it is checked again (the pack: at `pulumi up`).
 */
export function unknownValue(path: string, container: string | undefined, needed: string): Finding {
  return { outcome: "unknown", path, container, needed, message: `${path} is not known yet, so it cannot be verified; it must be ${needed}.` };
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

/**
 * The finding for a value that cannot be judged (unknown at preview, or of the wrong type), or
 * undefined when the value is absent or present and the rule must decide.
 */
export function unjudgeable(located: { read: Read<unknown>; path: string }, container: string | undefined, needed: string): Finding | undefined {
  const { read: r, path } = located;
  if (r.state === "unknown") return unknownValue(path, container, needed);
  if (r.state === "invalid") return unreadable(path, container, r.value, r.expected);
  return undefined;
}
