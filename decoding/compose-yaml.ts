/**
 * Compose YAML decoded as compose-go decodes it, so that the checker judges the document Compose
 * runs. compose-go v2.16.2 (loader/loader.go loadYamlFile) reads a file with go.yaml.in/yaml/v4's
 * Decoder, one document after the other, and passes each document's node tree through
 * loader.ResetProcessor (loader/reset.go) before decoding it into an `interface{}`:
 *
 * - scalars are typed by go-yaml v4's resolver (decoding/go-yaml-v4-scalars.ts): `yes`/`on` are
 *   strings, `010` is 8, `0o17` 15, `2001-12-14` a timestamp;
 * - the ResetProcessor refuses a key written twice in a mapping (compared as written, so `1` and
 *   `"1"` clash), drops every value tagged `!reset` (from mappings and sequences alike), keeps one
 *   tagged `!override` (a scalar so tagged is a string: its tag is unknown to go-yaml), follows
 *   aliases once per anchor, refuses an anchor that contains itself, and records the path of each
 *   tagged value (`<<` left out of it): what is recorded is removed from the files merged before,
 *   so `!reset` removes the key and `!override` replaces instead of merging;
 * - merge keys (`<<: *base`, `<<: [*a, *b]`, an alias to a sequence of mappings too) are merged
 *   with the mapping's own keys first, then each source in order, the first writer winning; two
 *   `<<` keys in one mapping are a duplicate key;
 * - a mapping key that is not a string (`1:`, `true:`, `null:`) is refused (the loader's
 *   convertToStringKeysRecursive), as is a document that is not a mapping; a file with no document
 *   has none.
 *
 * `value` is that document; `marked` is the same with the tagged paths marked the way
 * checker/compose-merge.ts merges them (a `!reset` key holds COMPOSE_RESET, an `!override` value is
 * wrapped as `{ [COMPOSE_OVERRIDE]: value }`), for the merges of extends and override files.
 * compose-go refuses a whole file when any of its documents cannot be decoded; so `errors` is
 * non-empty exactly when compose-go refuses the file (`documents` then holds those before it).
 * The syntax is read by the `yaml` package; go-yaml's limits on alias expansion (more than 100
 * aliases in over 1,000 nodes) are not reproduced.
 */
import type * as Yaml from "yaml";
import { BINARY, MERGE, resolveScalar, shortTag, STR, YAML11_BOOLEANS, type GoScalar } from "./go-yaml-v4-scalars";
import { base64Bytes, goString } from "./go-bytes";
import { setOwnProperty } from "../rules/values";

let yamlModule: typeof Yaml | undefined;

/**
 * The yaml package, loaded with the first Compose file: loading it is a third of the checker's
 * start-up, which a run over Kubernetes manifests alone (decoded by kubernetes-yaml.ts) can skip.
 */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require("yaml") as typeof Yaml);
}

/** The marker of a key whose value was tagged `!reset` (checker/compose-merge.ts removes it). */
export const COMPOSE_RESET = "\u0000compose:reset";
/** The key of the wrapper of a value tagged `!override` (checker/compose-merge.ts replaces with it). */
export const COMPOSE_OVERRIDE = "\u0000compose:override";

export type ComposeValue = GoScalar | ComposeValue[] | { [key: string]: ComposeValue };

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface Diagnostic extends Position {
  message: string;
}

export interface ComposeYamlDocument {
  value: { [key: string]: ComposeValue };
  marked: { [key: string]: ComposeValue };
  /** The paths compose-go's ResetProcessor records, as it writes them (`services.web.cap_drop`). */
  tagged: string[];
  /** Values that do not read as a reader of YAML 1.1 may expect (`yes` is a string, `010` is 8). */
  warnings: Diagnostic[];
  /** Where the value at `path` is written, or its nearest parent that is. */
  locate(path: ReadonlyArray<string | number>): Position | undefined;
}

export interface DecodedComposeYaml {
  documents: ComposeYamlDocument[];
  errors: Diagnostic[];
}

/** go-yaml's node: what the ResetProcessor and the constructor see. */
interface GoNode {
  kind: "scalar" | "mapping" | "sequence" | "alias";
  /** The explicit tag in short form, "" when none. */
  tag: string;
  /** A scalar's text; an alias's anchor name. */
  text: string;
  quoted: boolean;
  /** A mapping's keys and values alternating; a sequence's items. */
  content: GoNode[];
  target?: GoNode;
  position: Position;
}

class DecodeError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
  }
}

const GHOST = "\u{1F47B}";

