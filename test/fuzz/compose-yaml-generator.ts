/**
 * Generated Compose YAML texts for the decoding differential (test/fuzz/compose-yaml-differential.ts):
 * Compose-shaped documents (top-level `x-` anchors, `services` with the keys the rules read) written
 * in block and flow style, with what YAML readers disagree on: YAML 1.1-looking scalars (`yes`,
 * `on`, `010`, `0o17`, `1_000`, `2001-12-14`, `.inf`, `-0`), explicit tags (`!reset`, `!override`,
 * `!!str`, `!!int`, `!custom`, ...), anchors and aliases (also to an anchor not yet closed), merge
 * keys (an alias, a list of aliases, an inline mapping, an alias to a list, a scalar), duplicate
 * keys, keys that are not strings, and several documents in one file.
 */
import fc from "fast-check";

export type Style = "plain" | "single" | "double";

export type GeneratedNode =
  | { kind: "scalar"; text: string; style: Style; tag?: string; anchor?: string }
  | { kind: "mapping"; entries: Array<[GeneratedNode, GeneratedNode]>; flow: boolean; tag?: string; anchor?: string }
  | { kind: "sequence"; items: GeneratedNode[]; flow: boolean; tag?: string; anchor?: string }
  /**
   * An alias to an anchor written before it, one already closed unless `pick` is 11 (then also one
   * still open: an alias inside its own anchor); a plain scalar when there is none. A merge key's
   * alias is never to an open anchor: compose-go v2.16.2 does not finish on an anchor merged into
   * itself, which costs the oracle's patience (2 s) each time; the test of the property
   * (compose-yaml-differential.test.ts) writes a few such texts itself.
   */
  | { kind: "alias"; pick: number };

/** Scalars that YAML 1.1, YAML 1.2 and go-yaml v4 read differently, and Compose values. */
export const TRICKY_SCALARS = [
  "yes", "no", "on", "off", "y", "n", "Yes", "ON", "Off", "true", "True", "TRUE", "false", "FALSE", "tRue",
  "null", "~", "Null", "NULL", "", "010", "0o17", "0O17", "0x1F", "0X1f", "0b101", "08", "09.5", "0", "00", "-010",
  "1_000", "0x_1F", "1__2", "_1", "1_", "1e3", "1E-3", "1e999", "-1e999", ".5", ".5e3", ".", ".e3", "0.", "+.5", "1.",
  ".inf", "-.Inf", "+.INF", ".NaN", ".nan", ".iNf", "-0", "-0.0", "+0", "+5", "-5", "+", "-",
  "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616", "-9223372036854775809",
  "2001-12-14", "2001-12-14T21:59:43.10Z", "2001-12-14t21:59:43.123456789-05:00", "2001-12-14 21:59:43.10",
  "2001-12-14 21:59:43.10Z", "2001-12-14T21:59:43", "2002-2-30", "2000-2-29", "1900-02-29", "2001-1-2", "12:30", "1:2:3",
  "0:0", "1000:1000", "root", "ALL", "SYS_ADMIN", "CAP_NET_ADMIN", "host", "service:db", "container:x", "512m", "1g",
  "0.5", "1.50", "no-new-privileges", "no-new-privileges:true", "seccomp=unconfined", "apparmor:unconfined",
  "/var/run/docker.sock:/var/run/docker.sock", "./data:/data:ro", "~/.ssh:/root/.ssh", "/dev/sda", "net.ipv4.ip_forward=1",
  "${USER_ID:-1000}", "$HOME", "$${LITERAL}", "<<", "<<x", "a.b", "x y", "Yes please",
];

const KEYS = [
  "services", "web", "db", "image", "user", "cap_add", "cap_drop", "privileged", "read_only", "volumes", "devices",
  "security_opt", "network_mode", "sysctls", "mem_limit", "cpus", "x-base", "x-caps", "environment", "labels", "a",
  "b", "yes", "on", "a.b",
];
/** Keys go-yaml reads as no string (the loader refuses them). */
const NON_STRING_KEYS = ["1", "010", "null", "~", "true", "2001-12-14"];

const TAGS = ["!reset", "!override", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!custom", "!", "!!map", "!!seq", "!!binary", "!!merge"];

const styleArbitrary = fc.oneof({ weight: 6, arbitrary: fc.constant<Style>("plain") }, { weight: 1, arbitrary: fc.constant<Style>("single") }, { weight: 1, arbitrary: fc.constant<Style>("double") });
/** Undefined most of the time (weight 1 in `rarity`), otherwise one of `values`. */
function sometimes<T>(values: readonly T[], rarity: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: rarity, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...values) });
}

