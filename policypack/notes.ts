/**
 * Notes that are not violations but must be visible: exemptions applied (with their reasons) and
 * server-side apply patches whose absent required fields were not judged. A Pulumi policy can only
 * speak at its own enforcement level, so the notes are collected while the rule policies run and
 * reported by one advisory policy, `exemptions-and-notes`, which the pack registers last: the SDK
 * runs a resource's policies one after another in registration order (server.js,
 * makeAnalyzeRpcFun), so by the time it runs every note for the resource is collected.
 */
const pending = new Map<string, Set<string>>();

export function addNote(urn: string, note: string): void {
  let notes = pending.get(urn);
  if (!notes) pending.set(urn, (notes = new Set()));
  notes.add(note);
}

/** The notes collected for a resource, removing them. */
export function takeNotes(urn: string): string[] {
  const notes = pending.get(urn);
  pending.delete(urn);
  return notes ? [...notes] : [];
}