/** compose-go tree.Path.Next: a dot inside a key is kept apart from the separators. */
function next(path: string, part: string): string {
  return path === "" ? part : `${path}.${part.replaceAll(".", GHOST)}`;
}

/** The `yaml` package's parse tree as go-yaml's nodes (anchors resolved to the latest definition). */
class Composer {
  private readonly anchors = new Map<string, GoNode>();

  constructor(private readonly lines: Yaml.LineCounter) {}

  private position(offset: number | undefined): Position {
    const { line, col } = this.lines.linePos(offset ?? 0);
    return { line, column: col };
  }

  node(node: unknown, fallbackOffset: number): GoNode {
    if (node === null || node === undefined) return { kind: "scalar", tag: "", text: "", quoted: false, content: [], position: this.position(fallbackOffset) };
    if (yaml().isAlias(node)) return this.alias(node);
    const yamlNode = node as Yaml.Node;
    const tag = yamlNode.tag === undefined ? "" : shortTag(yamlNode.tag);
    const position = this.position(yamlNode.range?.[0] ?? fallbackOffset);
    if (yaml().isScalar(node)) {
      // A scalar tagged !!merge has a symbol for value: its text is its source.
      const text = typeof node.value === "string" ? node.value : String(node.source);
      const out: GoNode = { kind: "scalar", tag, text, quoted: node.type !== yaml().Scalar.PLAIN, content: [], position };
      this.anchor(node.anchor, out);
      return out;
    }
    const out: GoNode = { kind: yaml().isMap(node) ? "mapping" : "sequence", tag, text: "", quoted: false, content: [], position };
    // Registered before the content, as libyaml's composer does: an alias inside refers to it.
    this.anchor(yamlNode.anchor, out);
    if (yaml().isMap(node)) {
      for (const pair of node.items) this.pair(pair, out.content, position);
    } else if (yaml().isSeq(node)) {
      for (const item of node.items) {
        if (yaml().isPair(item)) {
          const single: GoNode = { kind: "mapping", tag: "", text: "", quoted: false, content: [], position };
          this.pair(item, single.content, position);
          out.content.push(single);
        } else out.content.push(this.node(item, yamlNode.range?.[0] ?? fallbackOffset));
      }
    }
    return out;
  }

  private pair(pair: { key: unknown; value: unknown }, content: GoNode[], parent: Position): void {
    const keyOffset = (pair.key as Yaml.Node | null)?.range?.[0];
    const key = this.node(pair.key, keyOffset ?? 0);
    if (pair.key === null) key.position = parent;
    const value = this.node(pair.value, (pair.key as Yaml.Node | null)?.range?.[1] ?? keyOffset ?? 0);
    content.push(key, value);
  }

  private alias(node: Yaml.Alias): GoNode {
    const target = this.anchors.get(node.source);
    const position = this.position(node.range?.[0]);
    if (!target) throw new DecodeError(`unknown anchor '${node.source}' referenced`, position);
    return { kind: "alias", tag: "", text: node.source, quoted: false, content: [], target, position };
  }

  private anchor(name: string | undefined, node: GoNode): void {
    if (name !== undefined) this.anchors.set(name, node);
  }
}

/** go-yaml's Node.ShortTag after resolution. */
function shortTagOf(node: GoNode): string {
  if (node.kind === "alias") return shortTagOf(node.target!);
  if (node.kind === "scalar") {
    if (node.tag === STR || ((node.tag === "" || node.tag === "!") && node.quoted)) return STR;
    if (node.tag === "!") return STR;
    if (node.tag !== "") return node.tag;
    const resolved = resolveScalar(node.text, "", false);
    return "tag" in resolved ? resolved.tag : STR;
  }
  if (node.tag !== "" && node.tag !== "!") return node.tag;
  return node.kind === "mapping" ? "!!map" : "!!seq";
}

const isMergeKey = (node: GoNode) => node.kind === "scalar" && (node.tag === MERGE || (node.tag === "" && node.text === "<<" && !node.quoted));

const MAX_NODE_VISITS = 100_000;

/**
 * loader.ResetProcessor's pass over a document's nodes: duplicate keys refused, `!reset` values
 * removed, tagged paths recorded, each container visited once (later visits replay what it
 * recorded), an alias under a merge key replaced by its target.
 */
class ResetPass {
  readonly tagged: string[] = [];
  private readonly done = new Map<GoNode, string[]>();
  private readonly inProgress = new Set<GoNode>();
  private readonly aliasPaths = new Map<GoNode, string[]>();
  private visits = 0;

