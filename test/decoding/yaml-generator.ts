/**
 * fast-check arbitraries for manifest files written as people and attackers write them, for the
 * differential test of decoding/kubernetes-yaml.ts against kubectl's own decoding.
 *
 * A stream is generated as a small tree (documents, mappings, sequences, scalars, merges, anchors)
 * and rendered to text, so that fast-check shrinks the tree and the report shows the shortest text.
 * The content leans on what decides a security verdict: securityContext fields whose values are
 * written in every YAML 1.1 spelling (`yes`, `off`, `0b0`, `10_001`, `0x0`...), keys repeated and
 * overridden by `<<` merges (inline, aliased, lists, before and after explicit keys, nested), next to
 * everything else a manifest can hold: tags, anchors, block and flow collections, block scalars,
 * quoting, comments, multi-document streams with `---` and `...`, JSON streams, CRLF, a BOM, and
 * syntax only an attacker writes (`{a:b}`, `[1] ]`, directives, control characters, 1024+-character
 * keys, alias bombs). Rendering records which of these features each stream uses.
 *
 * What Kubernetes refuses comes rarely, since a refusal ends the stream and the documents after it
 * would go uncompared. Never generated: characters go-yaml's reader refuses placed where it may not
 * read (after the first object of a JSON stream read as YAML), a deliberate difference (see
 * decoding/kubernetes-yaml.ts); and U+FEFF past the first line of a document, whose reading
 * depends on go-yaml's read buffer.
 */
import fc from "fast-check";

export interface GeneratedStream {
  text: string;
  /** The features the text uses (see FEATURES). */
  features: Set<string>;
}

/** Every feature the sample must keep reaching. */
export const FEATURES = [
  "merge-inline",
  "merge-block",
  "merge-alias",
  "merge-list",
  "merge-list-block",
  "merge-before-explicit",
  "merge-after-explicit",
  "merge-nested",
  "merge-invalid",
  "merge-tagged",
  "duplicate-key",
  "bool-yaml11",
  "bool-yaml12",
  "null-form",
  "int-decimal",
  "int-hex",
  "int-octal",
  "int-binary",
  "int-underscore",
  "int-sign",
  "int-big",
  "float",
  "float-special",
  "sexagesimal",
  "timestamp",
  "plain-string",
  "quoted-single",
  "quoted-double",
  "escape",
  "multiline-scalar",
  "tag-core",
  "tag-mismatch",
  "tag-local",
  "tag-binary",
  "anchor",
  "alias",
  "block-mapping",
  "block-sequence",
  "flow-mapping",
  "flow-sequence",
  "json-style-flow",
  "block-literal",
  "block-folded",
  "block-chomping",
  "block-indent-indicator",
  "non-string-key",
  "explicit-key",
  "comment",
  "security-context",
  "multi-document",
  "document-end",
  "empty-document",
  "separator-comment",
  "separator-invalid",
  "json-stream",
  "json-then-yaml",
  "crlf",
  "bom",
  "odd-syntax",
  "control-character",
  "unicode-line-break",
  "long-key",
  "alias-bomb",
  "self-reference",
  "syntax-edge",
] as const;

// --- vocabulary -----------------------------------------------------------------------------------

interface Token {
  text: string;
  feature: string;
  /** Safe inside a flow collection. */
  flow?: boolean;
}

const tokens = (feature: string, texts: string[], flow = true): Token[] => texts.map((text) => ({ text, feature, flow }));
const words = (texts: string) => texts.split(" ");

const SCALARS: Array<{ weight: number; tokens: Token[] }> = [
  { weight: 12, tokens: tokens("bool-yaml11", words("yes no Yes NO on off On OFF y n Y N YES oFF yES")) },
  { weight: 6, tokens: tokens("bool-yaml12", words("true false True FALSE TRUE tRUE")) },
  { weight: 4, tokens: tokens("null-form", [...words("~ null Null NULL nULL"), ""]) },
  { weight: 8, tokens: tokens("int-decimal", words("0 1 1000 10001 65534 -1 007 08 09 010")) },
  { weight: 4, tokens: tokens("int-hex", words("0x0 0x1F 0X1f 0xffff 0x 0xG -0x10 0x0_0")) },
  { weight: 3, tokens: tokens("int-octal", words("0o17 0O17 017 0o8 -017 0o")) },
  { weight: 3, tokens: tokens("int-binary", words("0b0 0b1 0B101 -0b101 0b 0b2 +0b1")) },
  { weight: 4, tokens: tokens("int-underscore", words("10_001 1_000 0x_1F 0b_1 -_1 1__0 _1 1_ 0_8 1_000.5")) },
  { weight: 3, tokens: tokens("int-sign", words("+1 -0 +0 -1 +10001 + +_ -_")) },
  {
    weight: 3,
    tokens: tokens("int-big", [
      ...words("9223372036854775807 9223372036854775808 -9223372036854775808 -9223372036854775809 18446744073709551615"),
      ...words("18446744073709551616 0xFFFFFFFFFFFFFFFF 0x10000000000000000 9007199254740993 99999999999999999999"),
      `0b${"1".repeat(64)}`,
    ]),
  },
  { weight: 4, tokens: tokens("float", words("1.5 -1.5 .5 +.5 -.5 1. 1e3 1E3 1e+3 1.5e-3 0.0 -0.0 1.0 2.50 1e400 -1e400 1e-400 .1e400 00.5 1e 1.5.5")) },
  { weight: 3, tokens: tokens("float-special", words("inf nan .iNf Infinity -Infinity .Nan")) },
  { weight: 2, tokens: tokens("sexagesimal", words("1:30 190:20:30 -1:30 1:30.5 0:0")) },
  { weight: 2, tokens: tokens("timestamp", words("2001-12-14 2001-12-14t21:59:43.10-05:00 2001-12-14T21:59:43Z 2002-2-3 2001-02-30 2001-12-14_21")) },
  { weight: 10, tokens: tokens("plain-string", words("app nginx RuntimeDefault ALL NET_ADMIN SYS_ADMIN Localhost a-b x.y hello-world /etc /var/run/docker.sock")) },
  { weight: 2, tokens: tokens("plain-string", words("a:b a#b http://x:80/y a%b =x <<"), false) },
];

