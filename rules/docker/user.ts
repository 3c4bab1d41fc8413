/**
 * A Docker `user` value (`docker run --user`): `user`, `uid`, `user:group`, `uid:gid`, `uid:group`...
 * An empty value means the image's USER (moby merges the image config when `User` is ""; an image
 * without USER runs as root). A value with an empty user part (`:1000`) overrides the image and runs
 * as UID 0, since the user lookup (moby/sys/user GetExecUser) defaults to root. A numeric part is
 * read as Go's strconv.Atoi reads it, so `0`, `00`, `+0` and `-0` are all UID 0; names are
 * case-sensitive, so only `root` is root by name.
 */

export interface DockerUser {
  user: string;
  group: string | undefined;
}

export function parseUser(value: string): DockerUser {
  const at = value.indexOf(":");
  return at < 0 ? { user: value, group: undefined } : { user: value.slice(0, at), group: value.slice(at + 1) };
}

/** The number a numeric user or group part stands for, or undefined for a name. */
export function numericId(part: string): number | undefined {
  return /^[+-]?\d+$/.test(part) ? Number(part) : undefined;
}

/** Whether the user part runs as root: `root`, any spelling of UID 0, or empty after a `:`. */
export function isRootUser(part: string): boolean {
  return part === "" || part === "root" || numericId(part) === 0;
}
