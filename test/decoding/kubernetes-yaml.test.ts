/**
 * decoding/kubernetes-yaml.ts reads manifests exactly as Kubernetes does: differentially against
 * kubectl's own decoding (test/yaml-oracle) on generated files, and on the named cases where a
 * YAML 1.2 reader lets an insecure pod through, with their exact values.
 *
 * The first run on a machine builds the oracle from the Go module proxy (seconds on a warm Go
 * cache; cached outside the repository afterwards). `npm run fuzz` runs a larger sample.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { decodeKubernetesYaml } from "../../decoding/kubernetes-yaml";
import { askYamlOracle, compare, runYamlDifferential, type DifferentialResult } from "./yaml-differential";
import { FEATURES } from "./yaml-generator";

const SEED = 20261207;
const STREAMS = 6000;
/** Documents (and errors) compared: the brief's floor. */
const MINIMUM_COMPARED = 20_000;

let result: DifferentialResult;
let seconds: number;

before(async () => {
  const started = process.hrtime.bigint();
  result = await runYamlDifferential(SEED, STREAMS);
  seconds = Number(process.hrtime.bigint() - started) / 1e9;
});

test(`the decoder reads ${STREAMS} generated manifest files exactly as kubectl does (seed ${SEED})`, (t) => {
  t.diagnostic(`${result.streams} files, ${result.compared} documents and errors compared in ${seconds.toFixed(1)}s`);
  assert.equal(result.failure, undefined, result.failure);
  assert.equal(result.disagreements, 0);
  assert.ok(result.compared >= MINIMUM_COMPARED, `only ${result.compared} documents compared`);
});

// A sample that stops reaching a feature, or in which nothing is refused or overridden, would
// agree without proving anything.
test("the sample reaches every feature, and documents Kubernetes accepts, refuses and would refuse when strict", (t) => {
  const { accepted, refused, strictRefused } = result.outcomes;
  t.diagnostic(`kubectl accepted ${accepted} documents, refused ${refused}; the strict conversion refuses ${strictRefused} of the accepted`);
  t.diagnostic([...result.features].map(([feature, count]) => `${feature} ${count}`).join(", "));
  for (const feature of FEATURES) assert.ok((result.features.get(feature) ?? 0) >= 20, `only ${result.features.get(feature) ?? 0} files use ${feature}`);
  assert.ok(accepted >= MINIMUM_COMPARED / 2, `only ${accepted} accepted`);
  assert.ok(refused >= 500, `only ${refused} refused`);
  assert.ok(strictRefused >= 2000, `only ${strictRefused} overwrite a key`);
});

const DUPLICATE_KEY_ERROR = "error: duplicate key";

/**
 * The cases measured on a real kube-apiserver 1.37 (kubectl apply --dry-run=server), with what
 * Kubernetes makes of them and what a YAML 1.2 reader (the yaml package with merge keys, as
 * the checker read manifests before decoding/manifest-files.ts) makes of them.
 */
