// yaml-oracle: how kubectl turns a manifest file into JSON objects, by running the code kubectl
// runs (k8s.io/apimachinery, sigs.k8s.io/yaml and go.yaml.in/yaml/v2, pinned in go.mod to what
// Kubernetes 1.37.2 uses), as the reference for decoding/kubernetes-yaml.ts.
//
// Input: one JSON line per request, {"text": "<the file's contents>"}. Output: one JSON line each:
//
//	{"items": [{"value": <json>, "strict": "", "collision": ""} | {"error": "..."}, ...], "error": "..."}
//
// items are the objects in stream order (an item with "error" is one object that kubectl could not
// decode; the stream goes on after it); "error" at the top is the stream error that stops kubectl
// reading the file (items before it were read). "strict" is the refusal of the strict conversion
// of the item's source (YAMLToJSONStrict for a YAML document, duplicate fields for a JSON object),
// "" when it accepts. "collision" names two different YAML keys that become the same JSON key:
// sigs.k8s.io/yaml keeps one of them in Go map order, that is at random.
//
// What kubectl does (read in k8s.io/cli-runtime v0.37.2, k8s.io/apimachinery v0.37.2,
// sigs.k8s.io/yaml v1.6.0, go.yaml.in/yaml/v2 v2.4.4, sigs.k8s.io/json v0.0.0-20250730193827; each
// fact below is also exercised by test/decoding):
//
//   - cli-runtime pkg/resource/visitor.go FileVisitor.Visit: the file (or stdin) goes through
//     unicode.BOMOverride(unicode.UTF8.NewDecoder()) (golang.org/x/text): a UTF-8 or UTF-16 byte
//     order mark is removed (UTF-16 decoded) and invalid UTF-8 becomes U+FFFD.
//   - StreamVisitor.Visit: yaml.NewYAMLOrJSONDecoder(reader, 4096), then per Decode a
//     runtime.RawExtension; its Raw is trimmed, and skipped when empty or "null" (so empty
//     documents, documents of comments only and documents that are null are not objects). A Decode
//     error ends the file ("error parsing <file>: ..."); the objects before it were already visited.
//     Each Raw goes to mapper.infoForData, unstructured.UnstructuredJSONScheme, which decodes it with
//     util/json.Unmarshal = sigs.k8s.io/json UnmarshalCaseSensitivePreserveInts (integers without
//     "." that fit int64 stay int64, so -0 is 0; other numbers float64; last duplicate wins; a
//     number out of float64 range fails this one object and the stream goes on). The oracle decodes
//     every Raw so into interface{} (infoForData would also refuse a non-object) and prints it with
//     encoding/json. helm (helm.sh/helm/v3 v3.22.0 pkg/kube/client.go Build) reads through the same
//     builder (Stream, so without the byte order mark handling), after splitting and re-joining its
//     rendered templates with its own regexp (pkg/releaseutil/manifest.go SplitManifests).
//   - apimachinery util/yaml/decoder.go NewYAMLOrJSONDecoder: JSON when the first non-space
//     (unicode.IsSpace) character within the first 4096 bytes is "{"; then encoding/json's Decoder
//     reads values one after the other (any JSON values, no separator needed; nesting deeper than
//     10000 is a syntax error). A JSON error after 0 or 1 values rewinds to the end of the last
//     value and reads the rest as YAML, after consumeWhitespace has skipped white space up to and
//     including the first newline (reading 4 bytes at a time: with fewer than 4 bytes left, or at
//     U+FFFD, it gives up and the JSON error ends the stream); after 2 or more values the JSON error
//     ends the stream.
//   - YAMLReader.Read cuts YAML into documents at every line that starts with "---" (lines are read
//     with bufio.ReadLine, so "\r\n" becomes "\n", and the last line gets a "\n"); after "---" only
//     spaces or a "#" comment may follow, anything else ("--- {a: 1}", "--- |", "----") is the
//     stream error "invalid Yaml document separator". A separator that ends a document is dropped;
//     one read while the document is still empty (the first line, or a second "---") is KEPT as its
//     first line, so go-yaml sees an explicit document start ("---\n...\n" is an empty document,
//     "...\n" alone an error). Each document is converted with sigs.k8s.io/yaml.Unmarshal into the
//     RawExtension, that is YAMLToJSON: go.yaml.in/yaml/v2 Unmarshal into interface{}, then
//     convertToJSONableObject, then encoding/json.Marshal (the same conversion the API server
//     applies to a YAML request body: runtime/serializer/json/json.go Serializer.Decode, and
//     YAMLToJSONStrict in addition for fieldValidation=Strict; kubectl itself sends JSON).
//   - go.yaml.in/yaml/v2 yaml.go unmarshal reads only the FIRST YAML document of what it is given:
//     whatever follows is not even scanned once the document has ended, which happens at "...", at a
//     directive line after the content ("%YAML 1.1"), and after a complete flow collection or quoted
//     scalar at the top followed by anything on the same line that does not make it a key ("[1] ]").
//     Its reader refuses control characters, but decodes 512 bytes at a time, so one far enough
//     after the document's end is never seen.
//   - scannerc.go: YAML 1.1 syntax as libyaml has it, not YAML 1.2: NEL, LS and PS are line breaks;
//     "\/" is not an escape; inside a flow collection ":" not followed by a space belongs to the
//     scalar ("{a:b}" is the key "a:b"); anchors are letters, digits, "_" and "-"; a simple (implicit)
//     key may not span lines or more than 1024 characters; whether the scanner reads ahead depends on
//     simple_keys_by_tok, which only tracks the token at the head of the queue, and closing a flow
//     collection in which no key was seen forgets it ("{} b: 2" is the document {}, "[a] b: 2" an
//     error). Nesting is limited to 10000 flow levels and 10000 indentation levels.
//   - resolve.go resolve(): YAML 1.1 plain scalars: bools y Y yes Yes YES true True TRUE on On ON
//     (and n/no/false/off likewise); nulls "", ~, null, Null, NULL; .inf/.Inf/.INF with signs,
//     .nan/.NaN/.NAN; integers by strconv.ParseInt(s with every "_" removed, base 0, 64) (0x, 0o, 0b,
//     leading-0 octal, signs), then ParseUint (up to 2^64-1), then floats matching
//     ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ (so "08" is 8 and 1e400 stays a string);
//     sexagesimal ("1:30") is NOT resolved: a string. Timestamps (four go-yaml layouts) are kept as
//     their text. decode.go scalar(): quoted and block scalars are strings unless tagged; tags !!str
//     !!int !!bool !!float !!null !!timestamp check the value (an int under !!float becomes a float;
//     a mismatch is an error), !!binary is base64 (StdEncoding, newlines ignored; invalid UTF-8 is
//     written as U+FFFD by json.Marshal), any other tag (local !foo, the non-specific "!", !!set,
//     !!merge on a value) leaves the scalar as a string; tags on mappings and sequences are ignored.
//   - decode.go mapping(): pairs are applied in order; a later key overwrites an earlier one (no
//     error unless strict); a "<<" key (plain, tagged !!merge, or with the non-specific tag "!")
//     merges its value INTO the map at that point, overwriting keys set before it, and keys after it
//     overwrite the merged ones; a sequence of merges is applied from last to first (the first wins);
//     merge values must be mappings or aliases of mappings. A mapping or sequence as a key is an
//     error ("invalid map key"); an alias that contains itself is an error; so is "excessive
//     aliasing" (more than 100 alias-driven decodes, more than 1000 in all, and a ratio above
//     allowedAliasRatio). Strict (UnmarshalStrict) refuses any key set twice, merges included.
//   - sigs.k8s.io/yaml yaml.go convertToJSONableObject: keys become strings: int by Itoa, bool as
//     true/false, float64 by FormatFloat(f, 'g', -1, 32) (float32 precision, "+Inf" becoming ".inf",
//     so 1e300 is ".inf"); a null or uint64 key is an error. Then json.Marshal: NaN and ±Inf values
//     are errors ("json: unsupported value"), which end the stream like a syntax error; JSON nested
//     deeper than 10000 fails to decode.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	goyaml "go.yaml.in/yaml/v2"
	textunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"k8s.io/apimachinery/pkg/runtime"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	kjson "sigs.k8s.io/json"
)

