#!/usr/bin/env bash
# Builds test/buildkit-oracle (BuildKit's Dockerfile frontend reporting the user an image runs as, a
# JSON-lines filter) from the Go module proxy and prints the binary's path on stdout; progress goes
# to stderr. Cached outside the repository, keyed by the hash of go.mod, go.sum and main.go:
#   ${CONTAINER_HARDENING_BUILDKIT_ORACLE_CACHE:-~/.cache/container-hardening/buildkit-oracle}/<hash>/buildkit-oracle
# The sources are built from a copy in the cache directory, so the build never writes into the tree.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$here/../test/buildkit-oracle"
cache="${CONTAINER_HARDENING_BUILDKIT_ORACLE_CACHE:-$HOME/.cache/container-hardening/buildkit-oracle}"

say() { printf 'build-buildkit-oracle: %s\n' "$*" >&2; }

hash="$(cd "$source_dir" && cat go.mod go.sum main.go | sha256sum | cut -c1-16)"
target="$cache/$hash"
binary="$target/buildkit-oracle"
if [[ -x "$binary" ]]; then
  say "cached in $target"
  echo "$binary"
  exit 0
fi

command -v go >/dev/null 2>&1 || { say "Go is needed to build the oracle (https://go.dev/dl/); none on PATH"; exit 1; }
mkdir -p "$target/src"
cp "$source_dir/go.mod" "$source_dir/go.sum" "$source_dir/main.go" "$target/src/"
started=$SECONDS
say "building: modules from $(go env GOPROXY), then compiling…"
(cd "$target/src" && GOFLAGS=-mod=mod go build -trimpath -o "$binary.partial.$$" .) >&2
mv "$binary.partial.$$" "$binary"
say "built in $((SECONDS - started))s: $binary"
echo "$binary"
