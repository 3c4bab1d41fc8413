import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { join } from "node:path";
import { readDotenv } from "../../checker/compose-dotenv";
import { interpolate, interpolateTree, NOT_KNOWN, type Unresolved } from "../../checker/compose-variables";
import type { Unknown } from "../../rules/values";

describe("Compose variable interpolation", () => {
  const cases: Array<[string, ReturnType<typeof interpolate>]> = [
    ["plain", { state: "resolved", value: "plain", used: [] }],
    ["$$HOME costs $$5", { state: "resolved", value: "$HOME costs $5", used: [] }],
    ["${UID:-65532}:${GID-65532}", { state: "resolved", value: "65532:65532", used: [] }],
    ["${OUTER:-${INNER:-1000}}", { state: "resolved", value: "1000", used: [] }],
    ["${EMPTY:-}", { state: "resolved", value: "", used: [] }],
    ["a $ b", { state: "resolved", value: "a $ b", used: [] }],
    ["${UID}", { state: "unresolved", variables: ["UID"] }],
    ["$UID:$GID", { state: "unresolved", variables: ["UID", "GID"] }],
    ["${UID:?set the user}", { state: "unresolved", variables: ["UID"] }],
    ["${UID?set the user}", { state: "unresolved", variables: ["UID"] }],
    ["${ROOTLESS:+65532}", { state: "unresolved", variables: ["ROOTLESS"] }],
    ["${OUTER:-${INNER}}", { state: "unresolved", variables: ["INNER"] }],
    ["${UNCLOSED", { state: "unresolved", variables: ["${UNCLOSED"] }],
    ["${1BAD}", { state: "unresolved", variables: ["${1BAD}"] }],
  ];
  for (const [text, expected] of cases) it(JSON.stringify(text), () => assert.deepEqual(interpolate(text), expected));

  it("takes what the .env file sets before a default, and only what it sets", () => {
    const environment = new Map<string, string | Unknown>([["UID", "0"], ["EMPTY", ""], ["LATER", NOT_KNOWN]]);
    const cases: Array<[string, ReturnType<typeof interpolate>]> = [
      ["${UID:-65532}", { state: "resolved", value: "0", used: ["UID"] }],
      ["$UID", { state: "resolved", value: "0", used: ["UID"] }],
      ["${EMPTY:-65532}", { state: "resolved", value: "65532", used: [] }],
      ["${EMPTY-65532}", { state: "resolved", value: "", used: ["EMPTY"] }],
      ["${UID:?required}", { state: "resolved", value: "0", used: ["UID"] }],
      ["${EMPTY:?required}", { state: "unresolved", variables: ["EMPTY"] }],
      ["${UID:+rootless}", { state: "resolved", value: "rootless", used: ["UID"] }],
      ["${UNSET:+rootless}", { state: "unresolved", variables: ["UNSET"] }],
      ["${LATER:-1000}", { state: "unresolved", variables: ["LATER"] }],
    ];
    for (const [text, expected] of cases) assert.deepEqual(interpolate(text, environment), expected, text);
  });

  it("reads a .env file as Compose does", () => {
    const { file, environment } = readDotenv(join(__dirname, "..", "..", "..", "test", "fixtures", "compose", "dotenv"));
    assert.match(file!, /dotenv\/\.env$/);
    assert.deepEqual(Object.fromEntries(environment), { APP_UID: "0", APP_GID: "0", READ_ONLY: "false", HOST_ROOT: "/", DATA_DIR: "/etc", TAG: "" });
    assert.deepEqual(readDotenv(__dirname), { environment: new Map() }, "no .env file, no variables");
  });

  it("replaces values that depend on the environment by the unknown sentinel and says why, by Compose path", () => {
    const unresolved: Unresolved = new Map();
    const tree = { web: { user: "${APP_USER}", volumes: ["${DATA:-./data}:/data", "${SRC}:/src"], image: "app:1" } };
    assert.deepEqual(interpolateTree(tree, ["services"], unresolved), { web: { user: NOT_KNOWN, volumes: ["./data:/data", NOT_KNOWN], image: "app:1" } });
    assert.deepEqual([...unresolved.keys()], ["services.web.user", "services.web.volumes[1]"]);
    assert.match(unresolved.get("services.web.user")!.why, /\$\{APP_USER\} with no default/);
    assert.equal(tree.web.user, "${APP_USER}", "the input is not modified");
  });
});