const QUOTED: Token[] = [
  ...tokens("quoted-single", words("'yes' 'off' '0b0' '10_001' 'true' '' 'it''s' '<<' '~' '1'")),
  ...tokens("quoted-double", [...words('"yes" "off" "0" "" "null" "1e3" "<<"'), '"a b"', `"a'b"`]),
  ...tokens("escape", [...words('"\\t" "a\\x41" "\\u00e9" "\\U0001F600" "\\N\\_\\L\\P" "\\e\\0" "\\"\\\\"'), '"a\\ b"']),
];
/** Escapes go-yaml refuses (`\/` is JSON's, not YAML 1.1's). */
const BAD_ESCAPES: Token[] = tokens("escape", words('"a\\/b" "\\q" "\\x4" "\\ud800"'));

const TAGGED: Token[] = [
  ...tokens("tag-core", ["!!str yes", "!!str 1", '!!int "12"', "!!int 0x10", "!!bool yes", '!!bool "true"', "!!float 1", "!!float .5", "!!null ~", "!!null ''", "!!timestamp 2001-01-01", "!<tag:yaml.org,2002:int> 7", "!!%69nt 5"]),
  ...tokens("tag-local", ["!local yes", "! yes", "! 12", "!foo {a: 1}", "!!set x", "!!merge x", "!<!> 1"]),
  ...tokens("tag-binary", ["!!binary aGVsbG8=", "!!binary /w==", '!!binary "AAEC"', '!!binary ""', '!!binary "aGVs\\nbG8="']),
];

/** Values Kubernetes refuses: they end the stream, so they come rarely. */
const REFUSED_VALUES: Token[] = [
  ...tokens("float-special", words(".inf -.inf +.INF .Inf .nan .NAN")),
  ...tokens("tag-local", ["!e!x 1"]),
  ...tokens("tag-binary", ["!!binary YQ", "!!binary a==="]),
  ...tokens("tag-mismatch", ["!!int yes", "!!int 1.5", "!!bool 1", "!!float 18446744073709551615", "!!null x", "!!timestamp 5", '!!int "x"']),
];

const SECURITY_KEYS = ["privileged", "hostNetwork", "hostPID", "runAsNonRoot", "runAsUser", "allowPrivilegeEscalation", "readOnlyRootFilesystem", "hostPort"];
const PLAIN_KEYS = ["name", "image", "add", "drop", "type", "a", "b"];
const ODD_KEYS: Token[] = [
  ...tokens("non-string-key", words("1 01 0x1 1.0 1.5 0.1 1e3 3.14159265 1e300 .inf .nan -0.0 0.0 true yes y Y n on 2001-01-01 1e6 123456789.0 0.00001")),
  ...tokens("quoted-double", words('"1" "true" "<<" "privileged" "y"')),
  ...tokens("quoted-single", words("'<<' 'hostNetwork' '1'")),
  ...tokens("tag-core", ["!!str <<", "!!str 1", "!!binary aGVsbG8=", "!!binary /w=="]),
];

/** Keys Kubernetes refuses (no JSON form) or go-yaml cannot read (longer than 1024 characters). */
const LONG_KEY: Token = { text: `k${"e".repeat(1030)}`, feature: "long-key" };
const REFUSED_KEYS: Token[] = [...tokens("non-string-key", words("~ null 18446744073709551615")), LONG_KEY, LONG_KEY];

// --- the tree ------------------------------------------------------------------------------------

type Node =
  | { t: "scalar"; token: Token; anchor: boolean; comment: boolean }
  | { t: "multiline"; quote: "" | "'" | '"'; words: string[] }
  | { t: "block"; header: string; lines: string[] }
  | { t: "alias"; pick: number }
  | { t: "map"; entries: Entry[]; flow: FlowStyle | undefined; anchor: boolean; tag: string }
  | { t: "seq"; items: Node[]; flow: FlowStyle | undefined; anchor: boolean; tag: string }
  | { t: "odd"; text: string; feature: string };

type FlowStyle = "spaced" | "tight" | "json" | "trailing-comma";

type Key = { t: "plain"; name: string } | { t: "odd"; token: Token } | { t: "explicit"; name: string };

