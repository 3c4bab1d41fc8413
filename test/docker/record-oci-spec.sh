#!/bin/sh
# The OCI runtime the test daemon uses (dockerd --add-runtime, test/helpers/docker-daemon.ts): it
# keeps a copy of each container's OCI spec (the bundle's config.json, which dockerd wrote for
# containerd) in $CONTAINER_HARDENING_SPEC_DIR/<container id>.json, then runs the real runc. The spec
# is what the daemon asked the kernel for; it is read for containers that this sandbox cannot start
# (privileged, every capability), where no process can be measured.
bundle=""
previous=""
for argument in "$@"; do
  if [ "$previous" = "--bundle" ] || [ "$previous" = "-b" ]; then bundle="$argument"; fi
  previous="$argument"
done
if [ -n "$bundle" ] && [ -n "$CONTAINER_HARDENING_SPEC_DIR" ] && [ -f "$bundle/config.json" ]; then
  # runc's last argument is the container ID.
  eval "id=\${$#}"
  cp "$bundle/config.json" "$CONTAINER_HARDENING_SPEC_DIR/$id.json"
fi
exec "${CONTAINER_HARDENING_RUNC:-runc}" "$@"