type request struct {
	Text string `json:"text"`
}

type item struct {
	Value     json.RawMessage `json:"value,omitempty"`
	Strict    *string         `json:"strict,omitempty"`
	Collision string          `json:"collision,omitempty"`
	Error     string          `json:"error,omitempty"`
}

type answer struct {
	Items []item `json:"items"`
	Error string `json:"error,omitempty"`
}

// fileReader is what FileVisitor.Visit hands to the stream visitor.
func fileReader(text string) io.Reader {
	return transform.NewReader(strings.NewReader(text), textunicode.BOMOverride(textunicode.UTF8.NewDecoder()))
}

// decode runs StreamVisitor.Visit's loop and infoForData's decoding over one file.
func decode(text string) answer {
	out := answer{Items: []item{}}
	decoder := utilyaml.NewYAMLOrJSONDecoder(fileReader(text), 4096)
	for {
		ext := runtime.RawExtension{}
		if err := decoder.Decode(&ext); err != nil {
			if err != io.EOF {
				out.Error = err.Error()
			}
			break
		}
		raw := bytes.TrimSpace(ext.Raw)
		if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			continue
		}
		var value interface{}
		if err := utiljson.Unmarshal(raw, &value); err != nil {
			out.Items = append(out.Items, item{Error: err.Error()})
			continue
		}
		printed, err := json.Marshal(value)
		if err != nil {
			out.Items = append(out.Items, item{Error: err.Error()})
			continue
		}
		out.Items = append(out.Items, item{Value: printed})
	}
	addStrictness(text, &out)
	return out
}

