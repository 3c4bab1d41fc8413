// psa-oracle: the official Pod Security Admission evaluator (k8s.io/pod-security-admission, pinned
// in go.mod to the Kubernetes release our rules claim) as a filter for the differential tests.
//
// Input: one Kubernetes object per line of stdin, as JSON (Pod, PodTemplate, ReplicationController,
// ReplicaSet, Deployment, DaemonSet, StatefulSet, Job, CronJob). Blank lines are skipped.
// Output: one JSON line per input line, in order:
//
//	{"baseline":{"allowed":false,"reasons":["privileged"],"details":["privileged (container \"app\" must not set ...)"]},
//	 "restricted":{...}}
//
// or {"error":"..."} for a line that cannot be decoded or has no pod template.
//
// Objects are decoded the way the API server decodes them (case-sensitive field names, unknown
// fields dropped) but are NOT defaulted: PSA sees exactly what was written, which is what our
// rules see too. The pod spec is taken out where admission.DefaultPodSpecExtractor takes it (see
// extractPodSpec), and both levels are evaluated at version "latest" with policy.DefaultChecks(),
// as the admission plugin does.
// Output is flushed whenever no more input is waiting, so one process serves a whole run.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

type levelVerdict struct {
	Allowed bool     `json:"allowed"`
	Reasons []string `json:"reasons"`
	// Details are PSA's own messages, "<reason> (<detail>)", for a reader of a disagreement.
	Details []string `json:"details"`
}

type verdict struct {
	Baseline   *levelVerdict `json:"baseline,omitempty"`
	Restricted *levelVerdict `json:"restricted,omitempty"`
	Error      string        `json:"error,omitempty"`
}

type oracle struct {
	decoder   runtime.Decoder
	evaluator policy.Evaluator
}

func newOracle() (*oracle, error) {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme} {
		if err := add(scheme); err != nil {
			return nil, err
		}
	}
	// nil emulation version: evaluate with every check this release knows.
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		return nil, err
	}
	return &oracle{
		decoder:   serializer.NewCodecFactory(scheme).UniversalDeserializer(),
		evaluator: evaluator,
	}, nil
}

func (o *oracle) judge(line []byte) verdict {
	object, _, err := o.decoder.Decode(line, nil, nil)
	if err != nil {
		return verdict{Error: "decode: " + err.Error()}
	}
	meta, spec, err := extractPodSpec(object)
	if err != nil {
		return verdict{Error: "extract: " + err.Error()}
	}
	if spec == nil {
		return verdict{Error: "extract: the object has no pod template"}
	}
	return verdict{
		Baseline:   o.evaluate(api.LevelBaseline, meta, spec),
		Restricted: o.evaluate(api.LevelRestricted, meta, spec),
	}
}

func (o *oracle) evaluate(level api.Level, meta *metav1.ObjectMeta, spec *corev1.PodSpec) *levelVerdict {
	results := o.evaluator.EvaluatePod(api.LevelVersion{Level: level, Version: api.LatestVersion()}, meta, spec)
	aggregate := policy.AggregateCheckResults(results)
	v := &levelVerdict{Allowed: aggregate.Allowed, Reasons: []string{}, Details: []string{}}
	for i, reason := range aggregate.ForbiddenReasons {
		v.Reasons = append(v.Reasons, reason)
		detail := reason
		if aggregate.ForbiddenDetails[i] != "" {
			detail += " (" + aggregate.ForbiddenDetails[i] + ")"
		}
		v.Details = append(v.Details, detail)
	}
	return v
}

func main() {
	o, err := newOracle()
	if err != nil {
		fmt.Fprintln(os.Stderr, "psa-oracle:", err)
		os.Exit(1)
	}
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	encoder := json.NewEncoder(out)
	for {
		line, readErr := in.ReadBytes('\n')
		if readErr != nil && readErr != io.EOF {
			fmt.Fprintln(os.Stderr, "psa-oracle: reading stdin:", readErr)
			os.Exit(1)
		}
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 {
			if err := encoder.Encode(o.judge(trimmed)); err != nil {
				fmt.Fprintln(os.Stderr, "psa-oracle: writing stdout:", err)
				os.Exit(1)
			}
		}
		if readErr == io.EOF || in.Buffered() == 0 {
			if err := out.Flush(); err != nil {
				fmt.Fprintln(os.Stderr, "psa-oracle: writing stdout:", err)
				os.Exit(1)
			}
		}
		if readErr == io.EOF {
			return
		}
	}
}

// extractPodSpec finds the pod template of each kind exactly where admission.DefaultPodSpecExtractor
// (k8s.io/pod-security-admission/admission, same release) does. That package is not imported
// because it brings in client-go and the whole of k8s.io/api, which doubles the first build.
func extractPodSpec(object runtime.Object) (*metav1.ObjectMeta, *corev1.PodSpec, error) {
	switch o := object.(type) {
	case *corev1.Pod:
		return &o.ObjectMeta, &o.Spec, nil
	case *corev1.PodTemplate:
		return fromTemplate(&o.Template)
	case *corev1.ReplicationController:
		return fromTemplate(o.Spec.Template)
	case *appsv1.ReplicaSet:
		return fromTemplate(&o.Spec.Template)
	case *appsv1.Deployment:
		return fromTemplate(&o.Spec.Template)
	case *appsv1.DaemonSet:
		return fromTemplate(&o.Spec.Template)
	case *appsv1.StatefulSet:
		return fromTemplate(&o.Spec.Template)
	case *batchv1.Job:
		return fromTemplate(&o.Spec.Template)
	case *batchv1.CronJob:
		return fromTemplate(&o.Spec.JobTemplate.Spec.Template)
	default:
		return nil, nil, fmt.Errorf("unexpected object type: %s", object.GetObjectKind().GroupVersionKind())
	}
}

func fromTemplate(template *corev1.PodTemplateSpec) (*metav1.ObjectMeta, *corev1.PodSpec, error) {
	if template == nil {
		return nil, nil, nil
	}
	return &template.ObjectMeta, &template.Spec, nil
}
