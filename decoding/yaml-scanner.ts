/**
 * The tokenizer of go.yaml.in/yaml/v2 v2.4.4 (scannerc.go, its port of libyaml), written anew in
 * TypeScript so that a manifest is accepted, refused or cut short exactly where Kubernetes
 * (sigs.k8s.io/yaml on top of go-yaml v2) does. A YAML 1.2 tokenizer differs in many places that
 * decide what an object contains: `{a:b}` is the key "a:b" here, `\/` is not an escape, U+2028 is a
 * line break, `[1]` followed by anything on the same line is a complete document, and "simple keys"
 * (implicit `key:`) are tracked with go-yaml's own bookkeeping, which only re-checks the token at
 * the head of the queue (so `{} b: 2` is the document `{}` while `[a] b: 2` is an error).
 *
 * Tokens are produced on demand (`peek`/`skip`) as go-yaml's parser asks for them: what is never
 * asked for (after the end of the first document) is never read.
 *
 * Input: one document's text as kubectl hands it to go-yaml, without a byte order mark and with
 * every character one that go-yaml's reader accepts (yaml-characters.ts checks that). Columns and
 * the simple-key length limit count code points, as go-yaml counts characters.
 */

export const enum TokenType {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

export const enum ScalarStyle {
  Plain,
  SingleQuoted,
  DoubleQuoted,
  Literal,
  Folded,
}

export interface Token {
  type: TokenType;
  /** Offset of the token's first character in the text. */
  start: number;
  /** Scalar value, anchor or alias name, tag handle. */
  value: string;
  /** Tag suffix. */
  suffix: string;
  style: ScalarStyle;
}

/**
 * A syntax error, at an offset of the text being scanned. Not an Error: it is thrown and caught
 * inside decoding/ only, and capturing a stack trace for every refused document costs more than
 * decoding it.
 */
export class YamlSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  pos: number;
  line: number;
  column: number;
  index: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const NEL = 0x85;
const LS = 0x2028;
const PS = 0x2029;
/** Stands for the end of the text (go-yaml pads its buffer with NUL; the text has none). */
const END = 0;

/** go-yaml's limits (scannerc.go max_flow_level, max_indents). */
const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;
/** A simple key may not span more than this many characters (yaml_simple_key_is_valid). */
const MAX_SIMPLE_KEY_LENGTH = 1024;

export function isBreak(c: number): boolean {
  return c === LF || c === CR || c === NEL || c === LS || c === PS;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isBreakOrEnd(c: number): boolean {
  return isBreak(c) || c === END;
}

function isBlankOrEnd(c: number): boolean {
  return isBlank(c) || isBreak(c) || c === END;
}

/** Letters, digits, `_` and `-`: the characters of anchors, tag handles and directive names. */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/** Characters a tag URI may hold besides word characters (scan_tag_uri). */
const URI_CHARS = new Set([...";/?:@&=+$,.!~*'()[]%"].map((c) => c.charCodeAt(0)));
/** Characters that may follow an anchor or alias name. */
const AFTER_ANCHOR = new Set([..."?:,]}%@`"].map((c) => c.charCodeAt(0)));
/** Characters that cannot start a plain scalar (besides blanks). */
const INDICATORS = new Set([..."-?:,[]{}#&*!|>'\"%@`"].map((c) => c.charCodeAt(0)));
/** Characters that end a plain scalar inside a flow collection. */
const FLOW_INDICATORS = new Set([...",?[]{}"].map((c) => c.charCodeAt(0)));

/** The escapes of a double-quoted scalar that stand for one fixed character. */
const SIMPLE_ESCAPES = new Map<number, string>([
  [0x30, "\0"],
  [0x61, "\x07"],
  [0x62, "\b"],
  [0x74, "\t"],
  [TAB, "\t"],
  [0x6e, "\n"],
  [0x76, "\v"],
  [0x66, "\f"],
  [0x72, "\r"],
  [0x65, "\x1b"],
  [SPACE, " "],
  [0x22, '"'],
  [0x27, "'"],
  [0x5c, "\\"],
  [0x4e, "\u0085"],
  [0x5f, "\u00a0"],
  [0x4c, "\u2028"],
  [0x50, "\u2029"],
]);
const HEX_ESCAPE_LENGTHS = new Map<number, number>([
  [0x78, 2],
  [0x75, 4],
  [0x55, 8],
]);

export class Scanner {
  private readonly length: number;
  private pos = 0;
  private line = 0;
  private column = 0;
  /** Characters read so far (CRLF counts two), for the simple-key length limit. */
  private index = 0;

  /** The token queue: tokens[head..tail). */
  private readonly tokens: Token[] = [];
  private head = 0;
  private tail = 0;
  /** Tokens handed to the parser so far: the number of the token at the head of the queue. */
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;

  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private simpleKeyAllowed = false;
  /** One slot per flow level (and one for block context); go-yaml's simple_keys. */
  private readonly simpleKeys: SimpleKey[] = [];
  /** Token number -> slot, go-yaml's simple_keys_by_tok, with its exact insertions and deletions. */
  private readonly keysByToken = new Map<number, number>();

  constructor(private readonly text: string) {
    this.length = text.length;
  }

  /** The token at the head of the queue, scanning as far ahead as go-yaml would. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head]!;
  }

  /** Hands the head token to the parser. */
  skip(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.head]!.type === TokenType.StreamEnd;
    this.head++;
    if (this.head === this.tail) this.head = this.tail = 0;
  }

  get atStreamEnd(): boolean {
    return this.streamEndProduced;
  }

  /** The offset the scanner has reached, for errors that have no better place. */
  get offset(): number {
    return this.pos;
  }

  // ---------------------------------------------------------------------------------------------
  // Characters

  private at(ahead: number): number {
    const p = this.pos + ahead;
    return p < this.length ? this.text.charCodeAt(p) : END;
  }

  private error(message: string, offset = this.pos): never {
    throw new YamlSyntaxError(message, offset);
  }

  /** Moves past one character that is not a line break. */
  private advance(): void {
    const c = this.text.charCodeAt(this.pos);
    this.pos += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    this.column++;
    this.index++;
  }

  /** Reads one character that is not a line break. */
  private take(): string {
    const from = this.pos;
    this.advance();
    return this.text.slice(from, this.pos);
  }

  /** Moves past a line break (CRLF is one). */
  private advanceLine(): void {
    const c = this.at(0);
    if (c === CR && this.at(1) === LF) {
      this.pos += 2;
      this.index += 2;
    } else if (isBreak(c)) {
      this.pos++;
      this.index++;
    } else {
      return;
    }
    this.column = 0;
    this.line++;
  }

  /** Reads a line break as the scalar holds it: LS and PS stay, the others become "\n". */
  private takeLine(): string {
    const c = this.at(0);
    if (!isBreak(c)) return "";
    this.advanceLine();
    return c === LS || c === PS ? String.fromCharCode(c) : "\n";
  }

  private isDocumentIndicator(): boolean {
    if (this.column !== 0) return false;
    const c = this.at(0);
    return (c === 0x2d || c === 0x2e) && this.at(1) === c && this.at(2) === c && isBlankOrEnd(this.at(3));
  }

  // ---------------------------------------------------------------------------------------------
  // The token queue

  private insertToken(relative: number, token: Token): void {
    const at = relative < 0 ? this.tail : Math.min(this.head + relative, this.tail);
    const tokens = this.tokens;
    for (let i = this.tail; i > at; i--) tokens[i] = tokens[i - 1]!;
    tokens[at] = token;
    this.tail++;
  }

  private pushToken(type: TokenType, start: number, value = "", style = ScalarStyle.Plain, suffix = ""): void {
    this.tokens[this.tail++] = { type, start, value, suffix, style };
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tail) {
        const slot = this.keysByToken.get(this.tokensParsed);
        if (slot === undefined || !this.simpleKeyIsValid(this.simpleKeys[slot]!)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.column);
    const c = this.at(0);
    if (c === END) return this.fetchStreamEnd();
    if (this.column === 0 && c === 0x25) return this.fetchDirective();
    if (this.isDocumentIndicator()) return this.fetchDocumentIndicator(c === 0x2d ? TokenType.DocumentStart : TokenType.DocumentEnd);
    const next = this.at(1);
    switch (c) {
      case 0x5b:
        return this.fetchFlowCollectionStart(TokenType.FlowSequenceStart);
      case 0x7b:
        return this.fetchFlowCollectionStart(TokenType.FlowMappingStart);
      case 0x5d:
        return this.fetchFlowCollectionEnd(TokenType.FlowSequenceEnd);
      case 0x7d:
        return this.fetchFlowCollectionEnd(TokenType.FlowMappingEnd);
      case 0x2c:
        return this.fetchFlowEntry();
    }
    if (c === 0x2d && isBlankOrEnd(next)) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flowLevel > 0 || isBlankOrEnd(next))) return this.fetchKey();
    if (c === 0x3a && (this.flowLevel > 0 || isBlankOrEnd(next))) return this.fetchValue();
    switch (c) {
      case 0x2a:
        return this.fetchAnchor(TokenType.Alias);
      case 0x26:
        return this.fetchAnchor(TokenType.Anchor);
      case 0x21:
        return this.fetchTag();
      case 0x7c:
        if (this.flowLevel === 0) return this.fetchBlockScalar(true);
        break;
      case 0x3e:
        if (this.flowLevel === 0) return this.fetchBlockScalar(false);
        break;
      case 0x27:
        return this.fetchFlowScalar(true);
      case 0x22:
        return this.fetchFlowScalar(false);
    }
    const startsPlain =
      !(isBlankOrEnd(c) || INDICATORS.has(c)) ||
      (c === 0x2d && !isBlank(next)) ||
      (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !isBlankOrEnd(next));
    if (startsPlain) return this.fetchPlainScalar();
    this.error("found character that cannot start any token");
  }

  // ---------------------------------------------------------------------------------------------
  // Simple keys and indentation

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.line < this.line || key.index + MAX_SIMPLE_KEY_LENGTH < this.index) {
      if (key.required) this.error("could not find expected ':'", key.pos);
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = {
      possible: true,
      required: this.flowLevel === 0 && this.indent === this.column,
      tokenNumber: this.tokensParsed + (this.tail - this.head),
      pos: this.pos,
      line: this.line,
      column: this.column,
      index: this.index,
    };
    this.removeSimpleKey();
    const slot = this.simpleKeys.length - 1;
    this.simpleKeys[slot] = key;
    this.keysByToken.set(key.tokenNumber, slot);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (!key.possible) return;
    if (key.required) this.error("could not find expected ':'", key.pos);
    key.possible = false;
    this.keysByToken.delete(key.tokenNumber);
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tail - this.head),
      pos: this.pos,
      line: this.line,
      column: this.column,
      index: this.index,
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) this.error(`exceeded max depth of ${MAX_FLOW_LEVEL}`);
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel === 0) return;
    this.flowLevel--;
    this.keysByToken.delete(this.simpleKeys.pop()!.tokenNumber);
  }

  /** Opens a block collection at `column` if it is deeper than the current one. */
  private rollIndent(column: number, tokenNumber: number, type: TokenType, start: number): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > MAX_INDENTS) this.error(`exceeded max depth of ${MAX_INDENTS}`);
    const token: Token = { type, start, value: "", suffix: "", style: ScalarStyle.Plain };
    this.insertToken(tokenNumber > -1 ? tokenNumber - this.tokensParsed : -1, token);
  }

  /** Closes every block collection deeper than `column`. */
  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.pushToken(TokenType.BlockEnd, this.pos);
      this.indent = this.indents.pop()!;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Fetching tokens

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, pos: 0, line: 0, column: 0, index: 0 });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.pushToken(TokenType.StreamStart, this.pos);
  }

  private fetchStreamEnd(): void {
    // go-yaml ends the last line, which makes a simple key on it stale.
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.pushToken(TokenType.StreamEnd, this.pos);
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    const type = this.scanDirective();
    this.pushToken(type, start);
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    this.advance();
    this.advance();
    this.advance();
    this.pushToken(type, start);
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.pos;
    this.advance();
    this.pushToken(type, start);
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    this.advance();
    this.pushToken(type, start);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.pos;
    this.advance();
    this.pushToken(TokenType.FlowEntry, start);
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error("block sequence entries are not allowed in this context");
      this.rollIndent(this.column, -1, TokenType.BlockSequenceStart, this.pos);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.pos;
    this.advance();
    this.pushToken(TokenType.BlockEntry, start);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error("mapping keys are not allowed in this context");
      this.rollIndent(this.column, -1, TokenType.BlockMappingStart, this.pos);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.pos;
    this.advance();
    this.pushToken(TokenType.Key, start);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.simpleKeyIsValid(key)) {
      // The simple key turns out to be a key: a KEY token goes in before it (and a mapping start).
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: TokenType.Key, start: key.pos, value: "", suffix: "", style: ScalarStyle.Plain });
      this.rollIndent(key.column, key.tokenNumber, TokenType.BlockMappingStart, key.pos);
      key.possible = false;
      this.keysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.error("mapping values are not allowed in this context");
        this.rollIndent(this.column, -1, TokenType.BlockMappingStart, this.pos);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.pos;
    this.advance();
    this.pushToken(TokenType.Value, start);
  }

  private fetchAnchor(type: TokenType): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    this.advance();
    const nameStart = this.pos;
    while (isWordChar(this.at(0))) this.advance();
    const name = this.text.slice(nameStart, this.pos);
    const c = this.at(0);
    if (name === "" || !(isBlankOrEnd(c) || AFTER_ANCHOR.has(c))) {
      this.error("did not find expected alphabetic or numeric character", start);
    }
    this.pushToken(type, start, name);
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    let handle: string;
    let suffix: string;
    if (this.at(1) === 0x3c) {
      // Verbatim: !<uri>
      this.advance();
      this.advance();
      handle = "";
      suffix = this.scanTagUri(false, "", start);
      if (this.at(0) !== 0x3e) this.error("did not find the expected '>'", start);
      this.advance();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.endsWith("!")) {
        suffix = this.scanTagUri(false, "", start);
      } else {
        // `!foo` is the primary handle with the suffix "foo"; a lone `!` is the non-specific tag.
        suffix = this.scanTagUri(false, handle, start);
        handle = "!";
        if (suffix === "") {
          handle = "";
          suffix = "!";
        }
      }
    }
    if (!isBlankOrEnd(this.at(0))) this.error("did not find expected whitespace or line break", start);
    this.pushToken(TokenType.Tag, start, handle, ScalarStyle.Plain, suffix);
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.pos;
    const value = this.scanBlockScalar(literal, start);
    this.pushToken(TokenType.Scalar, start, value, literal ? ScalarStyle.Literal : ScalarStyle.Folded);
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    const value = this.scanFlowScalar(single, start);
    this.pushToken(TokenType.Scalar, start, value, single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted);
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    const value = this.scanPlainScalar();
    this.pushToken(TokenType.Scalar, start, value);
  }

  // ---------------------------------------------------------------------------------------------
  // Scanning

  private scanToNextToken(): void {
    for (;;) {
      let c = this.at(0);
      while (c === SPACE || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && c === TAB)) {
        this.advance();
        c = this.at(0);
      }
      if (c === 0x23) {
        while (!isBreakOrEnd(this.at(0))) this.advance();
        c = this.at(0);
      }
      if (!isBreak(c)) return;
      this.advanceLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  /** A directive line; only its syntax matters, since kubectl's documents never reach a `---` after it. */
  private scanDirective(): TokenType {
    const start = this.pos;
    this.advance();
    const nameStart = this.pos;
    while (isWordChar(this.at(0))) this.advance();
    const name = this.text.slice(nameStart, this.pos);
    if (name === "") this.error("could not find expected directive name", start);
    if (!isBlankOrEnd(this.at(0))) this.error("found unexpected non-alphabetical character", start);
    let type: TokenType;
    if (name === "YAML") {
      this.skipBlanks();
      this.scanVersionNumber(start);
      if (this.at(0) !== 0x2e) this.error("did not find expected digit or '.' character", start);
      this.advance();
      this.scanVersionNumber(start);
      type = TokenType.VersionDirective;
    } else if (name === "TAG") {
      this.skipBlanks();
      this.scanTagHandle(true, start);
      if (!isBlank(this.at(0))) this.error("did not find expected whitespace", start);
      this.skipBlanks();
      this.scanTagUri(true, "", start);
      if (!isBlankOrEnd(this.at(0))) this.error("did not find expected whitespace or line break", start);
      type = TokenType.TagDirective;
    } else {
      this.error("found unknown directive name", start);
    }
    this.skipBlanks();
    if (this.at(0) === 0x23) while (!isBreakOrEnd(this.at(0))) this.advance();
    if (!isBreakOrEnd(this.at(0))) this.error("did not find expected comment or line break", start);
    this.advanceLine();
    return type;
  }

  private skipBlanks(): void {
    while (isBlank(this.at(0))) this.advance();
  }

  private scanVersionNumber(start: number): void {
    let length = 0;
    while (isDigit(this.at(0))) {
      if (++length > 2) this.error("found extremely long version number", start);
      this.advance();
    }
    if (length === 0) this.error("did not find expected version number", start);
  }

  private scanTagHandle(directive: boolean, start: number): string {
    if (this.at(0) !== 0x21) this.error("did not find expected '!'", start);
    const from = this.pos;
    this.advance();
    while (isWordChar(this.at(0))) this.advance();
    if (this.at(0) === 0x21) this.advance();
    else if (directive && this.pos - from !== 1) this.error("did not find expected '!'", start);
    return this.text.slice(from, this.pos);
  }

  /** A tag URI; `head` is a handle like `!foo` whose name belongs to the URI. */
  private scanTagUri(directive: boolean, head: string, start: number): string {
    let uri = head.slice(1);
    let found = head.length > 0;
    for (let c = this.at(0); isWordChar(c) || URI_CHARS.has(c); c = this.at(0)) {
      uri += c === 0x25 ? this.scanUriEscapes(directive, start) : this.take();
      found = true;
    }
    if (!found) this.error("did not find expected tag URI", start);
    return uri;
  }

  /** `%XX` escapes making up one UTF-8 character (go-yaml checks the octets' shape, not more). */
  private scanUriEscapes(_directive: boolean, start: number): string {
    const octets: number[] = [];
    let width = 0;
    do {
      const high = hexValue(this.at(1));
      const low = hexValue(this.at(2));
      if (this.at(0) !== 0x25 || high < 0 || low < 0) this.error("did not find URI escaped octet", start);
      const octet = (high << 4) + low;
      if (octets.length === 0) {
        width = octet < 0x80 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (width === 0) this.error("found an incorrect leading UTF-8 octet", start);
      } else if ((octet & 0xc0) !== 0x80) {
        this.error("found an incorrect trailing UTF-8 octet", start);
      }
      octets.push(octet);
      this.advance();
      this.advance();
      this.advance();
    } while (octets.length < width);
    // Only whether a tag equals one of YAML's own (ASCII) tags matters; other bytes stay as they are.
    return String.fromCharCode(...octets);
  }

  private scanBlockScalar(literal: boolean, start: number): string {
    this.advance();
    let chomping = 0;
    let increment = 0;
    let c = this.at(0);
    if (c === 0x2b || c === 0x2d) {
      chomping = c === 0x2b ? 1 : -1;
      this.advance();
      if (isDigit(this.at(0))) {
        if (this.at(0) === 0x30) this.error("found an indentation indicator equal to 0", start);
        increment = this.at(0) - 0x30;
        this.advance();
      }
    } else if (isDigit(c)) {
      if (c === 0x30) this.error("found an indentation indicator equal to 0", start);
      increment = c - 0x30;
      this.advance();
      c = this.at(0);
      if (c === 0x2b || c === 0x2d) {
        chomping = c === 0x2b ? 1 : -1;
        this.advance();
      }
    }
    this.skipBlanks();
    if (this.at(0) === 0x23) while (!isBreakOrEnd(this.at(0))) this.advance();
    if (!isBreakOrEnd(this.at(0))) this.error("did not find expected comment or line break", start);
    this.advanceLine();

    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    let value = "";
    let leadingBreak = "";
    let breaks = this.scanBlockScalarBreaks(indent, start);
    indent = breaks.indent;
    let trailingBreaks = breaks.text;
    let leadingBlank = false;
    while (this.column === indent && this.at(0) !== END) {
      const trailingBlank = isBlank(this.at(0));
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith("\n")) {
        if (trailingBreaks === "") value += " ";
      } else {
        value += leadingBreak;
      }
      leadingBreak = "";
      value += trailingBreaks;
      leadingBlank = isBlank(this.at(0));
      const from = this.pos;
      while (!isBreakOrEnd(this.at(0))) this.advance();
      value += this.text.slice(from, this.pos);
      leadingBreak = this.takeLine();
      breaks = this.scanBlockScalarBreaks(indent, start);
      indent = breaks.indent;
      trailingBreaks = breaks.text;
    }
    if (chomping !== -1) value += leadingBreak;
    if (chomping === 1) value += trailingBreaks;
    return value;
  }

  /** The empty (or indentation-only) lines of a block scalar; fixes its indentation if not yet known. */
  private scanBlockScalarBreaks(indent: number, start: number): { indent: number; text: string } {
    let text = "";
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.column < indent) && this.at(0) === SPACE) this.advance();
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.at(0) === TAB) {
        this.error("found a tab character where an indentation space is expected", start);
      }
      if (!isBreak(this.at(0))) break;
      text += this.takeLine();
    }
    if (indent === 0) indent = Math.max(maxIndent, this.indent + 1, 1);
    return { indent, text };
  }

  private scanFlowScalar(single: boolean, start: number): string {
    const quote = single ? 0x27 : 0x22;
    this.advance();
    let value = "";
    let leadingBreak = "";
    let trailingBreaks = "";
    for (;;) {
      if (this.isDocumentIndicator()) this.error("found unexpected document indicator", start);
      if (this.at(0) === END) this.error("found unexpected end of stream", start);
      let leadingBlanks = false;
      // Ordinary characters are taken a run at a time; a quote or an escape ends the run.
      let run = this.pos;
      let c = this.at(0);
      for (; !isBlankOrEnd(c); c = this.at(0)) {
        if (c !== quote && (single || c !== 0x5c)) {
          this.skipQuotedRun(quote, single);
          continue;
        }
        value += this.text.slice(run, this.pos);
        if (single && c === 0x27 && this.at(1) === 0x27) {
          value += "'";
          this.advance();
          this.advance();
        } else if (c === quote) {
          break;
        } else if (isBreak(this.at(1))) {
          this.advance();
          this.advanceLine();
          leadingBlanks = true;
          break;
        } else {
          value += this.scanEscape(start);
        }
        run = this.pos;
      }
      if (isBlankOrEnd(c)) value += this.text.slice(run, this.pos);
      if (this.at(0) === quote) break;
      // Blanks stay as they are unless a line break follows them.
      const blanks = this.pos;
      for (let c = this.at(0); isBlank(c) || isBreak(c); c = this.at(0)) {
        if (isBlank(c)) {
          this.advance();
        } else if (!leadingBlanks) {
          leadingBreak = this.takeLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.takeLine();
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.startsWith("\n")) value += trailingBreaks === "" ? " " : trailingBreaks;
        else value += leadingBreak + trailingBreaks;
        leadingBreak = "";
        trailingBreaks = "";
      } else {
        value += this.text.slice(blanks, this.pos);
      }
    }
    this.advance();
    return value;
  }

  /** Moves past ordinary characters of a quoted scalar: up to a blank, a break, the quote or (double) a backslash. */
  private skipQuotedRun(quote: number, single: boolean): void {
    const text = this.text;
    const length = this.length;
    const run = this.pos;
    let p = run;
    let pairs = 0;
    for (; p < length; p++) {
      const c = text.charCodeAt(p);
      if (c === quote || c === SPACE || c === TAB || c === LF || c === CR || c === NEL || c === LS || c === PS || (!single && c === 0x5c)) break;
      if (c >= 0xd800 && c <= 0xdbff) {
        p++;
        pairs++;
      }
    }
    const characters = p - run - pairs;
    this.pos = p;
    this.column += characters;
    this.index += characters;
  }

  private scanEscape(start: number): string {
    const code = this.at(1);
    const simple = SIMPLE_ESCAPES.get(code);
    const hexLength = HEX_ESCAPE_LENGTHS.get(code);
    if (simple === undefined && hexLength === undefined) this.error("found unknown escape character", start);
    this.advance();
    this.advance();
    if (simple !== undefined) return simple;
    let value = 0;
    for (let k = 0; k < hexLength!; k++) {
      const digit = hexValue(this.at(k));
      if (digit < 0) this.error("did not find expected hexdecimal number", start);
      value = value * 16 + digit;
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.error("found invalid Unicode character escape code", start);
    for (let k = 0; k < hexLength!; k++) this.advance();
    return String.fromCodePoint(value);
  }

  /** Moves past the characters of a plain scalar up to a blank, a break, `: ` or (in flow) an indicator. */
  private skipPlainRun(): void {
    const text = this.text;
    const length = this.length;
    const flow = this.flowLevel > 0;
    const run = this.pos;
    let p = run;
    let pairs = 0;
    for (; p < length; p++) {
      const c = text.charCodeAt(p);
      if (c === SPACE || c === TAB || c === LF || c === CR || c === NEL || c === LS || c === PS) break;
      if (c === 0x3a) {
        if (isBlankOrEnd(p + 1 < length ? text.charCodeAt(p + 1) : END)) break;
      } else if (flow && FLOW_INDICATORS.has(c)) {
        break;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        p++;
        pairs++;
      }
    }
    const characters = p - run - pairs;
    this.pos = p;
    this.column += characters;
    this.index += characters;
  }

  private scanPlainScalar(): string {
    // The value is taken a verbatim segment at a time: runs of characters with the blanks between
    // them on one line; a line break between runs is folded (to a space, or the breaks after it).
    let value = "";
    let segmentStart = this.pos;
    let segmentEnd = this.pos;
    let leadingBreak = "";
    let trailingBreaks = "";
    let leadingBlanks = false;
    const indent = this.indent + 1;
    for (;;) {
      if (this.isDocumentIndicator() || this.at(0) === 0x23) break;
      const run = this.pos;
      this.skipPlainRun();
      if (this.pos > run) {
        if (leadingBlanks) {
          value += this.text.slice(segmentStart, segmentEnd);
          if (leadingBreak.startsWith("\n")) value += trailingBreaks === "" ? " " : trailingBreaks;
          else value += leadingBreak + trailingBreaks;
          leadingBreak = "";
          trailingBreaks = "";
          leadingBlanks = false;
          segmentStart = run;
        }
        segmentEnd = this.pos;
      }
      const c = this.at(0);
      if (!(isBlank(c) || isBreak(c))) break;
      for (let b = c; isBlank(b) || isBreak(b); b = this.at(0)) {
        if (isBlank(b)) {
          if (leadingBlanks && this.column < indent && b === TAB) this.error("found a tab character that violates indentation");
          this.advance();
        } else if (!leadingBlanks) {
          leadingBreak = this.takeLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.takeLine();
        }
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return value + this.text.slice(segmentStart, segmentEnd);
  }

}
