// compose-oracle: the Compose reference loader (github.com/compose-spec/compose-go/v2, pinned in
// go.mod to the release docker compose v5.7.1 builds with) as a filter for the differential tests.
//
// Input: one JSON request per line of stdin; output: one JSON line per request, in order.
//
//	{"op":"decode","text":"<YAML>"}
//	  decodes the text as loader.loadYamlFile decodes a Compose file before modelling it: a
//	  yaml.v4 Decoder over the text, each document through loader.ResetProcessor (the `!reset` /
//	  `!override` pass, which also refuses duplicate keys), then the non-string-key check and the
//	  empty-list fix the loader applies before interpolation. Answer:
//	  {"documents":[{"value":<value>,"tagged":["services.web.cap_drop",...]}]} or {"error":"..."}.
//	{"op":"project","workingDir":"<dir>","files":["compose.yaml"],"env":{"K":"v"},"profiles":["p"]}
//	  loads a project as `docker compose` does (cli.ProjectOptions with the working directory, the
//	  .env file, the default file names and override file when files is empty, the profiles, and
//	  env as the whole environment: the oracle's own environment is never read), and answers, per
//	  service, the keys the Docker rules read:
//	  {"services":{"web":{"user":"...",...}}} or {"error":"..."}.
//
// Values are JSON, except what JSON cannot carry: a float that is NaN, infinite or negative zero is
// {"$float":"NaN"|"+Inf"|"-Inf"|"-0"}, a timestamp {"$timestamp":<Unix milliseconds>}.
// Output is flushed whenever no more input is waiting, so one process serves a whole run.
// A request compose-go has not answered in 2 seconds (compose-go v2.16.2 loops on an anchor merged
// into itself, `a: &x {<<: *x}`) is answered {"error":"timeout: ..."}, and the oracle then exits, as
// the loop cannot be stopped: the client starts a new one.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"sort"
	"strconv"
	"time"
	"unsafe"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/tree"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v4"
)

type request struct {
	Op         string            `json:"op"`
	Text       string            `json:"text"`
	WorkingDir string            `json:"workingDir"`
	Files      []string          `json:"files"`
	Env        map[string]string `json:"env"`
	Profiles   []string          `json:"profiles"`
}

// unexportedField is a settable view of a field the loader keeps private (the ResetProcessor's
// target and recorded paths): the oracle must run the loader's own pass, which has no exported
// constructor. A renamed field panics here instead of silently answering something else.
func unexportedField(structPointer any, name string) reflect.Value {
	field := reflect.ValueOf(structPointer).Elem().FieldByName(name)
	if !field.IsValid() {
		panic("loader.ResetProcessor has no field " + name)
	}
	return reflect.NewAt(field.Type(), unsafe.Pointer(field.UnsafeAddr())).Elem()
}

type decodedDocument struct {
	Value  any      `json:"value"`
	Tagged []string `json:"tagged"`
}

// decode follows loader.loadYamlFile (loader/loader.go) up to interpolation.
func decode(text string) (any, error) {
	decoder := yaml.NewDecoder(bytes.NewReader([]byte(text)))
	documents := []decodedDocument{}
	for {
		var raw any
		processor := &loader.ResetProcessor{}
		unexportedField(processor, "target").Set(reflect.ValueOf(&raw))
		err := decoder.Decode(processor)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		value, err := stringKeys(raw, "")
		if err != nil {
			return nil, err
		}
		if _, ok := value.(map[string]any); !ok {
			return nil, errors.New("top-level object must be a mapping")
		}
		tagged := []string{}
		for _, path := range unexportedField(processor, "paths").Interface().([]tree.Path) {
			tagged = append(tagged, string(path))
		}
		documents = append(documents, decodedDocument{Value: encodable(value), Tagged: tagged})
	}
	return map[string]any{"documents": documents}, nil
}

