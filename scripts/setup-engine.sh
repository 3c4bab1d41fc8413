#!/usr/bin/env bash
# Puts the real Pulumi engine on a machine that can reach only package registries: the Pulumi CLI
# and the Kubernetes provider, built from the Go module proxy, each in
# a throwaway wrapper module outside the repository (their own go.mod files carry `replace`
# directives, which is why `go install pkg@version` refuses them). Binaries are cached under
# ~/.cache/container-hardening/engine/<versions>/: the CLI in bin/, the provider and the policy
# analyzer in plugins/ (kept apart because the CLI warns on every run about plugins beside it or on
# PATH; scripts/engine/workspace.ts installs them into the run's plugin cache instead), so a second
# run takes well under a second. Progress goes to stderr; stdout is only the bin directory.
#
# Versions (what the Go module proxy serves, checked 2026-11-24):
# - @pulumi/pulumi 3.248.0 -> github.com/pulumi/pulumi/pkg/v3 v3.248.0.
# - The Node.js language host (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
#   is served at no version here (its `/@v/list` and the pseudo-version of the v3.248.0 release
#   commit answer 403). None is needed: the example programs run as the Automation API's inline
#   programs, whose language host the Automation API serves itself (scripts/engine/workspace.ts),
#   and without a `nodejs` language plugin the CLI starts the policy pack through
#   `pulumi-analyzer-policy-nodejs` (scripts/engine/pulumi-analyzer-policy-nodejs).
# - @pulumi/kubernetes 4.25.0 -> github.com/pulumi/pulumi-kubernetes/provider/v4 at the v4.25.0
#   release commit (f47bc2d6, 2026-01-15), whose pseudo-version is what the proxy serves: it refuses
#   the tags (v4.25.0, and v4.34.2 which we used before), so @pulumi/kubernetes is pinned to the
#   newest release whose provider can be built here. The provider's go.mod takes sdk/v4 from
#   `../sdk`; sdk/v4 v4.25.0 is not served either, and v4.22.2 is the nearest release that is and
#   asks for no newer Pulumi SDK than the provider does. CONTAINER_HARDENING_K8S_MODULE_VERSION,
#   CONTAINER_HARDENING_K8S_VERSION and CONTAINER_HARDENING_K8S_SDK_VERSION pick another provider.
set -euo pipefail

PULUMI_VERSION=v3.248.0
K8S_MODULE_VERSION="${CONTAINER_HARDENING_K8S_MODULE_VERSION:-v4.0.0-20260115033456-f47bc2d6f199}"
K8S_VERSION="${CONTAINER_HARDENING_K8S_VERSION:-4.25.0}"
K8S_SDK_VERSION="${CONTAINER_HARDENING_K8S_SDK_VERSION:-v4.22.2}"

here="$(cd "$(dirname "$0")" && pwd)"
cache="${CONTAINER_HARDENING_ENGINE_CACHE:-$HOME/.cache/container-hardening/engine}"

say() { printf 'setup-engine: %s\n' "$*" >&2; }

# A pulumi on PATH is used when it is the pinned version and its plugins are beside it.
if [[ -z "${CONTAINER_HARDENING_BUILD_ENGINE:-}" ]] && command -v pulumi >/dev/null 2>&1 \
  && [[ "$(pulumi version 2>/dev/null)" == "$PULUMI_VERSION" ]] \
  && command -v pulumi-analyzer-policy-nodejs >/dev/null 2>&1 \
  && command -v pulumi-resource-kubernetes >/dev/null 2>&1; then
  say "using pulumi $PULUMI_VERSION found on PATH"
  dirname "$(command -v pulumi)"
  exit 0
fi

# bin_dir <kubernetes version>: where the binaries of this set live.
bin_dir() { echo "$cache/pulumi-${PULUMI_VERSION}_kubernetes-$1/bin"; }
complete() {
  [[ -x "$1/pulumi" && -x "$1/../plugins/pulumi-resource-kubernetes" \
    && -x "$1/../plugins/pulumi-analyzer-policy-nodejs" ]]
}

if complete "$(bin_dir "$K8S_VERSION")"; then
  say "cached in $(bin_dir "$K8S_VERSION")"
  bin_dir "$K8S_VERSION"
  exit 0
fi

command -v go >/dev/null 2>&1 || { say "Go is needed to build the engine (https://go.dev/dl/); none on PATH"; exit 1; }
export GOFLAGS="-mod=mod"
k8s_module=github.com/pulumi/pulumi-kubernetes/provider/v4
bin="$(bin_dir "$K8S_VERSION")"
plugins="$(dirname "$bin")/plugins"
work="$(dirname "$bin")/src"
mkdir -p "$bin" "$plugins" "$work"

# shellcheck source=go-build.sh
source "$here/go-build.sh"

# Pulumi's release flags (.goreleaser.yml at the v3.248.0 release commit): -trimpath and these ldflags.
pulumi_ldflags="-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
# Copied from pkg/v3's go.mod; its other replace (sdk/v3 => ../sdk) is the same release here.
clipboard_replace="replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e"

# The provider's own main embeds schema files its `go generate` writes, which are not in the module;
# scripts/engine/kubernetes-provider-main.go is that main, embedding the schema the module ships in
# cmd/pulumi-resource-kubernetes/.
k8s_dir="$work/pulumi-resource-kubernetes"
mkdir -p "$k8s_dir"
cat >"$k8s_dir/go.mod" <<EOF
module container-hardening/engine/pulumi-resource-kubernetes

go 1.25.11

require $k8s_module $K8S_MODULE_VERSION

// The provider's go.mod has: replace github.com/pulumi/pulumi-kubernetes/sdk/v4 => ../sdk
replace github.com/pulumi/pulumi-kubernetes/sdk/v4 => github.com/pulumi/pulumi-kubernetes/sdk/v4 $K8S_SDK_VERSION
EOF
if [[ ! -x "$plugins/pulumi-resource-kubernetes" ]]; then
  say "pulumi-resource-kubernetes: fetching $k8s_module@$K8S_MODULE_VERSION…"
  module_dir="$(cd "$k8s_dir" && go mod download -json "$k8s_module@$K8S_MODULE_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$module_dir" ]] || { say "could not download $k8s_module@$K8S_MODULE_VERSION"; exit 1; }
  cp "$module_dir/cmd/pulumi-resource-kubernetes/schema.json" "$k8s_dir/schema-embed.json"
  cp "$module_dir/cmd/pulumi-resource-kubernetes/terraform-mapping.json" "$k8s_dir/terraform-mapping-embed.json"
  cp "$here/engine/kubernetes-provider-main.go" "$k8s_dir/main.go"
fi
# The provider's Makefile sets the version (-X …/pkg/version.Version); its goreleaser adds -s -w.
go_build_once "$work/pulumi-resource-kubernetes" . "-s -w -X $k8s_module/pkg/version.Version=$K8S_VERSION" "$plugins/pulumi-resource-kubernetes"

# The CLI last: the largest build.
mkdir -p "$work/pulumi"
cat >"$work/pulumi/go.mod" <<EOF
module container-hardening/engine/pulumi

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 $PULUMI_VERSION
)

$clipboard_replace
EOF
go_build_once "$work/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$pulumi_ldflags" "$bin/pulumi"

install -m 0755 "$here/engine/pulumi-analyzer-policy-nodejs" "$plugins/pulumi-analyzer-policy-nodejs"
echo "$bin"