const tagArbitrary = sometimes(TAGS, 40);
const anchorArbitrary = sometimes(["a", "b", "base", "caps"], 4);
const collectionTagArbitrary = sometimes(["!reset", "!override", "!!str", "!custom"], 12);
const textArbitrary = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TRICKY_SCALARS) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/) });

const scalarArbitrary: fc.Arbitrary<GeneratedNode> = fc.record({
  kind: fc.constant("scalar" as const),
  text: textArbitrary,
  style: styleArbitrary,
  tag: tagArbitrary,
  anchor: anchorArbitrary,
});

const keyArbitrary: fc.Arbitrary<GeneratedNode> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ kind: fc.constant("scalar" as const), text: fc.constantFrom(...KEYS), style: styleArbitrary }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("scalar" as const), text: fc.constantFrom(...NON_STRING_KEYS), style: fc.constant<Style>("plain") }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("scalar" as const), text: fc.constantFrom(...KEYS), style: fc.constant<Style>("plain"), tag: fc.constantFrom("!!str", "!custom", "!!merge") }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("alias" as const), pick: fc.nat(11) }) },
);

const { node } = fc.letrec<{ node: GeneratedNode; mapping: GeneratedNode; sequence: GeneratedNode; merge: GeneratedNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 6, arbitrary: scalarArbitrary },
    { weight: 2, arbitrary: tie("mapping") },
    { weight: 2, arbitrary: tie("sequence") },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("alias" as const), pick: fc.nat(11) }) },
  ),
  mapping: fc.record({
    kind: fc.constant("mapping" as const),
    entries: fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.tuple(keyArbitrary, tie("node")) },
        { weight: 1, arbitrary: fc.tuple(fc.constant<GeneratedNode>({ kind: "scalar", text: "<<", style: "plain" }), tie("merge")) },
      ),
      { maxLength: 4 },
    ),
    flow: fc.boolean(),
    tag: collectionTagArbitrary,
    anchor: anchorArbitrary,
  }),
  sequence: fc.record({
    kind: fc.constant("sequence" as const),
    items: fc.array(tie("node"), { maxLength: 4 }),
    flow: fc.boolean(),
    tag: collectionTagArbitrary,
    anchor: anchorArbitrary,
  }),
  // What a merge key's value may be: mostly what Compose files write, sometimes what is refused.
  merge: fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("alias" as const), pick: fc.nat(10) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("sequence" as const), items: fc.array(fc.record({ kind: fc.constant("alias" as const), pick: fc.nat(10) }), { minLength: 1, maxLength: 3 }), flow: fc.boolean() }) },
    { weight: 1, arbitrary: tie("mapping") },
    { weight: 1, arbitrary: scalarArbitrary },
  ),
}));

/** A service: mostly the keys the rules read, with values from anywhere. */
const serviceArbitrary: fc.Arbitrary<GeneratedNode> = fc.record({
  kind: fc.constant("mapping" as const),
  entries: fc.array(fc.tuple(keyArbitrary, node), { maxLength: 5 }),
  flow: fc.boolean(),
  anchor: anchorArbitrary,
});

/** A Compose-shaped document: `x-` anchors first, then services, sometimes anything at all. */
const documentArbitrary: fc.Arbitrary<GeneratedNode> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.array(fc.tuple(fc.constantFrom("x-base", "x-caps", "x-other"), node), { maxLength: 2 }), fc.array(fc.tuple(fc.constantFrom("web", "db", "agent", "<<"), serviceArbitrary), { maxLength: 3 }), fc.array(fc.tuple(keyArbitrary, node), { maxLength: 1 }))
      .map(([extensions, services, others]): GeneratedNode => ({
        kind: "mapping",
        flow: false,
        entries: [
          ...extensions.map(([key, value]): [GeneratedNode, GeneratedNode] => [{ kind: "scalar", text: key, style: "plain" }, value]),
          [{ kind: "scalar", text: "services", style: "plain" }, { kind: "mapping", flow: false, entries: services.map(([key, value]): [GeneratedNode, GeneratedNode] => [{ kind: "scalar", text: key, style: "plain" }, value]) }],
          ...others,
        ],
      })),
  },
  { weight: 1, arbitrary: node },
);

export interface GeneratedYaml {
  documents: GeneratedNode[];
  /** `---` before the first document. */
  leadingMarker: boolean;
}