  resolve(node: GoNode, written: string): GoNode | undefined {
    if (++this.visits > MAX_NODE_VISITS) throw new DecodeError(`compose file exceeds maximum node visit limit (${MAX_NODE_VISITS})`, node.position);
    let path = written;
    const shown = written.replaceAll(GHOST, ".");
    if (shown.includes(".<<")) path = shown.replace(".<<", "");
    const tagged = node.kind === "alias" ? node.target! : node;
    if (node.kind === "alias") this.checkCycle(node, path);
    if (tagged.tag === "!reset") {
      this.tagged.push(path);
      return undefined;
    }
    if (tagged.tag === "!override") {
      // Recorded, and not looked into: a !reset inside stays, and is a string.
      this.tagged.push(path);
      return tagged;
    }
    if (tagged.kind === "scalar") return tagged;
    return this.container(tagged, path);
  }

  private checkCycle(alias: GoNode, path: string): void {
    const seen = this.aliasPaths.get(alias.target!) ?? [];
    for (const previous of seen) {
      if (previous === path || previous.includes("<<") || path.includes("<<")) continue;
      if ((path.startsWith(`${previous}.`) || previous.startsWith(`${path}.`)) && !inDifferentServices(path, previous)) {
        throw new DecodeError(`cycle detected: node at path ${path.replaceAll(GHOST, ".")} references node at path ${previous.replaceAll(GHOST, ".")}`, alias.position);
      }
    }
    this.aliasPaths.set(alias.target!, [...seen, path]);
  }

  private container(node: GoNode, path: string): GoNode {
    const replay = this.done.get(node);
    if (replay) {
      for (const relative of replay) this.tagged.push(relative === "" ? path : path === "" ? relative : `${path}.${relative}`);
      return node;
    }
    if (this.inProgress.has(node)) throw new DecodeError(`cycle detected: an anchor contains an alias to itself at ${path.replaceAll(GHOST, ".")}`, node.position);
    this.inProgress.add(node);
    const start = this.tagged.length;
    const kept: GoNode[] = [];
    if (node.kind === "sequence") {
      node.content.forEach((item, index) => {
        const resolved = this.resolve(item, next(path, String(index)));
        if (resolved) kept.push(item.kind === "alias" ? item : resolved);
      });
    } else {
      const lines = new Map<string, number>();
      for (let i = 0; i < node.content.length; i += 2) {
        const key = node.content[i]!;
        const value = node.content[i + 1]!;
        const seen = lines.get(key.text);
        if (seen !== undefined) throw new DecodeError(`mapping key ${JSON.stringify(key.text)} already defined at line ${seen}`, key.position);
        lines.set(key.text, key.position.line);
        const resolved = this.resolve(value, next(path, key.text));
        if (!resolved) continue;
        kept.push(key, value.kind === "alias" && key.text !== "<<" ? value : resolved);
      }
    }
    node.content = kept;
    this.inProgress.delete(node);
    this.done.set(
      node,
      this.tagged.slice(start).map((added) => (added === path ? "" : path === "" ? added : added.slice(path.length + 1))),
    );
    return node;
  }
}

function inDifferentServices(a: string, b: string): boolean {
  const left = a.split(".");
  const right = b.split(".");
  for (let i = 0; i < left.length && i < right.length; i++) {
    if (left[i] === "services" && i + 1 < left.length && right[i] === "services" && i + 1 < right.length) return left[i + 1] !== right[i + 1];
  }
  return false;
}

const ABSENT = Symbol("absent");
type Built = ComposeValue | typeof ABSENT;

/** go-yaml's constructor into `interface{}`, then the loader's string-key check. */
class Constructor {
  private readonly expanding = new Set<GoNode>();
  private readonly constructing = new Set<GoNode>();
  readonly positions = new Map<string, Position>();
  readonly warnings: Diagnostic[] = [];

  /** `path` is where the value is, for `locate`; null for a key's value, which is not a value's place. */
  build(node: GoNode, path: ReadonlyArray<string | number> | null): Built {
    if (path) this.positions.set(JSON.stringify(path), node.position);
    if (node.kind === "alias") {
      const target = node.target!;
      if (this.expanding.has(target)) throw new DecodeError(`anchor '${node.text}' value contains itself`, node.position);
      this.expanding.add(target);
      const value = this.build(target, path);
      this.expanding.delete(target);
      if (path) this.positions.set(JSON.stringify(path), node.position);
      return value;
    }
    if (node.kind === "scalar") return this.scalar(node);
    // A collection inside itself (through a merge key in an `!override` value, which the
    // ResetProcessor does not look into) never ends: go-yaml gives up on excessive aliasing.
    if (this.constructing.has(node)) throw new DecodeError("document contains excessive aliasing: a value contains itself", node.position);
    this.constructing.add(node);
    try {
      return node.kind === "sequence" ? this.sequence(node, path) : this.mapping(node, path);
    } finally {
      this.constructing.delete(node);
    }
  }

