/**
 * The node tree of the first YAML document in a text, as go.yaml.in/yaml/v2 v2.4.4 builds it
 * (decode.go, type parser): anchors are looked up when an alias is read, so an alias refers to the
 * latest node defined under that name before it (possibly one it is inside of, which decoding
 * refuses); an unknown anchor is an error. Built without recursion, so deep nesting cannot exhaust
 * the stack here.
 */
import { EventType, Parser } from "./yaml-parser";
import { ScalarStyle, YamlSyntaxError } from "./yaml-scanner";

export const enum NodeKind {
  Scalar,
  Sequence,
  Mapping,
  Alias,
}

export interface YamlNode {
  kind: NodeKind;
  /** Offset in the document's text where the node (its anchor or tag, if any) starts. */
  start: number;
  tag: string;
  /** A scalar's value, or the anchor name an alias refers to. */
  value: string;
  /** A scalar whose type is resolved from its text (plain and untagged, or tagged `!`). */
  implicit: boolean;
  style: ScalarStyle;
  /** A sequence's items, or a mapping's keys and values in turn. */
  children: YamlNode[];
  /** The node an alias refers to. */
  target: YamlNode | undefined;
}

function node(kind: NodeKind, start: number, tag: string, value = "", implicit = false, style = ScalarStyle.Plain): YamlNode {
  return { kind, start, tag, value, implicit, style, children: [], target: undefined };
}

/** The root node of the text's first document, or null when the text holds no document. */
export function composeFirstDocument(text: string): YamlNode | null {
  const parser = new Parser(text);
  parser.next(); // stream start
  const first = parser.next();
  if (first.type === EventType.StreamEnd) return null;
  const anchors = new Map<string, YamlNode>();
  const open: YamlNode[] = [];
  let root: YamlNode | undefined;
  while (root === undefined || open.length > 0) {
    const event = parser.next();
    let current: YamlNode;
    switch (event.type) {
      case EventType.Scalar:
        current = node(NodeKind.Scalar, event.start, event.tag, event.value, event.implicit, event.style);
        break;
      case EventType.Alias: {
        current = node(NodeKind.Alias, event.start, "", event.anchor);
        current.target = anchors.get(event.anchor);
        if (current.target === undefined) throw new YamlSyntaxError(`unknown anchor '${event.anchor}' referenced`, event.start);
        break;
      }
      case EventType.SequenceStart:
        current = node(NodeKind.Sequence, event.start, event.tag);
        break;
      case EventType.MappingStart:
        current = node(NodeKind.Mapping, event.start, event.tag);
        break;
      case EventType.SequenceEnd:
      case EventType.MappingEnd:
        open.pop();
        continue;
      default:
        throw new YamlSyntaxError("unexpected event inside a document", event.start);
    }
    if (event.anchor !== "" && event.type !== EventType.Alias) anchors.set(event.anchor, current);
    if (open.length > 0) open[open.length - 1]!.children.push(current);
    else root = current;
    if (current.kind === NodeKind.Sequence || current.kind === NodeKind.Mapping) open.push(current);
  }
  parser.next(); // document end: reading it may still meet an error in what follows the root
  return root;
}