type MergeSource = { t: "inline"; map: Node } | { t: "alias"; pick: number };
type Entry =
  | { t: "pair"; key: Key; value: Node }
  | { t: "merge"; sources: MergeSource[]; list: "no" | "flow" | "block"; block: boolean; spelling: string }
  | { t: "bad-merge"; text: string }
  | { t: "comment" };

interface Document {
  root: Node;
  start: "none" | "plain" | "comment" | "invalid";
  end: "none" | "marker" | "marker-junk";
}

type Stream =
  | { t: "yaml"; documents: Document[]; crlf: boolean; bom: boolean; extras: Array<"empty" | "comments" | "null" | "scalar"> }
  | { t: "json"; values: Node[]; separator: "" | " " | "\n"; tail: "none" | "yaml" | "garbage" | "short" | "flow-yaml" };

const flowStyle: fc.Arbitrary<FlowStyle> = fc.constantFrom("spaced", "spaced", "tight", "json", "trailing-comma");

/** Mostly values that decode; the ones Kubernetes refuses come rarely, or they would end every stream early. */
const scalarToken: fc.Arbitrary<Token> = fc.oneof(
  ...SCALARS.map(({ weight, tokens }) => ({ weight: weight * 4, arbitrary: fc.constantFrom(...tokens) })),
  { weight: 24, arbitrary: fc.constantFrom(...QUOTED) },
  { weight: 12, arbitrary: fc.constantFrom(...TAGGED) },
  { weight: 1, arbitrary: fc.constantFrom(...REFUSED_VALUES, ...BAD_ESCAPES) },
);

const scalarNode: fc.Arbitrary<Node> = fc.record({
  t: fc.constant("scalar" as const),
  token: scalarToken,
  anchor: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  comment: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
});

const multilineNode: fc.Arbitrary<Node> = fc.record({
  t: fc.constant("multiline" as const),
  quote: fc.constantFrom("" as const, "'" as const, '"' as const),
  words: fc.array(fc.constantFrom("a", "b c", "yes", "", "x:y", "z#"), { minLength: 2, maxLength: 4 }),
});

const blockNode: fc.Arbitrary<Node> = fc.record({
  t: fc.constant("block" as const),
  header: fc.constantFrom("|", ">", "|-", ">-", "|+", ">+", "|2", ">1", "|-1", "| # c"),
  lines: fc.array(fc.constantFrom("line", "  more", "", "a: b", "# not a comment", "  ", "last"), { minLength: 0, maxLength: 4 }),
});

const ODD_VALUES: Token[] = [
  ...tokens("odd-syntax", ["{a:b}", "[x:y]", "{a:1,b:2}", "[1] ]", "{} b", "[a] b", "- - a", '{"a":1}', "[? a]", "[? : 1]", "[a: 1]", "*nope", "&a.b x", "a: b: c"]),
  ...tokens("control-character", ["a\u0001b", "\u007f", "x\u0085y", "a\u200bb\u00a0"]),
  ...tokens("unicode-line-break", ["a\u2028b", "a\u2029b", "a\u0085b", "a\rb"]),
];

const oddNode: fc.Arbitrary<Node> = fc.constantFrom(...ODD_VALUES).map((t) => ({ t: "odd" as const, text: t.text, feature: t.feature }));

const key: fc.Arbitrary<Key> = fc.oneof(
  { weight: 400, arbitrary: fc.constantFrom(...SECURITY_KEYS).map((name) => ({ t: "plain" as const, name })) },
  { weight: 160, arbitrary: fc.constantFrom(...PLAIN_KEYS).map((name) => ({ t: "plain" as const, name })) },
  { weight: 80, arbitrary: fc.constantFrom(...ODD_KEYS).map((token) => ({ t: "odd" as const, token })) },
  { weight: 30, arbitrary: fc.constantFrom(...SECURITY_KEYS).map((name) => ({ t: "explicit" as const, name })) },
  { weight: 1, arbitrary: fc.constantFrom(...REFUSED_KEYS).map((token) => ({ t: "odd" as const, token })) },
);

const mergeSourceOf = (map: fc.Arbitrary<Node>): fc.Arbitrary<MergeSource> =>
  fc.oneof(fc.record({ t: fc.constant("inline" as const), map }), fc.record({ t: fc.constant("alias" as const), pick: fc.nat(20) }));

const mergeOf = (map: fc.Arbitrary<Node>): fc.Arbitrary<Entry> =>
  fc.record({
    t: fc.constant("merge" as const),
    sources: fc.array(mergeSourceOf(map), { minLength: 1, maxLength: 3 }),
    list: fc.constantFrom("no" as const, "no" as const, "flow" as const, "block" as const),
    block: fc.boolean(),
    // The merge key as go-yaml recognises it: plain, tagged !!merge, or with the non-specific tag.
    spelling: fc.constantFrom("<<", "<<", "<<", "<<", "<<", "<<", "!!merge <<", "! <<"),
  });

const BAD_MERGES = ["<<: 1", "<<: ~", "<<: [1]", "<<: [{a: 1}, x]", "<<: *scalar", "<<: [[{a: 1}]]"];

