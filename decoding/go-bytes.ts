/**
 * Bytes as Go holds them in a string, for the `!!binary` scalars of both YAML decoders: base64 as
 * encoding/base64 decodes it, and UTF-8 read by Go's utf8.DecodeRune rules. Plain JavaScript, not
 * Node's Buffer, so that the checker also runs on the native front-end's engine (native/).
 */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The bytes of standard base64 text that the caller has already found well-formed (padding included). */
export function base64Bytes(text: string): Uint8Array {
  const body = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((body.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let length = 0;
  for (const char of body) {
    buffer = ((buffer << 6) | BASE64.indexOf(char)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Each byte as the character of the same number (what Go's []byte looks like as Latin-1). */
export function latin1(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** The length of the valid UTF-8 sequence at i (Go's utf8.DecodeRune rules), 0 if invalid. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const first = b[i]!;
  if (first < 0x80) return 1;
  const continuation = (k: number, low = 0x80, high = 0xbf) => i + k < b.length && b[i + k]! >= low && b[i + k]! <= high;
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Bytes as Go's encoding/json writes a string holding them: valid UTF-8 as is, each byte of no
 * valid sequence as U+FFFD; `valid` says whether there was none.
 */
export function goString(bytes: Uint8Array): { text: string; valid: boolean } {
  let text = "";
  let valid = true;
  for (let i = 0; i < bytes.length; ) {
    const width = utf8SequenceLength(bytes, i);
    if (width === 0) {
      text += "\ufffd";
      valid = false;
      i++;
      continue;
    }
    // The first byte keeps its low 7 - width bits (all 7 for ASCII), each continuation its low 6.
    let codePoint = width === 1 ? bytes[i]! : bytes[i]! & (0xff >> (width + 1));
    for (let k = 1; k < width; k++) codePoint = (codePoint << 6) | (bytes[i + k]! & 0x3f);
    text += String.fromCodePoint(codePoint);
    i += width;
  }
  return { text, valid };
}
