/**
 * Capability names as the Docker daemon reads `capabilities.adds`/`drops` (and a Service's
 * `capAdds`/`capDrops`): moby oci/caps NormalizeLegacyCapabilities upper-cases each name, keeps the
 * magic value `ALL`, and adds `CAP_` when it is missing; any other name is refused at creation. So
 * `cap_sys_admin`, `CAP_SYS_ADMIN` and `sys_admin` all grant SYS_ADMIN, `all` is ALL, but `CAP_ALL`
 * is no capability (creation fails) and ` ALL` with a space is none either: names are not trimmed.
 * Effective set (moby oci/caps TweakCapabilities): privileged = every capability; adds containing
 * ALL = every capability except the drops (so adds ALL with drops ALL is everything); drops
 * containing ALL = exactly the adds; otherwise the defaults minus the drops plus the adds.
 */

/** The name Docker grants: upper case without `CAP_`, `ALL` for the magic value; `CAP_ALL` stays as written. */
export function dockerCapability(name: string): string {
  const upper = name.toUpperCase();
  if (upper === "ALL") return "ALL";
  const bare = upper.startsWith("CAP_") ? upper.slice(4) : upper;
  return bare === "ALL" ? upper : bare;
}