const { map, seq, node } = fc.letrec<{ node: Node; map: Node; seq: Node; entry: Entry }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 180, arbitrary: scalarNode },
    { weight: 48, arbitrary: tie("map") },
    { weight: 24, arbitrary: tie("seq") },
    { weight: 9, arbitrary: multilineNode },
    { weight: 12, arbitrary: blockNode },
    { weight: 24, arbitrary: fc.nat(20).map((pick) => ({ t: "alias" as const, pick })) },
    { weight: 2, arbitrary: oddNode },
  ),
  map: fc.record({
    t: fc.constant("map" as const),
    entries: fc.array(tie("entry"), { minLength: 0, maxLength: 4 }),
    flow: fc.option(flowStyle, { freq: 3 }).map((style) => style ?? undefined),
    anchor: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    tag: fc.constantFrom("", "", "", "", "", "", "!!map ", "!!str ", "!local "),
  }),
  seq: fc.record({
    t: fc.constant("seq" as const),
    items: fc.array(tie("node"), { minLength: 0, maxLength: 3 }),
    flow: fc.option(flowStyle, { freq: 2 }).map((style) => style ?? undefined),
    anchor: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    tag: fc.constantFrom("", "", "", "", "", "!!seq "),
  }),
  entry: fc.oneof(
    { withCrossShrink: true },
    { weight: 360, arbitrary: fc.record({ t: fc.constant("pair" as const), key, value: tie("node") }) },
    { weight: 108, arbitrary: mergeOf(tie("map")) },
    { weight: 36, arbitrary: fc.constant({ t: "comment" as const }) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_MERGES).map((text) => ({ t: "bad-merge" as const, text })) },
  ),
}));

const securityPair: fc.Arbitrary<Entry> = fc.record({
  t: fc.constant("pair" as const),
  key: fc.constantFrom(...SECURITY_KEYS).map((name) => ({ t: "plain" as const, name })),
  value: scalarNode,
});

/** A securityContext: the security keys, overridden by duplicates and by merges of small mappings. */
const securityContext: fc.Arbitrary<Node> = fc.record({
  t: fc.constant("map" as const),
  entries: fc.array(
    fc.oneof(
      { weight: 5, arbitrary: securityPair },
      {
        weight: 2,
        arbitrary: mergeOf(
          fc.record({
            t: fc.constant("map" as const),
            entries: fc.array(fc.oneof({ weight: 4, arbitrary: securityPair }, { weight: 1, arbitrary: mergeOf(map) }), { maxLength: 3 }),
            flow: fc.constantFrom<FlowStyle | undefined>(undefined, "spaced", "json"),
            anchor: fc.boolean(),
            tag: fc.constant(""),
          }),
        ),
      },
    ),
    { minLength: 1, maxLength: 5 },
  ),
  flow: fc.constantFrom<FlowStyle | undefined>(undefined, undefined, undefined, "spaced"),
  anchor: fc.boolean(),
  tag: fc.constant(""),
});

const plainKey = (name: string): Key => ({ t: "plain", name });
const pair = (name: string, value: Node): Entry => ({ t: "pair", key: plainKey(name), value });
const word = (text: string): Node => ({ t: "scalar", token: { text, feature: "plain-string" }, anchor: false, comment: false });
const mapOf = (entries: Entry[]): Node => ({ t: "map", entries, flow: undefined, anchor: false, tag: "" });

