/**
 * A YAML node tree to the JSON value Kubernetes ends up with: go.yaml.in/yaml/v2 v2.4.4 decoding
 * into interface{} (decode.go: mapping, merge, alias, the excessive-aliasing guard), then
 * sigs.k8s.io/yaml v1.6.0 YAMLToJSON (keys to strings, json.Marshal) and the API machinery's
 * reading of that JSON (sigs.k8s.io/json: integers as int64, so a float -0 becomes 0).
 *
 * The mapping rules that matter for security:
 * - keys are applied in document order and a later key overwrites an earlier one;
 * - `<<` merges its mapping (or alias of one, or each of a list of them, last to first) INTO the
 *   mapping at that point: it overwrites keys set before it, and keys after it overwrite it;
 * - every overwrite is what YAMLToJSONStrict (the API server's strict field validation) refuses; it
 *   is reported as a warning.
 * Keys that collide once stringified (`1` and `"1"`), keys JSON cannot hold (null, above 2^63-1),
 * NaN and ±Inf values and nesting deeper than encoding/json's 10000 levels are errors, but only if
 * they are still in the value at the end (an overwritten one does not count), as in Kubernetes.
 */
import { jsonKey, keyIdentity } from "./json-keys";
import { NodeKind, type YamlNode } from "./yaml-compose";
import { goScalar, GoType, MERGE_TAG, type GoScalar } from "./yaml-scalars";
import { YamlSyntaxError } from "./yaml-scanner";
import { setOwnProperty } from "../rules/values";

export interface KeyOverwrite {
  /** Offset of the key (or of the `<<` that brought it) in the document's text. */
  offset: number;
  message: string;
}

export interface JsonFromYaml {
  value: unknown;
  overwrites: KeyOverwrite[];
}

/** encoding/json refuses JSON nested deeper than this (scanner maxNestingDepth). */
const MAX_JSON_DEPTH = 10000;

/** decode.go allowedAliasRatio: how much of the decoding may come from expanding aliases. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** A mapping being decoded: string keys go straight into the object, other keys wait beside it. */
class GoMap {
  readonly object: Record<string, unknown> = {};
  others: Map<string, { key: GoScalar; value: unknown; offset: number }> | undefined;
  /** Identities of the keys a merge set, for the wording of overwrite warnings. */
  merged: Set<string> | undefined;
}

interface Problem {
  holder: object;
  message: string;
  offset: number;
}

function describeKey(key: GoScalar): string {
  return key.type === GoType.String ? JSON.stringify(key.value) : String(key.value);
}

class YamlToJson {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<YamlNode>();
  private depth = 0;
  private tooDeep = false;
  private nonFinite = false;
  private nanKeys = 0;
  readonly overwrites: KeyOverwrite[] = [];
  readonly problems: Problem[] = [];
  /** The `<<` key whose merge is being applied to the current mapping, if any. */
  private mergeKey: YamlNode | undefined;

  /** decode.go unmarshal; `into` is the mapping a merge writes into. */
  decode(node: YamlNode, into?: GoMap): unknown {
    this.count(node);
    switch (node.kind) {
      case NodeKind.Alias:
        return this.alias(node, into);
      case NodeKind.Scalar:
        return this.scalarValue(node);
      case NodeKind.Sequence:
        return this.sequence(node);
      case NodeKind.Mapping:
        if (into) {
          this.pairs(node, into);
          return undefined;
        }
        return this.mapping(node);
    }
  }