  private sequence(node: GoNode, path: ReadonlyArray<string | number> | null): ComposeValue[] {
    const out: ComposeValue[] = [];
    for (const item of node.content) {
      const value = this.build(item, path && [...path, out.length]);
      if (value !== ABSENT) out.push(value);
    }
    return out;
  }

  private scalar(node: GoNode): Built {
    const resolved = resolveScalar(node.text, node.tag, node.quoted);
    if ("error" in resolved) throw new DecodeError(resolved.error, node.position);
    if (resolved.tag === MERGE) return ABSENT;
    if (resolved.tag === BINARY) return decodeBase64(node);
    if (node.tag === "" && !node.quoted) {
      if (YAML11_BOOLEANS.has(node.text)) this.warn(node, `${node.text} is the string "${node.text}" for Compose (YAML 1.2), not a boolean`);
      else if (/^[-+]?0[0-7_]+$/.test(node.text) && typeof resolved.value === "number") this.warn(node, `${node.text} is the octal number ${resolved.value} for Compose`);
    }
    if (node.tag === "!override") this.warn(node, `a scalar tagged !override is the string ${JSON.stringify(node.text)} for Compose`);
    return resolved.value;
  }

  private warn(node: GoNode, message: string): void {
    this.warnings.push({ message, ...node.position });
  }

  /** go-yaml's effectiveMapping: the mapping's own entries, then those its merge keys bring. */
  private effective(node: GoNode, stringKeys: boolean): Array<[GoNode, GoNode]> {
    if (node.kind === "alias") {
      const target = node.target!;
      if (target.kind !== "mapping") throw new DecodeError("map merge requires map or sequence of maps as the value", node.position);
      if (this.expanding.has(target)) throw new DecodeError("merge-key: cyclic merge alias", node.position);
      this.expanding.add(target);
      const entries = this.effective(target, stringKeys);
      this.expanding.delete(target);
      return entries;
    }
    if (node.kind !== "mapping") throw new DecodeError("map merge requires map or sequence of maps as the value", node.position);
    const own: Array<[GoNode, GoNode]> = [];
    const directives: GoNode[] = [];
    for (let i = 0; i < node.content.length; i += 2) {
      const key = node.content[i]!;
      for (let j = 0; j < i; j += 2) {
        const earlier = node.content[j]!;
        if (earlier.kind === key.kind && earlier.text === key.text) throw new DecodeError(`mapping key ${JSON.stringify(key.text)} already defined at line ${earlier.position.line}`, key.position);
      }
      if (isMergeKey(key)) directives.push(node.content[i + 1]!);
      else own.push([key, node.content[i + 1]!]);
    }
    const directive = directives.at(-1);
    if (directive === undefined) return own;
    const candidates = directive.kind === "sequence" ? directive.content : [directive];
    const groups = [own, ...candidates.map((candidate) => this.effective(candidate, stringKeys))];
    const owners = new Map<string, number>();
    const keyed = groups.map((entries, group) =>
      entries.flatMap(([key, value]): Array<[string, GoNode, GoNode]> => {
        const found = this.key(key, stringKeys);
        if (found === undefined) return [];
        const name = typeof found === "string" ? found : `\u0000${found.refused}`;
        if (!owners.has(name)) owners.set(name, group);
        return [[name, key, value]];
      }),
    );
    return keyed.flatMap((entries, group) => entries.filter(([name]) => owners.get(name) === group).map(([, key, value]): [GoNode, GoNode] => [key, value]));
  }

  /**
   * A key as go-yaml constructs it. Into a string-keyed mapping (every key of the mapping itself a
   * string or `<<`) any scalar key becomes its text (`1` is "1"), and a null key's entry is
   * skipped (undefined); otherwise a key that is no string is kept as `refused`, which the loader
   * refuses once the entry is kept.
   */
  private key(node: GoNode, asString: boolean): string | { refused: string } | undefined {
    const scalar = node.kind === "alias" ? node.target! : node;
    if (asString && scalar.kind === "scalar") {
      if (shortTagOf(scalar) === "!!null") return undefined;
      const value = this.build(scalar, null);
      return typeof value === "string" ? value : scalar.text;
    }
    const value = this.build(node, null);
    if (typeof value === "string") return value;
    if (value !== null && typeof value === "object" && !(value instanceof Date)) throw new DecodeError(`cannot use ${JSON.stringify(value)} as a map key`, node.position);
    return { refused: value instanceof Date ? scalar.text : String(value) };
  }

