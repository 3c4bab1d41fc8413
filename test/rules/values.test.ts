import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { copyTree } from "../../rules/values";

describe("copyTree", () => {
  it("copies a tree deeply, keeping key order and array positions", () => {
    const source = { b: [1, { c: null }, "x"], a: { d: true } };
    const copy = copyTree(source) as typeof source;
    assert.deepEqual(copy, source);
    assert.deepEqual(Object.keys(copy), ["b", "a"]);
    assert.notEqual(copy.b[1], source.b[1]);
  });

  it("lets a substitute replace values and tells it where they are", () => {
    const seen: string[] = [];
    const copy = copyTree({ a: [{ s: "secret" }] }, (value, path) => {
      if (value !== "secret") return value;
      seen.push(path().join("."));
      return "plain";
    });
    assert.deepEqual(copy, { a: [{ s: "plain" }] });
    assert.deepEqual(seen, ["a.0.s"]);
  });

  it("copies nesting deeper than the call stack allows", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = { n: deep };
    let copy = copyTree(deep);
    for (let i = 0; i < 100_000; i++) copy = (copy as { n: unknown }).n;
    assert.equal(copy, "leaf");
  });
});
