// cel-oracle evaluates the generated ValidatingAdmissionPolicies' CEL with cel-go, configured with
// the options the API server's base CEL environment enables for them (k8s.io/apiserver
// pkg/cel/environment base.go: optional types, the strings extension version 2, the lists
// extension, homogeneous aggregate literals; not cel.bind, which kube-apiserver 1.37 refuses in
// policies), over objects given one per line:
//
//	{"object": {...}, "namespace": "ns"}
//
// and answers, per line, the names of the policies that fail it and any evaluation errors. Each
// policy's variables are evaluated in order before its validations, as the API server makes them
// available; an evaluation error fails the policy (the generated policies use failurePolicy Fail).
// The policies are read once, from the JSON list of objects in the file named by the argument.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/ext"
)

type policyObject struct {
	Kind     string `json:"kind"`
	Metadata struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec struct {
		Variables   []struct{ Name, Expression string }              `json:"variables"`
		Validations []struct{ Expression, MessageExpression string } `json:"validations"`
	} `json:"spec"`
}

type variable struct {
	name    string
	program cel.Program
}

type policy struct {
	name        string
	variables   []variable
	validations []cel.Program
}

func main() {
	env, err := cel.NewEnv(
		cel.Variable("object", cel.DynType), cel.Variable("request", cel.DynType), cel.Variable("variables", cel.DynType),
		ext.Strings(ext.StringsVersion(2)), cel.OptionalTypes(), ext.Lists(), cel.HomogeneousAggregateLiterals(),
	)
	if err != nil {
		panic(err)
	}
	compile := func(where, expression string) cel.Program {
		ast, issues := env.Compile(expression)
		if issues != nil && issues.Err() != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", where, issues.Err())
			os.Exit(2)
		}
		program, err := env.Program(ast)
		if err != nil {
			panic(err)
		}
		return program
	}
	var policies []policy
	load := func(objects []policyObject) {
		policies = nil
		for _, object := range objects {
			if object.Kind != "ValidatingAdmissionPolicy" {
				continue
			}
			p := policy{name: object.Metadata.Name}
			for _, v := range object.Spec.Variables {
				p.variables = append(p.variables, variable{v.Name, compile(p.name+" variable "+v.Name, v.Expression)})
			}
			for i, v := range object.Spec.Validations {
				p.validations = append(p.validations, compile(fmt.Sprintf("%s validation %d", p.name, i), v.Expression))
				compile(fmt.Sprintf("%s messageExpression %d", p.name, i), v.MessageExpression)
			}
			policies = append(policies, p)
		}
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64<<20), 64<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var request struct {
			Policies  []policyObject `json:"policies"`
			Object    map[string]any `json:"object"`
			Namespace string         `json:"namespace"`
		}
		if err := json.Unmarshal(in.Bytes(), &request); err != nil {
			panic(err)
		}
		if request.Policies != nil {
			load(request.Policies)
			if err := out.Encode(map[string]any{"compiled": len(policies)}); err != nil {
				panic(err)
			}
			continue
		}
		failing, errors := []string{}, []string{}
		for _, p := range policies {
			variables := map[string]any{}
			activation := map[string]any{"object": request.Object, "request": map[string]any{"namespace": request.Namespace}, "variables": variables}
			passes := true
			for _, v := range p.variables {
				value, _, err := v.program.Eval(activation)
				if err != nil {
					errors = append(errors, fmt.Sprintf("%s variable %s: %v", p.name, v.name, err))
					passes = false
					break
				}
				variables[v.name] = value
			}
			for i := 0; passes && i < len(p.validations); i++ {
				value, _, err := p.validations[i].Eval(activation)
				if err != nil {
					errors = append(errors, fmt.Sprintf("%s validation %d: %v", p.name, i, err))
				}
				passes = err == nil && value.Value() == true
			}
			if !passes {
				failing = append(failing, p.name)
			}
		}
		sort.Strings(failing)
		if err := out.Encode(map[string]any{"failing": failing, "errors": errors}); err != nil {
			panic(err)
		}
	}
}
