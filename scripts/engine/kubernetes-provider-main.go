// The Kubernetes provider's entry point, as its cmd/pulumi-resource-kubernetes/main.go: serve
// pkg/provider with the schema and Terraform mapping. The provider's `go generate` step would copy
// those files next to main.go to embed them; setup-engine.sh copies them from the module instead.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
