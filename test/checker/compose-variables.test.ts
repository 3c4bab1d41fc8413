import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { interpolate, interpolateTree, NOT_KNOWN, type Unresolved } from "../../checker/compose-variables";

describe("Compose variable interpolation", () => {
  const cases: Array<[string, ReturnType<typeof interpolate>]> = [
    ["plain", { state: "resolved", value: "plain" }],
    ["$$HOME costs $$5", { state: "resolved", value: "$HOME costs $5" }],
    ["${UID:-65532}:${GID-65532}", { state: "resolved", value: "65532:65532" }],
    ["${OUTER:-${INNER:-1000}}", { state: "resolved", value: "1000" }],
    ["${EMPTY:-}", { state: "resolved", value: "" }],
    ["a $ b", { state: "resolved", value: "a $ b" }],
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

  it("replaces values that depend on the environment by the unknown sentinel and says why, by Compose path", () => {
    const unresolved: Unresolved = new Map();
    const tree = { web: { user: "${APP_USER}", volumes: ["${DATA:-./data}:/data", "${SRC}:/src"], image: "app:1" } };
    assert.deepEqual(interpolateTree(tree, ["services"], unresolved), { web: { user: NOT_KNOWN, volumes: ["./data:/data", NOT_KNOWN], image: "app:1" } });
    assert.deepEqual([...unresolved.keys()], ["services.web.user", "services.web.volumes[1]"]);
    assert.match(unresolved.get("services.web.user")!, /\$\{APP_USER\} with no default/);
    assert.equal(tree.web.user, "${APP_USER}", "the input is not modified");
  });
});