const NAMED_CASES: Array<{ name: string; yaml: string; path: Array<string | number>; kubernetes: unknown; yaml12: unknown }> = [
  {
    name: "a merge after privileged: false makes the container privileged",
    yaml: "securityContext:\n  privileged: false\n  <<: {privileged: true}\n",
    path: ["securityContext", "privileged"],
    kubernetes: true,
    yaml12: false,
  },
  {
    name: "a merged anchor overrides allowPrivilegeEscalation: false",
    yaml: "base: &base {allowPrivilegeEscalation: true}\nsecurityContext:\n  allowPrivilegeEscalation: false\n  <<: *base\n",
    path: ["securityContext", "allowPrivilegeEscalation"],
    kubernetes: true,
    yaml12: false,
  },
  {
    name: "a merged anchor overrides runAsNonRoot: true",
    yaml: "base: &base\n  runAsNonRoot: false\nsecurityContext:\n  runAsNonRoot: true\n  <<: *base\n",
    path: ["securityContext", "runAsNonRoot"],
    kubernetes: false,
    yaml12: true,
  },
  {
    name: "an explicit key after the merge wins over it",
    yaml: "securityContext:\n  <<: {privileged: true}\n  privileged: false\n",
    path: ["securityContext", "privileged"],
    kubernetes: false,
    yaml12: false,
  },
  {
    name: "in a list of merges the first one listed wins",
    yaml: "securityContext:\n  <<: [{privileged: false}, {privileged: true}]\n",
    path: ["securityContext", "privileged"],
    kubernetes: false,
    yaml12: false,
  },
  { name: "the last of duplicate keys wins", yaml: "hostNetwork: false\nhostNetwork: true\n", path: ["hostNetwork"], kubernetes: true, yaml12: DUPLICATE_KEY_ERROR },
  { name: "off is false", yaml: "hostNetwork: off\n", path: ["hostNetwork"], kubernetes: false, yaml12: "off" },
  { name: "yes is true", yaml: "runAsNonRoot: yes\n", path: ["runAsNonRoot"], kubernetes: true, yaml12: "yes" },
  { name: "Y is true", yaml: "privileged: Y\n", path: ["privileged"], kubernetes: true, yaml12: "Y" },
  { name: "underscores in integers", yaml: "runAsUser: 10_001\n", path: ["runAsUser"], kubernetes: 10001, yaml12: "10_001" },
  { name: "binary integers", yaml: "hostPort: 0b0\n", path: ["hostPort"], kubernetes: 0, yaml12: "0b0" },
  { name: "octal integers", yaml: "runAsUser: 0o17\n", path: ["runAsUser"], kubernetes: 15, yaml12: 15 },
  { name: "leading-zero octal", yaml: "runAsUser: 017\n", path: ["runAsUser"], kubernetes: 15, yaml12: 17 },
  { name: "a leading zero that is not octal is a float", yaml: "runAsUser: 08\n", path: ["runAsUser"], kubernetes: 8, yaml12: 8 },
  { name: "hexadecimal with a sign", yaml: "runAsUser: -0x1F\n", path: ["runAsUser"], kubernetes: -31, yaml12: "-0x1F" },
  { name: "sexagesimal stays a string", yaml: "runAsUser: 1:30\n", path: ["runAsUser"], kubernetes: "1:30", yaml12: "1:30" },
  { name: "a quoted yes is a string", yaml: 'runAsNonRoot: "yes"\n', path: ["runAsNonRoot"], kubernetes: "yes", yaml12: "yes" },
  { name: "!!str keeps the text", yaml: "privileged: !!str on\n", path: ["privileged"], kubernetes: "on", yaml12: "on" },
  { name: "an integer key becomes a string key", yaml: "1: a\n", path: ["1"], kubernetes: "a", yaml12: "a" },
  { name: "a float key is written with float32 precision", yaml: "3.14159265358979: pi\n", path: ["3.1415927"], kubernetes: "pi", yaml12: undefined },
  { name: "a colon without a space inside a flow mapping is part of the key", yaml: "m: {a:b}\n", path: ["m", "a:b"], kubernetes: null, yaml12: null },
  { name: "a float -0.0 becomes the integer 0", yaml: "runAsUser: -0.0\n", path: ["runAsUser"], kubernetes: 0, yaml12: -0 },
  { name: "an exponent beyond float64 stays a string", yaml: "runAsUser: 1e400\n", path: ["runAsUser"], kubernetes: "1e400", yaml12: Infinity },
];

function valueAt(value: unknown, path: Array<string | number>): unknown {
  return path.reduce<unknown>((current, step) => (current as Record<string | number, unknown> | undefined)?.[step], value);
}

let oracleAnswers: ReturnType<typeof askYamlOracle>;
before(() => {
  oracleAnswers = askYamlOracle(NAMED_CASES.map((c) => c.yaml));
});

for (const [index, { name, yaml, path, kubernetes }] of NAMED_CASES.entries()) {
  test(`named case: ${name}`, () => {
    const decoded = decodeKubernetesYaml(yaml);
    assert.deepEqual(decoded.errors, []);
    assert.equal(decoded.documents.length, 1);
    assert.deepStrictEqual(valueAt(decoded.documents[0]!.value, path), kubernetes);
    // The expectation is kubectl's reading, not ours.
    assert.deepStrictEqual(valueAt(oracleAnswers[index]!.items[0]!.value, path), kubernetes);
    assert.equal(compare(yaml, oracleAnswers[index]!, decoded).disagreement, undefined);
  });
}

