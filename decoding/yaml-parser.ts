/**
 * The event parser of go.yaml.in/yaml/v2 v2.4.4 (parserc.go, its port of libyaml's state machine),
 * written anew over yaml-scanner.ts: it turns tokens into events (document start and end,
 * collection start and end, scalars, aliases) with the same states, the same empty scalars where a
 * node is missing, the same tag resolution and the same errors.
 *
 * go-yaml only ever reads the first document of what it is given (kubectl cuts the stream into
 * documents before), so the parser is driven until that document's end event and no further: what
 * follows an explicit `...`, a directive line or a complete flow collection at the top is never
 * read. %TAG directives therefore never apply; only the `!` and `!!` handles exist.
 */
import { ScalarStyle, Scanner, TokenType, YamlSyntaxError, type Token } from "./yaml-scanner";

export const enum EventType {
  StreamStart,
  StreamEnd,
  DocumentStart,
  DocumentEnd,
  Alias,
  Scalar,
  SequenceStart,
  SequenceEnd,
  MappingStart,
  MappingEnd,
}

export interface YamlEvent {
  type: EventType;
  /** Offset where the node (its anchor or tag, if any) starts. */
  start: number;
  /** Anchor defined on the node, or the name an alias refers to; "" for none. */
  anchor: string;
  /** The resolved tag (`tag:yaml.org,2002:int`, `!local`, `!`); "" for none. */
  tag: string;
  value: string;
  /** A scalar whose type is resolved from its text: plain and untagged, or tagged `!`. */
  implicit: boolean;
  style: ScalarStyle;
}