  /** Every node decoded counts, those reached through an alias twice over (billion laughs guard). */
  count(node: { start: number }): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new YamlSyntaxError("document contains excessive aliasing", node.start);
    }
  }

  private alias(node: YamlNode, into?: GoMap): unknown {
    if (this.expanding.has(node)) throw new YamlSyntaxError(`anchor '${node.value}' value contains itself`, node.start);
    this.expanding.add(node);
    this.aliasDepth++;
    const value = this.decode(node.target!, into);
    this.aliasDepth--;
    this.expanding.delete(node);
    return value;
  }

  private scalar(node: YamlNode): GoScalar {
    return goScalar(node.tag, node.value, node.implicit, node.start);
  }

  private scalarValue(node: YamlNode): unknown {
    const { type, value } = this.scalar(node);
    switch (type) {
      case GoType.Int:
      case GoType.Uint:
        return Number(value);
      case GoType.Float: {
        const number = value as number;
        if (!Number.isFinite(number)) this.nonFinite = true;
        // json.Marshal writes -0 as "-0", which the API machinery reads back as the integer 0.
        return number === 0 ? 0 : number;
      }
      default:
        return value;
    }
  }

  private sequence(node: YamlNode): unknown[] {
    this.enter();
    const items = node.children.map((child) => this.decode(child));
    this.depth--;
    return items;
  }

  private mapping(node: YamlNode): Record<string, unknown> {
    this.enter();
    const map = new GoMap();
    const outerMerge = this.mergeKey;
    this.mergeKey = undefined;
    this.pairs(node, map);
    this.mergeKey = outerMerge;
    this.depth--;
    return this.finish(map);
  }

  private enter(): void {
    if (++this.depth > MAX_JSON_DEPTH) this.tooDeep = true;
  }

  /** decode.go mapping(): every pair in order, merges where they stand. */
  private pairs(node: YamlNode, map: GoMap): void {
    const children = node.children;
    for (let i = 0; i < children.length; i += 2) {
      const keyNode = children[i]!;
      const valueNode = children[i + 1]!;
      if (isMergeKey(keyNode)) {
        const outer = this.mergeKey;
        this.mergeKey ??= keyNode;
        this.merge(valueNode, map);
        this.mergeKey = outer;
        continue;
      }
      const key = this.key(keyNode);
      this.set(map, key, keyNode, this.decode(valueNode));
    }
  }

  /** A key as go-yaml decodes it into interface{} (counted like any node); a mapping or sequence cannot be one. */
  private key(node: YamlNode): GoScalar {
    this.count(node);
    if (node.kind === NodeKind.Scalar) return this.scalar(node);
    if (node.kind !== NodeKind.Alias) throw new YamlSyntaxError("invalid map key: a mapping or sequence cannot be a key", node.start);
    if (this.expanding.has(node)) throw new YamlSyntaxError(`anchor '${node.value}' value contains itself`, node.start);
    this.expanding.add(node);
    this.aliasDepth++;
    const key = this.key(node.target!);
    this.aliasDepth--;
    this.expanding.delete(node);
    return key;
  }

  /** decode.go merge(): a mapping, an alias of one, or a sequence of those applied last to first. */
  private merge(node: YamlNode, map: GoMap): void {
    const isMapping = (n: YamlNode) => n.kind === NodeKind.Mapping || (n.kind === NodeKind.Alias && n.target!.kind === NodeKind.Mapping);
    const refuse = () => new YamlSyntaxError("map merge requires map or sequence of maps as the value", node.start);
    if (node.kind === NodeKind.Sequence) {
      for (let i = node.children.length - 1; i >= 0; i--) {
        const item = node.children[i]!;
        if (!isMapping(item)) throw refuse();
        this.decode(item, map);
      }
    } else if (isMapping(node)) {
      this.decode(node, map);
    } else {
      throw refuse();
    }
  }

  private set(map: GoMap, key: GoScalar, keyNode: YamlNode, value: unknown): void {
    const merging = this.mergeKey;
    let existed: boolean;
    let identity: string | undefined;
    if (key.type === GoType.String) {
      const name = key.value as string;
      existed = Object.hasOwn(map.object, name);
      setOwnProperty(map.object, name, value);
    } else {
      identity = keyIdentity(key, () => ++this.nanKeys);
      map.others ??= new Map();
      existed = map.others.has(identity);
      // Go stores the key written last (it matters for -0.0 against 0.0).
      map.others.set(identity, { key, value, offset: keyNode.start });
    }
    // Which keys merges set only matters for the wording of overwrite warnings.
    if (merging || (existed && map.merged)) identity ??= keyIdentity(key, () => ++this.nanKeys);
    if (existed) this.overwrite(map, identity, key, keyNode, merging);
    if (merging) (map.merged ??= new Set()).add(identity!);
    else if (map.merged && identity !== undefined) map.merged.delete(identity);
  }

  private overwrite(map: GoMap, identity: string | undefined, key: GoScalar, keyNode: YamlNode, merging: YamlNode | undefined): void {
    const name = describeKey(key);
    let message: string;
    if (merging) {
      message = `the merge "<<" sets key ${name} again, over the value set before it in this mapping: Kubernetes keeps the merged value (for a list of merges, the first one listed)`;
    } else if (identity !== undefined && map.merged?.has(identity)) {
      message = `key ${name} overrides the value a merge "<<" set before it in this mapping: Kubernetes keeps this one`;
    } else {
      message = `duplicate key ${name}: Kubernetes keeps the last one (this one)`;
    }
    this.overwrites.push({ offset: (merging ?? keyNode).start, message });
  }

  /** sigs.k8s.io/yaml's key conversion for the keys that are not strings. */
  private finish(map: GoMap): Record<string, unknown> {
    const object = map.object;
    if (!map.others) return object;
    const converted = new Map<string, GoScalar>();
    for (const { key, value, offset } of map.others.values()) {
      const name = jsonKey(key);
      if (name === undefined) {
        const kind = key.type === GoType.Null ? "null" : "an integer above 2^63-1";
        this.problems.push({ holder: object, offset, message: `a key that is ${kind} has no JSON form; Kubernetes refuses the document (unsupported map key)` });
        continue;
      }
      const other = Object.hasOwn(object, name) ? ({ type: GoType.String, value: name } as GoScalar) : converted.get(name);
      if (other) {
        this.problems.push({
          holder: object,
          offset,
          message: `keys ${describeKey(other)} and ${describeKey(key)} both become the JSON key ${JSON.stringify(name)}; Kubernetes keeps one of them at random`,
        });
        continue;
      }
      converted.set(name, key);
      setOwnProperty(object, name, value);
    }
    return object;
  }

  /** Errors that depend on what is left in the final value. */
  check(value: unknown, rootOffset: number): void {
    if (this.problems.length === 0 && !this.nonFinite && !this.tooDeep) return;
    const holders = new Map(this.problems.map((p) => [p.holder, p]));
    const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
    while (stack.length > 0) {
      const { value: current, depth } = stack.pop()!;
      if (typeof current === "number" && !Number.isFinite(current)) {
        throw new YamlSyntaxError(`json: unsupported value: ${current}: JSON has no NaN or infinity`, rootOffset);
      }
      if (typeof current !== "object" || current === null) continue;
      if (depth + 1 > MAX_JSON_DEPTH) throw new YamlSyntaxError(`nested deeper than ${MAX_JSON_DEPTH} levels, which encoding/json refuses`, rootOffset);
      const problem = holders.get(current);
      if (problem) throw new YamlSyntaxError(problem.message, problem.offset);
      for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: child, depth: depth + 1 });
    }
  }
}

/** go-yaml's isMerge: the plain `<<` key, or `<<` tagged !!merge. */
export function isMergeKey(node: YamlNode): boolean {
  return node.kind === NodeKind.Scalar && node.value === "<<" && (node.implicit || node.tag === MERGE_TAG);
}

/** The JSON value of a document's root node, and the key overwrites along the way. */
export function yamlToJson(root: YamlNode): JsonFromYaml {
  const decoder = new YamlToJson();
  decoder.count(root); // go-yaml counts the document node before its root
  const result = decoder.decode(root);
  decoder.check(result, root.start);
  return { value: result, overwrites: decoder.overwrites };
}