// source is one document as the decoder read it: whether the strict conversion refuses it, which
// keys collide, and whether kubectl skipped it (null).
type source func() (strict string, collision string, skipped bool)

// addStrictness fills in each item's strict refusal and key collision, from the same sources the
// decoder read: the JSON values one by one, then (after a JSON error following at most one value)
// or else the YAML documents as YAMLReader splits them.
func addStrictness(text string, out *answer) {
	data, err := io.ReadAll(fileReader(text))
	if err != nil {
		return
	}
	var sources []source
	yamlFrom := 0
	if _, _, isJSON := utilyaml.GuessJSONStream(bytes.NewReader(data), 4096); isJSON {
		sources, yamlFrom = jsonSources(data)
	}
	if yamlFrom >= 0 {
		sources = append(sources, yamlSources(data[yamlFrom:])...)
	}
	next := 0
	for _, source := range sources {
		if next >= len(out.Items) {
			break
		}
		strict, collision, skipped := source()
		if skipped {
			continue
		}
		if out.Items[next].Error == "" {
			out.Items[next].Strict = &strict
			out.Items[next].Collision = collision
		}
		next++
	}
}

// jsonSources reads the JSON values of a JSON stream and says where YAML takes over (-1: nowhere),
// as YAMLOrJSONDecoder does (decoder.go Decode and consumeWhitespace, which are unexported).
func jsonSources(data []byte) ([]source, int) {
	var sources []source
	values := json.NewDecoder(bytes.NewReader(data))
	for count := 0; ; count++ {
		consumed := int(values.InputOffset())
		var raw json.RawMessage
		if err := values.Decode(&raw); err != nil {
			if err == io.EOF || count > 1 {
				return sources, -1
			}
			return sources, yamlStart(data, consumed)
		}
		trimmed := bytes.TrimSpace(raw)
		sources = append(sources, func() (string, string, bool) {
			if bytes.Equal(trimmed, []byte("null")) {
				return "", "", true
			}
			var value interface{}
			strictErrors, err := kjson.UnmarshalStrict(trimmed, &value, kjson.DisallowDuplicateFields)
			if err != nil {
				return "", "", false
			}
			return joinErrors(strictErrors), "", false
		})
	}
}