const enum State {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

/** The tag handles in force: go-yaml's defaults (kubectl's documents can carry no %TAG). */
const TAG_HANDLES = new Map([
  ["!", "!"],
  ["!!", "tag:yaml.org,2002:"],
]);

export class Parser {
  private readonly scanner: Scanner;
  private state = State.StreamStart;
  private readonly states: State[] = [];

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  /** The next event (the same object each time, with new contents). */
  next(): YamlEvent {
    switch (this.state) {
      case State.StreamStart:
        return this.streamStart();
      case State.ImplicitDocumentStart:
        return this.documentStart(true);
      case State.DocumentStart:
        return this.documentStart(false);
      case State.DocumentContent:
        return this.documentContent();
      case State.DocumentEnd:
        return this.documentEnd();
      case State.BlockNode:
        return this.node(true, false);
      case State.BlockNodeOrIndentlessSequence:
        return this.node(true, true);
      case State.FlowNode:
        return this.node(false, false);
      case State.BlockSequenceFirstEntry:
        return this.blockSequenceEntry(true);
      case State.BlockSequenceEntry:
        return this.blockSequenceEntry(false);
      case State.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry();
      case State.BlockMappingFirstKey:
        return this.blockMappingKey(true);
      case State.BlockMappingKey:
        return this.blockMappingKey(false);
      case State.BlockMappingValue:
        return this.blockMappingValue();
      case State.FlowSequenceFirstEntry:
        return this.flowSequenceEntry(true);
      case State.FlowSequenceEntry:
        return this.flowSequenceEntry(false);
      case State.FlowSequenceEntryMappingKey:
        return this.flowSequenceEntryMappingKey();
      case State.FlowSequenceEntryMappingValue:
        return this.flowSequenceEntryMappingValue();
      case State.FlowSequenceEntryMappingEnd:
        return this.flowSequenceEntryMappingEnd();
      case State.FlowMappingFirstKey:
        return this.flowMappingKey(true);
      case State.FlowMappingKey:
        return this.flowMappingKey(false);
      case State.FlowMappingValue:
        return this.flowMappingValue(false);
      case State.FlowMappingEmptyValue:
        return this.flowMappingValue(true);
      case State.End:
        throw new YamlSyntaxError("attempted to go past the end of stream", this.scanner.offset);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skip();
  }

  private pop(): void {
    this.state = this.states.pop()!;
  }

  /** One event object, filled in anew for each event: the composer reads it before asking for the next. */
  private readonly current: YamlEvent = { type: EventType.StreamStart, start: 0, anchor: "", tag: "", value: "", implicit: false, style: ScalarStyle.Plain };

  private event(type: EventType, start: number): YamlEvent {
    const event = this.current;
    event.type = type;
    event.start = start;
    event.anchor = "";
    event.tag = "";
    event.value = "";
    event.implicit = false;
    event.style = ScalarStyle.Plain;
    return event;
  }

  /** The empty plain scalar that stands for a missing node. */
  private emptyScalar(start: number): YamlEvent {
    const event = this.event(EventType.Scalar, start);
    event.implicit = true;
    return event;
  }

  private streamStart(): YamlEvent {
    const token = this.peek();
    if (token.type !== TokenType.StreamStart) throw new YamlSyntaxError("did not find expected <stream-start>", token.start);
    this.state = State.ImplicitDocumentStart;
    this.skip();
    return this.event(EventType.StreamStart, token.start);
  }

  private documentStart(implicit: boolean): YamlEvent {
    let token = this.peek();
    if (!implicit) {
      while (token.type === TokenType.DocumentEnd) {
        this.skip();
        token = this.peek();
      }
    }
    const isDirective = token.type === TokenType.VersionDirective || token.type === TokenType.TagDirective;
    if (implicit && !isDirective && token.type !== TokenType.DocumentStart && token.type !== TokenType.StreamEnd) {
      this.states.push(State.DocumentEnd);
      this.state = State.BlockNode;
      return this.event(EventType.DocumentStart, token.start);
    }
    if (token.type === TokenType.StreamEnd) {
      this.state = State.End;
      this.skip();
      return this.event(EventType.StreamEnd, token.start);
    }
    const start = token.start;
    // Directives may precede `---`; in kubectl's documents no `---` can follow them (it splits
    // the stream there), so they always end in the error below.
    while (token.type === TokenType.VersionDirective || token.type === TokenType.TagDirective) {
      this.skip();
      token = this.peek();
    }
    if (token.type !== TokenType.DocumentStart) throw new YamlSyntaxError("did not find expected <document start>", token.start);
    this.states.push(State.DocumentEnd);
    this.state = State.DocumentContent;
    this.skip();
    return this.event(EventType.DocumentStart, start);
  }

  private documentContent(): YamlEvent {
    const token = this.peek();
    switch (token.type) {
      case TokenType.VersionDirective:
      case TokenType.TagDirective:
      case TokenType.DocumentStart:
      case TokenType.DocumentEnd:
      case TokenType.StreamEnd:
        this.pop();
        return this.emptyScalar(token.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): YamlEvent {
    const token = this.peek();
    if (token.type === TokenType.DocumentEnd) this.skip();
    this.state = State.DocumentStart;
    return this.event(EventType.DocumentEnd, token.start);
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.Alias) {
      this.pop();
      const event = this.event(EventType.Alias, token.start);
      event.anchor = token.value;
      this.skip();
      return event;
    }
    const start = token.start;
    let anchor = "";
    let tagToken: Token | undefined;
    if (token.type === TokenType.Anchor) {
      anchor = token.value;
      this.skip();
      token = this.peek();
      if (token.type === TokenType.Tag) {
        tagToken = token;
        this.skip();
        token = this.peek();
      }
    } else if (token.type === TokenType.Tag) {
      tagToken = token;
      this.skip();
      token = this.peek();
      if (token.type === TokenType.Anchor) {
        anchor = token.value;
        this.skip();
        token = this.peek();
      }
    }
    let tag = "";
    if (tagToken) {
      if (tagToken.value === "") {
        tag = tagToken.suffix;
      } else {
        const prefix = TAG_HANDLES.get(tagToken.value);
        if (prefix === undefined) throw new YamlSyntaxError("found undefined tag handle", tagToken.start);
        tag = prefix + tagToken.suffix;
      }
    }
    const collection = (type: EventType, state: State): YamlEvent => {
      this.state = state;
      const event = this.event(type, start);
      event.anchor = anchor;
      event.tag = tag;
      return event;
    };
    if (indentlessSequence && token.type === TokenType.BlockEntry) return collection(EventType.SequenceStart, State.IndentlessSequenceEntry);
    if (token.type === TokenType.Scalar) {
      this.pop();
      const event = this.event(EventType.Scalar, start);
      event.anchor = anchor;
      event.tag = tag;
      event.value = token.value;
      event.style = token.style;
      event.implicit = (tag === "" && token.style === ScalarStyle.Plain) || tag === "!";
      this.skip();
      return event;
    }
    if (token.type === TokenType.FlowSequenceStart) return collection(EventType.SequenceStart, State.FlowSequenceFirstEntry);
    if (token.type === TokenType.FlowMappingStart) return collection(EventType.MappingStart, State.FlowMappingFirstKey);
    if (block && token.type === TokenType.BlockSequenceStart) return collection(EventType.SequenceStart, State.BlockSequenceFirstEntry);
    if (block && token.type === TokenType.BlockMappingStart) return collection(EventType.MappingStart, State.BlockMappingFirstKey);
    if (anchor !== "" || tag !== "") {
      // An anchor or tag with nothing after it: an empty scalar, implicit only when untagged.
      this.pop();
      const event = this.event(EventType.Scalar, start);
      event.anchor = anchor;
      event.tag = tag;
      event.implicit = tag === "";
      return event;
    }
    throw new YamlSyntaxError("did not find expected node content", token.start);
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    if (first) this.skip();
    let token = this.peek();
    if (token.type === TokenType.BlockEntry) {
      const after = token.start + 1;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.BlockEntry && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = State.BlockSequenceEntry;
      return this.emptyScalar(after);
    }
    if (token.type === TokenType.BlockEnd) {
      this.pop();
      this.skip();
      return this.event(EventType.SequenceEnd, token.start);
    }
    throw new YamlSyntaxError("did not find expected '-' indicator", token.start);
  }

  private indentlessSequenceEntry(): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.BlockEntry) {
      const after = token.start + 1;
      this.skip();
      token = this.peek();
      const type = token.type;
      if (type !== TokenType.BlockEntry && type !== TokenType.Key && type !== TokenType.Value && type !== TokenType.BlockEnd) {
        this.states.push(State.IndentlessSequenceEntry);
        return this.node(true, false);
      }
      this.state = State.IndentlessSequenceEntry;
      return this.emptyScalar(after);
    }
    this.pop();
    return this.event(EventType.SequenceEnd, token.start);
  }

  private blockMappingKey(first: boolean): YamlEvent {
    if (first) this.skip();
    let token = this.peek();
    if (token.type === TokenType.Key) {
      const after = token.start + 1;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = State.BlockMappingValue;
      return this.emptyScalar(after);
    }
    if (token.type === TokenType.BlockEnd) {
      this.pop();
      this.skip();
      return this.event(EventType.MappingEnd, token.start);
    }
    throw new YamlSyntaxError("did not find expected key", token.start);
  }

  private blockMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.Value) {
      const after = token.start + 1;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockMappingKey);
        return this.node(true, true);
      }
      this.state = State.BlockMappingKey;
      return this.emptyScalar(after);
    }
    this.state = State.BlockMappingKey;
    return this.emptyScalar(token.start);
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    if (first) this.skip();
    let token = this.peek();
    if (token.type !== TokenType.FlowSequenceEnd) {
      if (!first) {
        if (token.type !== TokenType.FlowEntry) throw new YamlSyntaxError("did not find expected ',' or ']'", token.start);
        this.skip();
        token = this.peek();
      }
      if (token.type === TokenType.Key) {
        // `[key: value]`: a single-pair mapping inside the sequence.
        this.state = State.FlowSequenceEntryMappingKey;
        const event = this.event(EventType.MappingStart, token.start);
        this.skip();
        return event;
      }
      if (token.type !== TokenType.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.pop();
    this.skip();
    return this.event(EventType.SequenceEnd, token.start);
  }

  private flowSequenceEntryMappingKey(): YamlEvent {
    const token = this.peek();
    if (token.type !== TokenType.Value && token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowSequenceEnd) {
      this.states.push(State.FlowSequenceEntryMappingValue);
      return this.node(false, false);
    }
    // go-yaml (like libyaml) consumes the token here, whatever it is.
    this.skip();
    this.state = State.FlowSequenceEntryMappingValue;
    return this.emptyScalar(token.start + 1);
  }

  private flowSequenceEntryMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.Value) {
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntryMappingEnd);
        return this.node(false, false);
      }
    }
    this.state = State.FlowSequenceEntryMappingEnd;
    return this.emptyScalar(token.start);
  }

  private flowSequenceEntryMappingEnd(): YamlEvent {
    const token = this.peek();
    this.state = State.FlowSequenceEntry;
    return this.event(EventType.MappingEnd, token.start);
  }

  private flowMappingKey(first: boolean): YamlEvent {
    if (first) this.skip();
    let token = this.peek();
    if (token.type !== TokenType.FlowMappingEnd) {
      if (!first) {
        if (token.type !== TokenType.FlowEntry) throw new YamlSyntaxError("did not find expected ',' or '}'", token.start);
        this.skip();
        token = this.peek();
      }
      if (token.type === TokenType.Key) {
        this.skip();
        token = this.peek();
        if (token.type !== TokenType.Value && token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowMappingEnd) {
          this.states.push(State.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = State.FlowMappingValue;
        return this.emptyScalar(token.start);
      }
      if (token.type !== TokenType.FlowMappingEnd) {
        this.states.push(State.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.pop();
    this.skip();
    return this.event(EventType.MappingEnd, token.start);
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    let token = this.peek();
    if (empty) {
      this.state = State.FlowMappingKey;
      return this.emptyScalar(token.start);
    }
    if (token.type === TokenType.Value) {
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowMappingEnd) {
        this.states.push(State.FlowMappingKey);
        return this.node(false, false);
      }
    }
    this.state = State.FlowMappingKey;
    return this.emptyScalar(token.start);
  }
}
