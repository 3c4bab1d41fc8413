module container-hardening/cel-oracle

go 1.25.0

require (
	cel.dev/expr v0.25.2
	github.com/antlr4-go/antlr/v4 v4.13.1
	github.com/google/cel-go v0.23.2
	github.com/stoewer/go-strcase v1.3.0
	golang.org/x/exp v0.0.0-20250718183923-645b1fa84792
	golang.org/x/text v0.41.0
	google.golang.org/genproto/googleapis/api v0.0.0-20250519155744-55703ea1f237
	google.golang.org/genproto/googleapis/rpc v0.0.0-20250519155744-55703ea1f237
	google.golang.org/protobuf v1.36.12-0.20260120151049-f2248ac996af
)
