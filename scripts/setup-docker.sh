#!/usr/bin/env bash
# Puts a Docker daemon and a static busybox on the machine for the tests that run real containers
# (test/docker/): Debian's docker.io (dockerd 20.10.24 with containerd and runc), tini (dockerd runs
# under it as a subreaper) and busybox-static (the 2 MB rootfs of the test image, since no image
# registry is reachable). All come from Debian's apt as root; nothing is started here:
# test/helpers/docker-daemon.ts starts a private daemon per run. Prints, on stdout, the directory holding dockerd; progress on stderr.
#
# Package services are not started by the install: a machine image built for containers ships a
# /usr/sbin/policy-rc.d that refuses it; where there is none, one is put in place for the install
# only, so that no system dockerd comes up on /var/run/docker.sock.
set -euo pipefail

say() { printf 'setup-docker: %s\n' "$*" >&2; }

installed() { command -v dockerd >/dev/null 2>&1 && command -v tini >/dev/null 2>&1 && [[ -x /bin/busybox ]] && /bin/busybox --list 2>/dev/null | grep -qx id; }

if installed; then
  dirname "$(command -v dockerd)"
  exit 0
fi

[[ "$(id -u)" == 0 ]] || { say "installing docker.io needs root (apt-get)"; exit 1; }
command -v apt-get >/dev/null 2>&1 || { say "no apt-get: install Docker (dockerd) and a static busybox at /bin/busybox by hand"; exit 1; }

policy=/usr/sbin/policy-rc.d
own_policy=""
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\n# container-hardening scripts/setup-docker.sh: no service starts during this install\nexit 101\n' >"$policy"
  chmod +x "$policy"
  own_policy=1
fi
cleanup() { if [[ -n "$own_policy" ]]; then rm -f "$policy"; fi; }
trap cleanup EXIT

started=$SECONDS
packages=(docker.io busybox-static tini)
# apt's lists may be missing on a fresh machine, or stale: refresh them once when the install fails.
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2; }
say "installing ${packages[*]} with apt-get…"
if ! install; then
  say "refreshing apt's package lists and trying again"
  apt-get update -qq >&2
  install
fi
say "installed in $((SECONDS - started))s"
installed || { say "dockerd or /bin/busybox is still missing after the install"; exit 1; }
dirname "$(command -v dockerd)"