// stringKeys refuses a mapping key that is not a string, as the loader's
// convertToStringKeysRecursive does, and gives every mapping string keys.
func stringKeys(value any, at string) (any, error) {
	switch v := value.(type) {
	case map[string]any:
		for key, entry := range v {
			converted, err := stringKeys(entry, at+"."+key)
			if err != nil {
				return nil, err
			}
			v[key] = converted
		}
		return v, nil
	case map[any]any:
		out := map[string]any{}
		for key, entry := range v {
			name, ok := key.(string)
			if !ok {
				return nil, fmt.Errorf("non-string key in %s: %#v", at, key)
			}
			converted, err := stringKeys(entry, at+"."+name)
			if err != nil {
				return nil, err
			}
			out[name] = converted
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, entry := range v {
			converted, err := stringKeys(entry, fmt.Sprintf("%s[%d]", at, i))
			if err != nil {
				return nil, err
			}
			out[i] = converted
		}
		return out, nil
	}
	return value, nil
}

// encodable maps the values JSON cannot carry to tagged objects (see the header).
func encodable(value any) any {
	switch v := value.(type) {
	case map[string]any:
		out := map[string]any{}
		for key, entry := range v {
			out[key] = encodable(entry)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, entry := range v {
			out[i] = encodable(entry)
		}
		return out
	case float64:
		switch {
		case math.IsNaN(v):
			return map[string]string{"$float": "NaN"}
		case math.IsInf(v, 1):
			return map[string]string{"$float": "+Inf"}
		case math.IsInf(v, -1):
			return map[string]string{"$float": "-Inf"}
		case v == 0 && math.Signbit(v):
			return map[string]string{"$float": "-0"}
		}
		return v
	case time.Time:
		return map[string]int64{"$timestamp": v.UnixMilli()}
	}
	return value
}

type volume struct {
	Type     string `json:"type"`
	Source   string `json:"source,omitempty"`
	Target   string `json:"target"`
	ReadOnly bool   `json:"read_only,omitempty"`
}

type device struct {
	Source      string `json:"source"`
	Target      string `json:"target,omitempty"`
	Permissions string `json:"permissions,omitempty"`
}

type build struct {
	Context    string             `json:"context"`
	Dockerfile string             `json:"dockerfile,omitempty"`
	Target     string             `json:"target,omitempty"`
	Args       map[string]*string `json:"args,omitempty"`
}

// service holds the keys the Docker rules read (README, "Checking plain manifests").
type service struct {
	User              string            `json:"user,omitempty"`
	GroupAdd          []string          `json:"group_add,omitempty"`
	CapAdd            []string          `json:"cap_add,omitempty"`
	CapDrop           []string          `json:"cap_drop,omitempty"`
	SecurityOpt       []string          `json:"security_opt,omitempty"`
	ReadOnly          bool              `json:"read_only,omitempty"`
	Privileged        bool              `json:"privileged,omitempty"`
	NetworkMode       string            `json:"network_mode,omitempty"`
	Pid               string            `json:"pid,omitempty"`
	Ipc               string            `json:"ipc,omitempty"`
	UserNSMode        string            `json:"userns_mode,omitempty"`
	Cgroup            string            `json:"cgroup,omitempty"`
	Volumes           []volume          `json:"volumes,omitempty"`
	VolumesFrom       []string          `json:"volumes_from,omitempty"`
	Devices           []device          `json:"devices,omitempty"`
	DeviceCgroupRules []string          `json:"device_cgroup_rules,omitempty"`
	Sysctls           map[string]string `json:"sysctls,omitempty"`
	MemLimit          int64             `json:"mem_limit,omitempty"`
	MemoryLimit       int64             `json:"deploy_memory,omitempty"`
	CPUs              string            `json:"cpus,omitempty"`
	CPUsLimit         string            `json:"deploy_cpus,omitempty"`
	CPUQuota          int64             `json:"cpu_quota,omitempty"`
	CPUSet            string            `json:"cpuset,omitempty"`
	Build             *build            `json:"build,omitempty"`
	Profiles          []string          `json:"profiles,omitempty"`
}

// float32Text prints a float32 as the shortest decimal that reads back as it.
func float32Text(value float32) string {
	if value == 0 {
		return ""
	}
	return strconv.FormatFloat(float64(value), 'g', -1, 32)
}

func describe(s types.ServiceConfig) service {
	out := service{
		User: s.User, GroupAdd: s.GroupAdd, CapAdd: s.CapAdd, CapDrop: s.CapDrop, SecurityOpt: s.SecurityOpt,
		ReadOnly: s.ReadOnly, Privileged: s.Privileged, NetworkMode: s.NetworkMode, Pid: s.Pid, Ipc: s.Ipc,
		UserNSMode: s.UserNSMode, Cgroup: s.Cgroup, VolumesFrom: s.VolumesFrom, DeviceCgroupRules: s.DeviceCgroupRules,
		Sysctls: s.Sysctls, MemLimit: int64(s.MemLimit), CPUs: float32Text(s.CPUS), CPUQuota: s.CPUQuota, CPUSet: s.CPUSet,
		Profiles: s.Profiles,
	}
	for _, v := range s.Volumes {
		out.Volumes = append(out.Volumes, volume{Type: v.Type, Source: v.Source, Target: v.Target, ReadOnly: v.ReadOnly})
	}
	for _, d := range s.Devices {
		out.Devices = append(out.Devices, device{Source: d.Source, Target: d.Target, Permissions: d.Permissions})
	}
	if s.Deploy != nil && s.Deploy.Resources.Limits != nil {
		out.MemoryLimit = int64(s.Deploy.Resources.Limits.MemoryBytes)
		out.CPUsLimit = float32Text(float32(s.Deploy.Resources.Limits.NanoCPUs))
	}
	if s.Build != nil {
		out.Build = &build{Context: s.Build.Context, Dockerfile: s.Build.Dockerfile, Target: s.Build.Target}
		if len(s.Build.Args) > 0 {
			out.Build.Args = map[string]*string(s.Build.Args)
		}
	}
	return out
}

func project(r request) (any, error) {
	env := []string{}
	for key, value := range r.Env {
		env = append(env, key+"="+value)
	}
	sort.Strings(env)
	// As docker compose v5 cmd/compose/compose.go ToProject builds its options, without WithOsEnv.
	options, err := cli.NewProjectOptions(r.Files,
		cli.WithWorkingDirectory(r.WorkingDir),
		cli.WithEnv(env),
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithConfigFileEnv,
		cli.WithDefaultConfigPath,
		cli.WithDefaultProfiles(r.Profiles...),
		cli.WithName("oracle"),
	)
	if err != nil {
		return nil, err
	}
	loaded, err := cli.ProjectFromOptions(context.Background(), options)
	if err != nil {
		return nil, err
	}
	services := map[string]service{}
	for name, s := range loaded.Services {
		services[name] = describe(s)
	}
	disabled := []string{}
	for name := range loaded.DisabledServices {
		disabled = append(disabled, name)
	}
	sort.Strings(disabled)
	return map[string]any{"services": services, "disabled": disabled}, nil
}

func answer(line []byte) (result any) {
	defer func() {
		if recovered := recover(); recovered != nil {
			result = map[string]string{"error": fmt.Sprintf("panic: %v", recovered)}
		}
	}()
	var r request
	if err := json.Unmarshal(line, &r); err != nil {
		return map[string]string{"error": "request: " + err.Error()}
	}
	var out any
	var err error
	switch r.Op {
	case "decode":
		out, err = decode(r.Text)
	case "project":
		out, err = project(r)
	default:
		err = fmt.Errorf("unknown op %q", r.Op)
	}
	if err != nil {
		return map[string]string{"error": err.Error()}
	}
	return out
}

const patience = 2 * time.Second

// answerInTime is answer, or a timeout error and the oracle's end (see the header).
func answerInTime(line []byte) (result any, stop bool) {
	done := make(chan any, 1)
	go func() { done <- answer(line) }()
	select {
	case result := <-done:
		return result, false
	case <-time.After(patience):
		return map[string]string{"error": fmt.Sprintf("timeout: compose-go did not answer in %s", patience)}, true
	}
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			result, stop := answerInTime(line)
			encoded, marshalErr := json.Marshal(result)
			if marshalErr != nil {
				encoded, _ = json.Marshal(map[string]string{"error": "answer: " + marshalErr.Error()})
			}
			out.Write(encoded)
			out.WriteByte('\n')
			if stop {
				out.Flush()
				os.Exit(0)
			}
			if in.Buffered() == 0 {
				out.Flush()
			}
		}
		if err != nil {
			out.Flush()
			return
		}
	}
}
