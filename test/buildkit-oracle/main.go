// Command buildkit-oracle reports the user an image built from a Dockerfile runs as, computed by
// BuildKit's own Dockerfile frontend (dockerfile2llb), for the differential tests of
// rules/docker/dockerfile-user.ts.
//
// Input, one JSON object per line:
//
//	{"dockerfile": "...", "target": "name", "buildArgs": {"U": "10001"}}
//
// Output, one JSON object per line in the same order: {"user": "..."} or {"error": "..."}.
//
// Every base image resolves to a config whose USER is BaseUser and whose ENV holds only PATH, so a
// build that sets no USER reports BaseUser, and `FROM scratch` reports "". No image is pulled and
// nothing is built: only the LLB definition and the image config are computed.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// BaseUser is the USER of every base image.
const BaseUser = "<base-image-user>"

type request struct {
	Dockerfile string            `json:"dockerfile"`
	Target     string            `json:"target"`
	BuildArgs  map[string]string `json:"buildArgs"`
}

type response struct {
	User  *string `json:"user,omitempty"`
	Error string  `json:"error,omitempty"`
}

type baseImages struct{}

func (baseImages) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	config := map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"config":       map[string]any{"User": BaseUser, "Env": []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{}},
	}
	data, err := json.Marshal(config)
	if err != nil {
		return "", "", nil, err
	}
	return ref, digest.FromBytes(data), data, nil
}

var _ llb.ImageMetaResolver = baseImages{}

func evaluate(req request) (result response) {
	defer func() {
		if r := recover(); r != nil {
			result = response{Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	res, err := dockerfile2llb.Dockerfile2LLB(context.Background(), []byte(req.Dockerfile), dockerfile2llb.ConvertOpt{
		Config:         dockerui.Config{Target: req.Target, BuildArgs: req.BuildArgs},
		MetaResolver:   baseImages{},
		TargetPlatform: &ocispecs.Platform{OS: "linux", Architecture: "amd64"},
	})
	if err != nil {
		return response{Error: err.Error()}
	}
	user := res.Image.Config.User
	return response{User: &user}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 0, 1<<20), 16<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var req request
		var res response
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			res = response{Error: "bad request: " + err.Error()}
		} else {
			res = evaluate(req)
		}
		if err := out.Encode(res); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
