#!/usr/bin/env bash
# Puts a real Kubernetes control plane's two programs — etcd and kube-apiserver — and a kubectl of
# the same release on a machine that can reach only package registries, for the tests and the demo
# that run against a live API server (test/helpers/cluster.ts). Each is built from the Go module
# proxy in a throwaway wrapper module outside the repository: their own go.mod files replace their
# sibling modules with relative paths (`k8s.io/api => ./staging/src/k8s.io/api`, `go.etcd.io/etcd/
# api/v3 => ../api`), which is why `go install pkg@version` refuses them; the wrapper points each
# such replace at the same release on the proxy instead, read from the module's own go.mod so that
# no list is kept here. Binaries are cached under
#   ${CONTAINER_HARDENING_KUBE_CACHE:-~/.cache/container-hardening/kube}/kubernetes-<v>_etcd-<v>/bin
# so a second run takes well under a second. Progress goes to stderr; stdout is only the bin directory.
#
# Versions (what the Go module proxy serves, checked 2026-12):
# - k8s.io/kubernetes v1.37.2 (cmd/kube-apiserver, cmd/kubectl); its 33 staging modules
#   (k8s.io/api, k8s.io/apiserver, k8s.io/kubectl, …) at v0.37.2. The same release as the
#   pod-security-admission library the PSA oracle uses (test/psa-oracle/go.mod).
# - go.etcd.io/etcd/server/v3 v3.7.3 (its root package is etcd's main); its api, client and pkg
#   modules at v3.7.3.
# kubectl is built too because the one a machine may have is of another release (Debian's
# kubernetes-client is 1.20) or none at all.
set -euo pipefail

KUBERNETES_VERSION=v1.37.2
STAGING_VERSION=v0.37.2
ETCD_VERSION=v3.7.3

cache="${CONTAINER_HARDENING_KUBE_CACHE:-$HOME/.cache/container-hardening/kube}"
set_dir="$cache/kubernetes-${KUBERNETES_VERSION}_etcd-${ETCD_VERSION}"
bin="$set_dir/bin"
work="$set_dir/src"
here="$(cd "$(dirname "$0")" && pwd)"

say() { printf 'build-kube: %s\n' "$*" >&2; }

if [[ -x "$bin/etcd" && -x "$bin/kube-apiserver" && -x "$bin/kubectl" ]]; then
  say "cached in $bin"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || { say "Go is needed to build etcd and kube-apiserver (https://go.dev/dl/); none on PATH"; exit 1; }
export GOFLAGS="-mod=mod"
# Both projects release static binaries; no C compiler is needed.
export CGO_ENABLED=0
mkdir -p "$bin" "$work"

# wrapper <name> <module> <version> <version of its relatively replaced siblings>: writes the go.mod
# of the wrapper module $work/<name>, which requires <module>@<version> and repeats its replace
# directives, a relative one (`=> ./…`, `=> ../…`) as the same module path at the siblings' version.
# Its go and godebug lines are the module's, so the binary gets the run-time defaults it was
# released with.
wrapper() {
  local name="$1" module="$2" version="$3" siblings="$4"
  local dir="$work/$name"
  mkdir -p "$dir"
  local module_go_mod
  module_go_mod="$(cd "$dir" && go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  [[ -f "$module_go_mod" ]] || { say "could not download $module@$version"; exit 1; }
  {
    echo "module container-hardening/kube/$name"
    echo
    grep -E '^(go|godebug) ' "$module_go_mod"
    echo
    echo "require $module $version"
    echo
    echo "// From $module's go.mod, its relative replaces pointed at the proxy's $siblings."
    awk -v siblings="$siblings" '
      /^replace \(/ { block = 1; next }
      block && /^\)/ { block = 0; next }
      block || /^replace / {
        line = $0; sub(/^replace /, "", line); sub(/^[[:space:]]+/, "", line)
        split(line, parts, /[[:space:]]*=>[[:space:]]*/)
        if (parts[2] ~ /^\.\.?\//) print "replace " parts[1] " => " parts[1] " " siblings
        else print "replace " line
      }' "$module_go_mod"
  } >"$dir/go.mod"
}

# shellcheck source=go-build.sh
source "$here/go-build.sh"

wrapper etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION" "$ETCD_VERSION"
go_build_once "$work/etcd" go.etcd.io/etcd/server/v3 "-s -w" "$bin/etcd"

# The version stamps Kubernetes' own build writes (hack/lib/version.sh, kube::version::ldflags):
# without them the server reports v0.0.0-master to clients, the Pulumi provider among them, which
# reads the server version to choose how it applies.
minor="${KUBERNETES_VERSION#v1.}"
minor="${minor%%.*}"
kube_ldflags="-s -w"
for stamp in "gitVersion=$KUBERNETES_VERSION" gitMajor=1 "gitMinor=$minor" gitTreeState=clean; do
  kube_ldflags+=" -X k8s.io/component-base/version.$stamp -X k8s.io/client-go/pkg/version.$stamp"
done
wrapper kubernetes k8s.io/kubernetes "$KUBERNETES_VERSION" "$STAGING_VERSION"
go_build_once "$work/kubernetes" k8s.io/kubernetes/cmd/kube-apiserver "$kube_ldflags" "$bin/kube-apiserver"
go_build_once "$work/kubernetes" k8s.io/kubernetes/cmd/kubectl "$kube_ldflags" "$bin/kubectl"

echo "$bin"
