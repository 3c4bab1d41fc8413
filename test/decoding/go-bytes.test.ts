import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { base64Bytes, goString, latin1 } from "../../decoding/go-bytes";

describe("Go's bytes without Node's Buffer", () => {
  it("decodes base64 as Buffer does, every length and padding", () => {
    for (let length = 0; length < 200; length++) {
      const bytes = randomBytes(length);
      assert.deepEqual(Buffer.from(base64Bytes(bytes.toString("base64"))), bytes);
    }
  });

  it("reads valid UTF-8 as TextDecoder does, and says it was valid", () => {
    const text = "plain ascii, é, 漢字, 😀 and U+FFFD itself: \ufffd";
    assert.deepEqual(goString(new TextEncoder().encode(text)), { text, valid: true });
  });

  it("replaces each byte of no valid sequence, as Go does (overlong, surrogate, cut short, past U+10FFFF)", () => {
    const cases: Array<[number[], string]> = [
      [[0xc0, 0x80], "\ufffd\ufffd"],
      [[0xed, 0xa0, 0x80], "\ufffd\ufffd\ufffd"],
      [[0xe2, 0x82, 0x41], "\ufffd\ufffdA"],
      [[0xf4, 0x90, 0x80, 0x80], "\ufffd\ufffd\ufffd\ufffd"],
      [[0xff], "\ufffd"],
    ];
    for (const [bytes, text] of cases) assert.deepEqual(goString(Uint8Array.from(bytes)), { text, valid: false }, bytes.join(" "));
  });

  it("shows bytes as Latin-1", () => {
    const bytes = randomBytes(300);
    assert.equal(latin1(bytes), bytes.toString("latin1"));
  });
});