// yamlStart skips white space up to and including the first newline, reading 4 bytes at a time
// and giving up at fewer or at an invalid rune, as consumeWhitespace does; -1 when it gives up.
func yamlStart(data []byte, at int) int {
	for {
		if len(data)-at < 4 {
			return -1
		}
		r, size := utf8.DecodeRune(data[at:])
		if r == utf8.RuneError {
			return -1
		}
		if !unicode.IsSpace(r) {
			return at
		}
		at += size
		if r == '\n' {
			return at
		}
	}
}

// yamlSources reads YAML documents as YAMLReader splits them.
func yamlSources(data []byte) []source {
	var sources []source
	documents := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		document, err := documents.Read()
		if len(document) > 0 {
			sources = append(sources, func() (string, string, bool) {
				// go-yaml's own value decides whether kubectl gets an object here (null is
				// skipped); the conversions may pick colliding keys differently. YAMLToJSONStrict
				// is go-yaml's UnmarshalStrict then the same conversion, which this document
				// passed: the strict decoding alone decides. Without duplicates it is the value.
				var value interface{}
				strict := ""
				if err := goyaml.UnmarshalStrict(document, &value); err != nil {
					strict = err.Error()
					value = nil
					if err := goyaml.Unmarshal(document, &value); err != nil {
						return "", "", false
					}
				}
				if value == nil {
					return "", "", true
				}
				return strict, collisionIn(value), false
			})
		}
		if err != nil {
			return sources
		}
	}
}

func joinErrors(errs []error) string {
	messages := make([]string, len(errs))
	for i, err := range errs {
		messages[i] = err.Error()
	}
	return strings.Join(messages, "; ")
}

// collisionIn finds, in go-yaml's decoding of a document, two keys of one mapping that
// sigs.k8s.io/yaml's convertToJSONableObject turns into the same JSON key.
func collisionIn(value interface{}) string {
	switch typed := value.(type) {
	case map[interface{}]interface{}:
		seen := map[string][]string{}
		for key, child := range typed {
			if found := collisionIn(child); found != "" {
				return found
			}
			name, ok := jsonKey(key)
			if !ok {
				continue
			}
			seen[name] = append(seen[name], fmt.Sprintf("%T %v", key, key))
		}
		names := make([]string, 0, len(seen))
		for name := range seen {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if len(seen[name]) > 1 {
				sort.Strings(seen[name])
				return fmt.Sprintf("keys %s all become %q", strings.Join(seen[name], ", "), name)
			}
		}
	case []interface{}:
		for _, child := range typed {
			if found := collisionIn(child); found != "" {
				return found
			}
		}
	}
	return ""
}

// jsonKey is the JSON key convertToJSONableObject (sigs.k8s.io/yaml v1.6.0 yaml.go) makes of a key.
func jsonKey(key interface{}) (string, bool) {
	switch typed := key.(type) {
	case string:
		return typed, true
	case int:
		return strconv.Itoa(typed), true
	case int64:
		return strconv.FormatInt(typed, 10), true
	case bool:
		return strconv.FormatBool(typed), true
	case float64:
		switch formatted := strconv.FormatFloat(typed, 'g', -1, 32); formatted {
		case "+Inf":
			return ".inf", true
		case "-Inf":
			return "-.inf", true
		case "NaN":
			return ".nan", true
		default:
			return formatted, true
		}
	}
	return "", false
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			var result interface{}
			if decodeErr := json.Unmarshal(line, &req); decodeErr != nil {
				result = map[string]string{"error": "bad request: " + decodeErr.Error()}
			} else {
				result = decode(req.Text)
			}
			encoded, _ := json.Marshal(result)
			out.Write(encoded)
			out.WriteByte('\n')
			if in.Buffered() == 0 {
				out.Flush()
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			return
		}
	}
}
