#!/usr/bin/env bash
# Builds test/psa-oracle (the official Pod Security Admission evaluator as a JSON-lines filter) from
# the Go module proxy and prints the binary's path on stdout; progress goes to stderr.
#
# The binary is cached outside the repository, keyed by the hash of go.mod, go.sum and main.go:
#   ${CONTAINER_HARDENING_PSA_ORACLE_CACHE:-~/.cache/container-hardening/psa-oracle}/<hash>/psa-oracle
# so a second run only hashes three files. Go's own caches stay where `go env` puts them (outside
# the repository; GOMODCACHE and GOCACHE override them as usual). The sources are built from a copy
# in the cache directory, so the build never writes into the working tree.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$here/../test/psa-oracle"
cache="${CONTAINER_HARDENING_PSA_ORACLE_CACHE:-$HOME/.cache/container-hardening/psa-oracle}"

say() { printf 'build-psa-oracle: %s\n' "$*" >&2; }

hash="$(cd "$source_dir" && cat go.mod go.sum main.go | sha256sum | cut -c1-16)"
target="$cache/$hash"
binary="$target/psa-oracle"
if [[ -x "$binary" ]]; then
  say "cached in $target"
  echo "$binary"
  exit 0
fi

command -v go >/dev/null 2>&1 || { say "Go is needed to build the oracle (https://go.dev/dl/); none on PATH"; exit 1; }
mkdir -p "$target/src"
cp "$source_dir/go.mod" "$source_dir/go.sum" "$source_dir/main.go" "$target/src/"
started=$SECONDS
say "building: modules from $(go env GOPROXY), then compiling (about a minute on a cold Go cache)…"
# -mod=mod: a go.sum line missing for this Go version is fetched (and checked against the checksum
# database) instead of failing the build. `go build` names each module as it downloads it.
(cd "$target/src" && GOFLAGS=-mod=mod go build -trimpath -o "$binary.partial.$$" .) >&2
mv "$binary.partial.$$" "$binary"
say "built in $((SECONDS - started))s: $binary"
echo "$binary"