test("what a YAML 1.2 reader (the yaml package with merge keys) makes of the named cases", (t) => {
  for (const { yaml, path, kubernetes, yaml12 } of NAMED_CASES) {
    const [document] = parseAllDocuments(yaml, { merge: true }) as ReturnType<typeof parseAllDocuments> & unknown[];
    const read = document!.errors.length > 0 ? DUPLICATE_KEY_ERROR : valueAt(document!.toJS(), path);
    assert.ok(Object.is(read, yaml12), `${JSON.stringify(yaml)}: the yaml package reads ${String(read)}`);
    if (!Object.is(read, kubernetes)) t.diagnostic(`${JSON.stringify(yaml)}: Kubernetes ${JSON.stringify(kubernetes)}, YAML 1.2 ${String(yaml12)}`);
  }
});

test("a duplicate key and a merge override are warnings at their lines, the value as Kubernetes keeps it", () => {
  const yaml = "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: false\n  hostNetwork: true\n  securityContext:\n    runAsNonRoot: true\n    <<: {runAsNonRoot: false}\n";
  const [document] = decodeKubernetesYaml(yaml).documents;
  assert.deepEqual(document!.value, { apiVersion: "v1", kind: "Pod", spec: { hostNetwork: true, securityContext: { runAsNonRoot: false } } });
  assert.deepEqual(
    document!.warnings.map(({ line, column, message }) => ({ line, column, key: /key "(\w+)"/.exec(message)?.[1] })),
    [
      { line: 5, column: 3, key: "hostNetwork" },
      { line: 8, column: 5, key: "runAsNonRoot" },
    ],
  );
  // The strict conversion (fieldValidation=Strict on a YAML body) refuses exactly these.
  const [answer] = askYamlOracle([yaml]);
  assert.match(answer!.items[0]!.strict!, /already set in map/);
});

test("locate points at where Kubernetes takes each value from, merges included", () => {
  const yaml = "base: &base\n  privileged: true\nspec:\n  containers:\n  - name: app\n    securityContext:\n      privileged: false\n      <<: *base\n";
  const [document] = decodeKubernetesYaml(yaml).documents;
  assert.deepEqual(document!.locate(["spec", "containers", 0, "securityContext", "privileged"]), { line: 2, column: 3 });
  assert.deepEqual(document!.locate(["spec", "containers", 0, "name"]), { line: 5, column: 5 });
  assert.deepEqual(document!.locate(["spec", "containers", 0, "missing", "deeper"]), { line: 5, column: 5 });
  const [json] = decodeKubernetesYaml('{"spec": {"hostNetwork": false,\n "hostNetwork": true}}').documents;
  assert.deepEqual(json!.value, { spec: { hostNetwork: true } });
  assert.deepEqual(json!.locate(["spec", "hostNetwork"]), { line: 2, column: 2 });
  assert.deepEqual(json!.warnings.map(({ line }) => line), [2]);
});

test("documents and errors come in file order, as kubectl reads them", () => {
  const yaml = "---\n# only a comment\n---\n~\n---\nkind: A\n...\nhidden: true\n---\nkind: B\n--- x\nkind: C\n";
  const decoded = decodeKubernetesYaml(yaml);
  assert.deepEqual(
    decoded.documents.map((d) => d.value),
    [{ kind: "A" }],
  );
  // `--- x` is refused when its line is read, before the document above it is handed on.
  assert.deepEqual(
    decoded.errors.map(({ line, message }) => ({ line, message })),
    [{ line: 11, message: "invalid Yaml document separator: x" }],
  );
  assert.equal(compare(yaml, askYamlOracle([yaml])[0]!, decoded).disagreement, undefined);
});

// Where we refuse what kubectl may accept, on purpose (never generated). Each shows the difference.
test("deliberate differences: a refused character after the document's end, nesting too deep for the stack", () => {
  // go-yaml's reader decodes 512 bytes at a time: past the first block it never looks.
  const hidden = `kind: A\n...\n${"#".repeat(600)}\n\u0001\n`;
  const [kubectl] = askYamlOracle([hidden]);
  assert.deepEqual(kubectl!.items.map((i) => i.value), [{ kind: "A" }]);
  assert.match(decodeKubernetesYaml(hidden).errors[0]!.message, /control characters/);

  const deep = `${"[".repeat(9000)}${"]".repeat(9000)}`;
  const [deepKubectl] = askYamlOracle([`# c\n${deep}`]);
  assert.equal(deepKubectl!.error, undefined);
  const decoded = decodeKubernetesYaml(`# c\n${deep}`);
  assert.match(decoded.errors[0]?.message ?? "", /nested too deeply/);
});
