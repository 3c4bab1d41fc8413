#!/usr/bin/env bash
# Builds a test oracle written in Go, test/<name> (psa-oracle: the official Pod Security Admission
# evaluator; buildkit-oracle: BuildKit's Dockerfile frontend; yaml-oracle: kubectl's manifest
# decoding; compose-oracle: compose-go's loader; cel-oracle: cel-go with the API server's CEL options), from the Go module proxy and prints the binary's path on stdout; progress goes to stderr.
#
# The binary is cached outside the repository, keyed by the hash of go.mod, go.sum and main.go:
#   ${CONTAINER_HARDENING_ORACLE_CACHE:-~/.cache/container-hardening}/<name>/<hash>/<name>
# so a second run only hashes three files. Go's own caches stay where `go env` puts them (outside
# the repository; GOMODCACHE and GOCACHE override them as usual). The sources are built from a copy
# in the cache directory, so the build never writes into the working tree.
set -euo pipefail

name="${1:?usage: build-go-oracle.sh <psa-oracle|buildkit-oracle|yaml-oracle|compose-oracle|cel-oracle>}"
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$here/../test/$name"
[[ -f "$source_dir/main.go" ]] || { printf 'build-go-oracle: no test/%s/main.go\n' "$name" >&2; exit 1; }
cache="${CONTAINER_HARDENING_ORACLE_CACHE:-$HOME/.cache/container-hardening}/$name"

say() { printf 'build-go-oracle %s: %s\n' "$name" "$*" >&2; }

hash="$(cd "$source_dir" && cat go.mod go.sum main.go | sha256sum | cut -c1-16)"
target="$cache/$hash"
binary="$target/$name"
if [[ -x "$binary" ]]; then
  say "cached in $target"
  echo "$binary"
  exit 0
fi

command -v go >/dev/null 2>&1 || { say "Go is needed to build the oracle (https://go.dev/dl/); none on PATH"; exit 1; }
mkdir -p "$target/src"
cp "$source_dir/go.mod" "$source_dir/go.sum" "$source_dir/main.go" "$target/src/"
started=$SECONDS
say "building: modules from $(go env GOPROXY), then compiling (a minute or two on a cold Go cache)…"
# -mod=mod: a go.sum line missing for this Go version is fetched (and checked against the checksum
# database) instead of failing the build. `go build` names each module as it downloads it.
(cd "$target/src" && GOFLAGS=-mod=mod go build -trimpath -o "$binary.partial.$$" .) >&2
mv "$binary.partial.$$" "$binary"
say "built in $((SECONDS - started))s: $binary"
echo "$binary"