/** A Pod whose security fields are generated. */
const pod: fc.Arbitrary<Node> = fc
  .record({
    podContext: fc.option(securityContext, { freq: 2 }),
    hostNetwork: fc.option(scalarNode, { freq: 2 }),
    containers: fc.array(
      fc.record({
        name: fc.constantFrom("app", "sidecar", "yes"),
        context: fc.option(securityContext, { freq: 5 }),
        extra: fc.array(fc.record({ t: fc.constant("pair" as const), key, value: scalarNode }), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map(({ podContext, hostNetwork, containers }) => {
    const spec: Entry[] = [];
    if (hostNetwork) spec.push(pair("hostNetwork", hostNetwork));
    if (podContext) spec.push(pair("securityContext", podContext));
    const items = containers.map(({ name, context, extra }) => mapOf([pair("name", word(name)), ...(context ? [pair("securityContext", context)] : []), ...extra]));
    spec.push(pair("containers", { t: "seq", flow: undefined, anchor: false, tag: "", items }));
    return mapOf([pair("kind", word("Pod")), pair("spec", mapOf(spec))]);
  });

/** go-yaml's guards: alias bombs on both sides of its excessive-aliasing limit, self-reference. */
const guardDocument: fc.Arbitrary<Node> = fc.oneof(
  fc.record({ levels: fc.integer({ min: 2, max: 5 }), width: fc.constantFrom(3, 10) }).map(({ levels, width }) => ({ t: "odd" as const, feature: "alias-bomb", text: aliasBomb(levels, width) })),
  fc.constantFrom("a: &r [1, *r]", "a: &m {b: *m}", "a: &m\n  <<: *m").map((text) => ({ t: "odd" as const, feature: "self-reference", text })),
);

/** Whole documents at the edges of go-yaml's syntax: tabs, indentation, explicit and complex keys,
 * block scalar headers, quoted line folding, directives after content, flow collections across lines. */
const SYNTAX_EDGES = [
  "a:\n\tb: 1",
  "a: b\t# c\nd:\t1",
  "- a\n-\tb",
  "a: |\n  x\n\ty",
  "a: |2\n   x\n  y",
  "a: >\n  x\n\n   y\n  z\n",
  "a: |-\n\n  x\n\n",
  "a: >+\n  x\n\n",
  "? a\n? b\n: c",
  "? - a\n  - b\n: c",
  "[a, b]: c",
  "{a: 1}: c",
  "&k a: *k",
  "a: &x 1\nb: *x\nc: *x",
  "*x: 1",
  "- - - a\n    - b\n  - c",
  "a:\n- b\n- c\nd: e",
  "a:\n  - b\n -c",
  "a: b\n  c: d",
  "a: 'multi\n  line'\nb: \"x\\\n  y\"",
  "key with spaces: v\n? complex key\n: v2",
  "a: b #c\nd: e# not a comment",
  "a:\n  # comment\n  b: 1",
  "'a': 1\n\"b\": 2\n? 'c'\n: 3",
  "a: [1, 2,\n  3]\nb: {x: 1,\n  y: 2}",
  "a: [1,\n2]",
  "a: [\n]\nb: {\n}",
  "a: !!map\n  b: 1\nc: !!seq\n- 1",
  "a: !!str\nb: !!null\nc: !!int",
  "!!map\na: 1",
  "&root\na: 1",
  "a: 1\n%TAG ! tag:x,2000:\nb: 2",
  "a: 1\n%YAML 1.2\nb: 2",
  "a: 1\n%FOO bar",
  "%YAML 1.1\na: 1",
  'a: "\\x41\\u0042\\U00000043"',
  'a: "unterminated',
  "a: 'unterminated",
  "- a\nb: c",
  "a:\n  - b\n  c: d",
  "a: x\r\n  y\r\n",
  "\ufeffa: 1",
  "a:\n    b: 1\n  c: 2",
  "a: -\nb: - c",
  "? |\n  block key\n: v",
  "[a, [b, c], {d: e}, ? f : g]",
  "{? a, b: , : c}",
  "a: {b: c}d",
  "a: [b]c",
  "a: \"b\"c",
  "a: 'b' # c",
  "a:b: c",
  "- a: 1\n  b: 2\n- c: 3",
  "-\n  a: 1\n-\n  - b",
  "a: &x 1\nb: &x 2\nc: *x",
  "s: &s [{a: 1}]\nm:\n  <<: *s",
  "[<<: {a: 1}, b]",
  "m: {<<: [{a: 1}], a: 2}",
  // Simple keys are limited to 1024 characters (code points, not UTF-16 units).
  `{${"k: v, ".repeat(200)}z: 1} b: 2`,
  `[${"x, ".repeat(400)}y]: v`,
  `${"\u{1F600}".repeat(600)}: v`,
  `${"\u{1F600}".repeat(1100)}: v`,
  "\u{1F600}: a\nb\u{1F600}c: [\u{1F600}, \"\u{1F600}\"]",
];

function aliasBomb(levels: number, width: number): string {
  const lines = [`a0: &a0 [${Array(width).fill("x").join(", ")}]`];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(", ")}]`);
  return lines.join("\n");
}

const syntaxEdge: fc.Arbitrary<Node> = fc.constantFrom(...SYNTAX_EDGES).map((text) => ({ t: "odd" as const, feature: "syntax-edge", text }));

const document: fc.Arbitrary<Document> = fc.record({
  // Shrinking may turn a Pod into a plain mapping.
  root: fc.oneof(
    { withCrossShrink: true },
    { weight: 25, arbitrary: map },
    { weight: 40, arbitrary: pod },
    { weight: 10, arbitrary: seq },
    { weight: 10, arbitrary: node },
    { weight: 1, arbitrary: guardDocument },
    { weight: 4, arbitrary: syntaxEdge },
  ),
  start: fc.oneof({ weight: 150, arbitrary: fc.constantFrom("none" as const, "plain" as const, "plain" as const, "comment" as const) }, { weight: 1, arbitrary: fc.constant("invalid" as const) }),
  end: fc.oneof({ weight: 12, arbitrary: fc.constant("none" as const) }, { weight: 2, arbitrary: fc.constant("marker" as const) }, { weight: 1, arbitrary: fc.constant("marker-junk" as const) }),
});

const yamlStream: fc.Arbitrary<Stream> = fc.record({
  t: fc.constant("yaml" as const),
  documents: fc.array(document, { minLength: 1, maxLength: 8 }),
  crlf: fc.integer({ min: 0, max: 12 }).map((n) => n === 0),
  bom: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
  extras: fc.array(fc.constantFrom("empty" as const, "comments" as const, "null" as const, "scalar" as const), { maxLength: 2 }),
});

const jsonStream: fc.Arbitrary<Stream> = fc.record({
  t: fc.constant("json" as const),
  values: fc.array(fc.oneof({ weight: 3, arbitrary: pod }, { weight: 2, arbitrary: map }), { minLength: 1, maxLength: 4 }),
  separator: fc.constantFrom("" as const, " " as const, "\n" as const),
  tail: fc.constantFrom("none" as const, "none" as const, "none" as const, "yaml" as const, "garbage" as const, "short" as const, "flow-yaml" as const),
});

export const streamArbitrary: fc.Arbitrary<GeneratedStream> = fc.oneof({ weight: 8, arbitrary: yamlStream }, { weight: 1, arbitrary: jsonStream }).map(render);

// --- rendering -----------------------------------------------------------------------------------

const JSON_LITERAL = /^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|null)$/;

class Renderer {
  readonly features = new Set<string>();
  /** Writing a JSON stream: keys and strings quoted, no anchors or tags. */
  json = false;
  private anchors: Array<{ name: string; isMap: boolean }> = [];
  private count = 0;

  reset(): void {
    this.anchors = [];
  }

  /** A node written by `render` under a new anchor, which aliases may use once the node is written. */
  private withAnchor(isMap: boolean, render: (anchor: string) => string): string {
    const name = `a${++this.count}`;
    this.features.add("anchor");
    const text = render(name);
    this.anchors.push({ name, isMap });
    return text;
  }

  /** An anchor for a node already written: aliases may use it from now on. */
  private defineAnchor(isMap: boolean): string {
    return this.withAnchor(isMap, (name) => name);
  }

  private alias(pick: number, wantMap: boolean): string | undefined {
    const candidates = wantMap ? this.anchors.filter((a) => a.isMap) : this.anchors;
    if (candidates.length === 0) return undefined;
    this.features.add("alias");
    return `*${candidates[pick % candidates.length]!.name}`;
  }

  private keyText(key: Key, flow: boolean): string {
    if (this.json) return JSON.stringify(key.t === "odd" ? key.token.text : key.name);
    switch (key.t) {
      case "plain":
        return key.name;
      case "odd":
        this.features.add(key.token.feature);
        return key.token.text;
      case "explicit":
        if (flow) return key.name;
        this.features.add("explicit-key");
        return `? ${key.name}\n`;
    }
  }

  /** A node written on one line (flow context when `flow`). */
  inline(node: Node, flow: boolean, indent: number): string {
    switch (node.t) {
      case "scalar": {
        this.features.add(node.token.feature);
        if (this.json) return JSON_LITERAL.test(node.token.text) || node.token.text.startsWith('"') ? node.token.text : JSON.stringify(node.token.text);
        let text = node.token.text;
        if (flow && node.token.flow === false) this.features.add("odd-syntax");
        if (node.anchor) text = `&${this.defineAnchor(false)} ${text}`;
        return text;
      }
      case "multiline": {
        this.features.add("multiline-scalar");
        if (this.json) return JSON.stringify(node.words.join(" "));
        const pad = " ".repeat(indent + 1);
        const body = node.words.map((w) => (node.quote === "'" ? w.replaceAll("'", "''") : node.quote === '"' ? w.replaceAll('"', '\\"') : w)).join(`\n${pad}`);
        return `${node.quote}${body}${node.quote}`;
      }
      case "block":
        // A block scalar cannot be written inside a flow collection: write it quoted.
        return JSON.stringify(node.lines.join("\n"));
      case "alias":
        if (this.json) return '"x"';
        return this.alias(node.pick, false) ?? "x";
      case "odd":
        // In a JSON stream, raw text could land after the first object, where go-yaml's reader may
        // never look (see the deliberate differences in decoding/kubernetes-yaml.ts).
        if (this.json) return JSON.stringify(node.text);
        this.features.add(node.feature);
        return node.text.includes("\n") ? "odd" : node.text;
      case "map": {
        this.features.add(node.flow === "json" ? "json-style-flow" : "flow-mapping");
        const style = this.json ? "json" : (node.flow ?? "spaced");
        const entries = node.entries.flatMap((entry) => this.flowEntry(entry, style, indent));
        if (this.json) return this.flowJoin(entries, "{", "}", style);
        const anchor = node.anchor ? `&${this.defineAnchor(true)} ` : "";
        return `${anchor}${node.tag}${this.flowJoin(entries, "{", "}", style)}`;
      }
      case "seq": {
        this.features.add(node.flow === "json" ? "json-style-flow" : "flow-sequence");
        const items = node.items.map((item) => this.inline(item, true, indent));
        if (this.json) return this.flowJoin(items, "[", "]", "json");
        const anchor = node.anchor ? `&${this.defineAnchor(false)} ` : "";
        return `${anchor}${node.tag}${this.flowJoin(items, "[", "]", node.flow ?? "spaced")}`;
      }
    }
  }

  private flowJoin(items: string[], open: string, close: string, style: FlowStyle): string {
    if (style === "tight" || style === "json") return `${open}${items.join(",")}${close}`;
    if (style === "trailing-comma" && items.length > 0) return `${open}${items.join(", ")},${close}`;
    return `${open}${items.join(", ")}${close}`;
  }

  private flowEntry(entry: Entry, style: FlowStyle, indent: number): string[] {
    switch (entry.t) {
      case "comment":
        return [];
      case "bad-merge":
        this.features.add("merge-invalid");
        return [entry.text];
      case "merge": {
        const sources = this.mergeSources(entry, indent);
        return sources === undefined ? [] : [`${this.json ? '"<<"' : this.mergeKey(entry)}: ${sources}`];
      }
      case "pair": {
        let keyText = this.keyText(entry.key, true);
        if (style === "json" && entry.key.t === "plain" && !this.json) keyText = `"${keyText}"`;
        const separator = style === "tight" && entry.value.t === "scalar" && entry.key.t === "plain" ? ":" : ": ";
        if (separator === ":") this.features.add("odd-syntax");
        return [`${keyText}${separator}${this.inline(entry.value, true, indent)}`];
      }
    }
  }

  private mergeKey(entry: Extract<Entry, { t: "merge" }>): string {
    if (entry.spelling !== "<<") this.features.add("merge-tagged");
    return entry.spelling;
  }

  /** A merge's value written inline: a mapping, an alias, or a flow list of them. */
  private mergeSources(entry: Extract<Entry, { t: "merge" }>, indent: number): string | undefined {
    const written = entry.sources.flatMap((source) => {
      if (source.t === "alias") {
        const alias = this.alias(source.pick, true);
        if (alias) this.features.add("merge-alias");
        return alias ? [alias] : [];
      }
      this.features.add("merge-inline");
      return [this.inline({ ...(source.map as Extract<Node, { t: "map" }>), flow: (source.map as Extract<Node, { t: "map" }>).flow ?? "spaced" }, true, indent)];
    });
    if (written.length === 0) return undefined;
    if (entry.list !== "no" || written.length > 1) {
      this.features.add("merge-list");
      return `[${written.join(", ")}]`;
    }
    return written[0];
  }

  /** A block mapping's lines at `indent`. */
  blockMapping(node: Extract<Node, { t: "map" }>, indent: number): string {
    this.features.add("block-mapping");
    const pad = " ".repeat(indent);
    let out = "";
    const keysSeen = new Set<string>();
    let explicitBefore = false;
    let mergeBefore = false;
    for (const entry of node.entries) {
      switch (entry.t) {
        case "comment":
          this.features.add("comment");
          out += `${pad}# a comment: with yes and <<\n`;
          break;
        case "bad-merge":
          this.features.add("merge-invalid");
          out += `${pad}${entry.text}\n`;
          break;
        case "merge": {
          const written = this.blockMerge(entry, indent);
          if (written === undefined) break;
          out += written;
          if (explicitBefore) this.features.add("merge-after-explicit");
          mergeBefore = true;
          break;
        }
        case "pair": {
          const keyText = this.keyText(entry.key, false);
          if (keysSeen.has(keyText)) this.features.add("duplicate-key");
          keysSeen.add(keyText);
          if (mergeBefore) this.features.add("merge-before-explicit");
          explicitBefore = true;
          if (entry.key.t === "explicit") {
            out += `${pad}${keyText}${pad}:${this.blockValue(entry.value, indent)}`;
          } else {
            out += `${pad}${keyText}:${this.blockValue(entry.value, indent)}`;
          }
          break;
        }
      }
    }
    return out === "" ? `${pad}{}\n` : out;
  }

  private blockMerge(entry: Extract<Entry, { t: "merge" }>, indent: number): string | undefined {
    const pad = " ".repeat(indent);
    const single = entry.sources.length === 1 && entry.list === "no";
    const only = entry.sources[0]!;
    if (single && only.t === "inline" && entry.block && only.map.t === "map" && only.map.entries.length > 0) {
      this.features.add("merge-block");
      const mergedMap = { ...only.map, flow: undefined };
      if (mergedMap.entries.some((e) => e.t === "merge")) this.features.add("merge-nested");
      const write = (anchor: string) => `${pad}${this.mergeKey(entry)}:${anchor}\n${this.blockMapping({ ...mergedMap, anchor: false }, indent + 2)}`;
      return only.map.anchor ? this.withAnchor(true, (name) => write(` &${name}`)) : write("");
    }
    if (entry.list === "block" && entry.sources.length > 0) {
      const lines: string[] = [];
      for (const source of entry.sources) {
        if (source.t === "alias") {
          const alias = this.alias(source.pick, true);
          if (alias) {
            this.features.add("merge-alias");
            lines.push(`${pad}  - ${alias}\n`);
          }
        } else {
          this.features.add("merge-inline");
          lines.push(`${pad}  - ${this.inline({ ...(source.map as Extract<Node, { t: "map" }>), flow: "spaced" }, true, indent + 4)}\n`);
        }
      }
      if (lines.length === 0) return undefined;
      this.features.add("merge-list-block");
      return `${pad}${this.mergeKey(entry)}:\n${lines.join("")}`;
    }
    for (const source of entry.sources) {
      if (source.t === "inline" && source.map.t === "map" && source.map.entries.some((e) => e.t === "merge")) this.features.add("merge-nested");
    }
    const written = this.mergeSources(entry, indent);
    return written === undefined ? undefined : `${pad}${this.mergeKey(entry)}: ${written}\n`;
  }

  /** What follows `key:`: the value on the same line, or a newline and a nested block. */
  private blockValue(value: Node, indent: number): string {
    if (value.t === "map" && value.flow === undefined && value.entries.length > 0) {
      const tag = value.tag ? ` ${value.tag.trim()}` : "";
      const write = (anchor: string) => `${anchor}${tag}\n${this.blockMapping(value, indent + 2)}`;
      return value.anchor ? this.withAnchor(true, (name) => write(` &${name}`)) : write("");
    }
    if (value.t === "seq" && value.flow === undefined && value.items.length > 0) {
      const write = (anchor: string) => `${anchor}\n${this.blockSequence(value, value.items.length % 2 === 0 ? indent : indent + 2)}`;
      return value.anchor ? this.withAnchor(false, (name) => write(` &${name}`)) : write("");
    }
    if (value.t === "block") return ` ${this.blockScalar(value, indent + 2)}`;
    if (value.t === "odd" && value.text.includes("\n")) {
      this.features.add(value.feature);
      return `\n${value.text.split("\n").map((line) => `${" ".repeat(indent + 2)}${line}`).join("\n")}\n`;
    }
    if (value.t === "scalar" && value.token.text === "" && !value.anchor) {
      this.features.add(value.token.feature);
      return "\n";
    }
    const comment = value.t === "scalar" && value.comment ? " # note" : "";
    if (comment) this.features.add("comment");
    return ` ${this.inline(value, false, indent)}${comment}\n`;
  }

  private blockScalar(node: Extract<Node, { t: "block" }>, indent: number): string {
    this.features.add(node.header.startsWith("|") ? "block-literal" : "block-folded");
    if (/[+-]/.test(node.header)) this.features.add("block-chomping");
    if (/[0-9]/.test(node.header)) this.features.add("block-indent-indicator");
    const pad = " ".repeat(indent);
    return `${node.header}\n${node.lines.map((line) => (line === "" ? "\n" : `${pad}${line}\n`)).join("")}`;
  }

  blockSequence(node: Extract<Node, { t: "seq" }>, indent: number): string {
    this.features.add("block-sequence");
    const pad = " ".repeat(indent);
    let out = "";
    for (const item of node.items) {
      if (item.t === "map" && item.flow === undefined && item.entries.length > 0) {
        if (item.anchor) {
          out += this.withAnchor(true, (name) => `${pad}- &${name}\n${this.blockMapping(item, indent + 2)}`);
        } else {
          const body = this.blockMapping(item, indent + 2);
          out += `${pad}- ${body.slice(indent + 2)}`;
        }
      } else if (item.t === "seq" && item.flow === undefined && item.items.length > 0 && !item.anchor) {
        const body = this.blockSequence(item, indent + 2);
        out += `${pad}- ${body.slice(indent + 2)}`;
      } else if (item.t === "block") {
        out += `${pad}- ${this.blockScalar(item, indent + 2)}`;
      } else {
        out += `${pad}-${this.blockValue(item.t === "seq" || item.t === "map" ? { ...item, flow: item.flow ?? "spaced" } : item, indent)}`;
      }
    }
    return out;
  }

  document(root: Node): string {
    if (root.t === "map" && root.flow === undefined && root.entries.length > 0) return this.blockMapping(root, 0);
    if (root.t === "seq" && root.flow === undefined && root.items.length > 0) return this.blockSequence(root, 0);
    if (root.t === "odd") {
      this.features.add(root.feature);
      return `${root.text}\n`;
    }
    if (root.t === "block") return this.blockScalar(root, 1);
    return `${this.inline(root, false, 0)}\n`;
  }
}

function render(stream: Stream): GeneratedStream {
  const renderer = new Renderer();
  let text: string;
  if (stream.t === "json") {
    renderer.features.add("json-stream");
    renderer.json = true;
    text = stream.values.map((value) => renderer.inline(value, true, 0)).join(stream.separator);
    switch (stream.tail) {
      case "yaml":
        renderer.features.add("json-then-yaml");
        text += "\n---\nkind: Pod\nspec: {hostNetwork: on}\n";
        break;
      case "flow-yaml":
        renderer.features.add("json-then-yaml");
        text += "\nkind: Pod\n";
        break;
      case "garbage":
        text += "\nnot json\n";
        break;
      case "short":
        text += "x";
        break;
    }
  } else {
    const parts: string[] = [];
    stream.documents.forEach((doc, i) => {
      renderer.reset();
      if (i > 0 || doc.start !== "none") {
        const separator = { none: "---", plain: "---", comment: "--- # next", invalid: "--- x" }[doc.start];
        if (doc.start === "comment") renderer.features.add("separator-comment");
        if (doc.start === "invalid") renderer.features.add("separator-invalid");
        parts.push(`${separator}\n`);
      }
      parts.push(renderer.document(doc.root));
      if (doc.end !== "none") {
        renderer.features.add("document-end");
        parts.push(doc.end === "marker" ? "...\n" : "... ignored\nhidden: [\n");
      }
    });
    for (const extra of stream.extras) {
      renderer.features.add("empty-document");
      parts.push({ empty: "---\n", comments: "---\n# only a comment\n", null: "---\n~\n", scalar: "---\nplain text\n" }[extra]);
    }
    if (stream.documents.length + stream.extras.length > 1) renderer.features.add("multi-document");
    text = parts.join("");
    if (stream.crlf) {
      renderer.features.add("crlf");
      text = text.replaceAll("\n", "\r\n");
    }
    if (stream.bom) {
      renderer.features.add("bom");
      text = `\ufeff${text}`;
    }
  }
  if (/securityContext/.test(text)) renderer.features.add("security-context");
  return { text, features: renderer.features };
}