  private mapping(node: GoNode, path: ReadonlyArray<string | number> | null): Built {
    const stringKeys = node.content.every((child, i) => i % 2 === 1 || [STR, MERGE].includes(shortTagOf(child)));
    const out: { [key: string]: ComposeValue } = {};
    for (const [keyNode, valueNode] of this.effective(node, stringKeys)) {
      const key = this.key(keyNode, stringKeys);
      if (key === undefined) continue;
      const value = this.build(valueNode, path && [...path, typeof key === "string" ? key : key.refused]);
      // A value tagged !!merge is not constructed: go-yaml leaves its key out.
      if (value === ABSENT) continue;
      if (typeof key !== "string") throw new DecodeError(`non-string key: ${key.refused}`, keyNode.position);
      setOwnProperty(out, key, value);
    }
    return out;
  }
}

function decodeBase64(node: GoNode): string {
  const text = node.text.replace(/[\r\n]/g, "");
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new DecodeError("!!binary value contains invalid base64 data", node.position);
  return goString(base64Bytes(text)).text;
}


type Tree = { [key: string]: ComposeValue };
const isTree = (value: unknown): value is Tree => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * `value` with the markers checker/compose-merge.ts understands at the tagged paths: what compose-go
 * removes from the earlier files is, here, a key the merge resets (absent now: it was `!reset`) or
 * replaces (present: `!override`). Paths into sequences are never applied by compose-go.
 */
function marked(value: Tree, tagged: string[]): Tree {
  // Copied only along the tagged paths: the rest is never written, and may stay shared with `value`.
  const out = { ...value };
  const copies = new Set<Tree>([out]);
  const wrapped: string[][] = [];
  const paths = tagged.map((path) => path.split(".").map((part) => part.replaceAll(GHOST, "."))).sort((a, b) => a.length - b.length);
  for (const parts of paths) {
    if (wrapped.some((prefix) => prefix.every((part, i) => parts[i] === part))) continue;
    let parent: Tree = out;
    let reachable = true;
    for (const part of parts.slice(0, -1)) {
      let child = parent[part];
      if (!isTree(child)) {
        reachable = false;
        break;
      }
      if (!copies.has(child)) {
        child = { ...child };
        setOwnProperty(parent, part, child);
        copies.add(child);
      }
      parent = child;
    }
    const last = parts.at(-1)!;
    if (!reachable) continue;
    if (last in parent) {
      setOwnProperty(parent, last, { [COMPOSE_OVERRIDE]: parent[last]! });
      wrapped.push(parts);
    } else setOwnProperty(parent, last, COMPOSE_RESET);
  }
  return out;
}

function locator(positions: Map<string, Position>): (path: ReadonlyArray<string | number>) => Position | undefined {
  return (path) => {
    for (let length = path.length; length >= 0; length--) {
      const found = positions.get(JSON.stringify(path.slice(0, length)));
      if (found) return found;
    }
    return undefined;
  };
}

/** Every document of a Compose file's text, decoded as compose-go decodes it (see the header). */
export function decodeComposeYaml(text: string): DecodedComposeYaml {
  const lines = new (yaml().LineCounter)();
  const parsed = yaml().parseAllDocuments(text, { schema: "failsafe", resolveKnownTags: false, merge: false, uniqueKeys: false, version: "1.2", lineCounter: lines, strict: false });
  const out: DecodedComposeYaml = { documents: [], errors: [] };
  if (!Array.isArray(parsed)) return out;
  const composer = new Composer(lines);
  for (const document of parsed) {
    const syntax = document.errors[0];
    if (syntax) {
      const [start] = syntax.linePos ?? [{ line: 1, col: 1 }];
      out.errors.push({ message: syntax.message.split("\n")[0]!, line: start.line, column: start.col });
      return out;
    }
    try {
      const root = composer.node(document.contents, document.range[0]);
      const pass = new ResetPass();
      const resolved = pass.resolve(root, "");
      const constructor = new Constructor();
      const value = resolved === undefined ? null : constructor.build(resolved, []);
      if (!isTree(value)) throw new DecodeError("top-level object must be a mapping", root.position);
      out.documents.push({ value, marked: marked(value, pass.tagged), tagged: pass.tagged, warnings: constructor.warnings, locate: locator(constructor.positions) });
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      out.errors.push({ message: error.message, ...error.position });
      return out;
    }
  }
  return out;
}