export const composeYamlArbitrary: fc.Arbitrary<GeneratedYaml> = fc.record({
  documents: fc.array(documentArbitrary, { minLength: 1, maxLength: 3 }),
  leadingMarker: fc.boolean(),
});

function quote(text: string, style: Style): string {
  if (style === "double") return JSON.stringify(text);
  if (style === "single") return `'${text.replaceAll("'", "''")}'`;
  return text;
}

/** Writes generated nodes as YAML text, resolving aliases to the anchors written before them. */
class Writer {
  /** Anchors written so far; those of collections still being written are open. */
  private readonly anchors: Array<{ name: string; open: boolean }> = [];

  private properties(generated: { tag?: string; anchor?: string }, open = false): string {
    const parts: string[] = [];
    if (generated.anchor !== undefined) {
      parts.push(`&${generated.anchor}`);
      this.anchors.push({ name: generated.anchor, open });
    }
    if (generated.tag !== undefined) parts.push(generated.tag);
    return parts.join(" ");
  }

  /** Closes the anchors opened since `count` anchors were written. */
  private close(count: number): void {
    for (const anchor of this.anchors.slice(count)) anchor.open = false;
  }

  private alias(pick: number): string {
    // An alias names the latest anchor of its name: an open one shadows a closed one written before.
    const latest = new Map(this.anchors.map((anchor) => [anchor.name, anchor]));
    const candidates = pick === 11 ? this.anchors : [...latest.values()].filter((anchor) => !anchor.open);
    return candidates.length === 0 ? "dangling" : `*${candidates[pick % candidates.length]!.name}`;
  }

  /** A node written inline (flow style, or a scalar). */
  inline(generated: GeneratedNode): string {
    if (generated.kind === "alias") return this.alias(generated.pick);
    if (generated.kind === "scalar") {
      const properties = this.properties(generated);
      const text = quote(generated.text, generated.style);
      return text === "" && properties !== "" ? properties : `${properties === "" ? "" : `${properties} `}${text}`;
    }
    const count = this.anchors.length;
    const properties = this.properties(generated, true);
    const prefix = properties === "" ? "" : `${properties} `;
    const body =
      generated.kind === "sequence"
        ? `[${generated.items.map((item) => this.inline(item)).join(", ")}]`
        : `{${generated.entries.map(([key, value]) => `${this.key(key)}: ${this.inline(value)}`).join(", ")}}`;
    this.close(count);
    return `${prefix}${body}`;
  }

  private key(generated: GeneratedNode): string {
    // An alias used as a key needs a space before the colon.
    return generated.kind === "alias" ? `${this.alias(generated.pick)} ` : this.inline(generated);
  }

  private isBlock(generated: GeneratedNode): boolean {
    return (generated.kind === "mapping" && !generated.flow && generated.entries.length > 0) || (generated.kind === "sequence" && !generated.flow && generated.items.length > 0);
  }

  /** A node in block context at `indent`: the text after `key:` or `-` (starting with a space or a newline). */
  private after(generated: GeneratedNode, indent: string): string {
    if (!this.isBlock(generated)) {
      const text = this.inline(generated);
      return text === "" ? "" : ` ${text}`;
    }
    const count = this.anchors.length;
    const properties = this.properties(generated as { tag?: string; anchor?: string }, true);
    const body = this.block(generated, indent);
    this.close(count);
    return `${properties === "" ? "" : ` ${properties}`}\n${body}`;
  }

  /** A block mapping or sequence, each line starting with `indent`. */
  block(generated: GeneratedNode, indent: string): string {
    if (generated.kind === "mapping") {
      return generated.entries.map(([key, value]) => `${indent}${this.key(key)}:${this.after(value, `${indent}  `)}`).join("\n");
    }
    if (generated.kind === "sequence") return generated.items.map((item) => `${indent}-${this.after(item, `${indent}  `)}`).join("\n");
    return `${indent}${this.inline(generated)}`;
  }

  document(generated: GeneratedNode): string {
    if (!this.isBlock(generated)) return this.inline(generated);
    const count = this.anchors.length;
    const properties = this.properties(generated as { tag?: string; anchor?: string }, true);
    const body = this.block(generated, "");
    this.close(count);
    return `${properties === "" ? "" : `${properties}\n`}${body}`;
  }
}

/** The YAML text of a generated file (each document has its own anchors). */
export function composeYamlText(generated: GeneratedYaml): string {
  const documents = generated.documents.map((document) => `${new Writer().document(document)}\n`);
  return `${generated.leadingMarker ? "---\n" : ""}${documents.join("---\n")}`;
}
