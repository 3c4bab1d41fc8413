import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { effectiveUser } from "../../../rules/docker/dockerfile-user";
import { DockerfileSyntaxError, parseDockerfile, splitWords, type Instruction } from "../../../rules/docker/dockerfile";

const fixtures = join(__dirname, "..", "..", "..", "..", "test", "fixtures", "dockerfiles");

function fixture(name: string): string {
  return readFileSync(join(fixtures, name), "utf8");
}

function summary(instructions: Instruction[]): string[] {
  return instructions.map((instruction) => `${instruction.line} ${instruction.keyword} ${instruction.args}`);
}

describe("parseDockerfile", () => {
  it("reads instructions with their lines, upper-cases names and skips comments and blank lines", () => {
    const parsed = parseDockerfile(fixture("lowercase.Dockerfile"));
    assert.deepEqual(summary(parsed.instructions), ["1 FROM alpine:3.20 as app", "2 USER 10001", "3 USER root"]);
    assert.equal(parsed.escape, "\\");
  });

  it("joins continuation lines and drops comment lines inside them", () => {
    const parsed = parseDockerfile(fixture("continuations.Dockerfile"));
    assert.deepEqual(summary(parsed.instructions), [
      "1 FROM alpine:3.20",
      "2 RUN apk add --no-cache       ca-certificates       tzdata",
      "6 USER 10001",
    ]);
  });

  it("honours # escape=` for continuations, and only before the first instruction or comment", () => {
    const parsed = parseDockerfile(fixture("escape-directive.Dockerfile"));
    assert.equal(parsed.escape, "`");
    assert.deepEqual(
      parsed.instructions.filter((i) => i.keyword === "USER").map((i) => i.args),
      ["ContainerAdministrator", "root"],
    );
    // Not a directive once an instruction was seen: the backslash keeps continuing lines.
    const late = parseDockerfile("FROM alpine\n# escape=`\nUSER \\\n  root\n");
    assert.equal(late.escape, "\\");
    assert.deepEqual(summary(late.instructions), ["1 FROM alpine", "3 USER root"]);
    // An unknown directive is a comment and ends the directives.
    assert.equal(parseDockerfile("# foo=bar\n# escape=`\nFROM alpine\n").escape, "\\");
  });

  it("does not take a trailing escaped escape character as a continuation", () => {
    const parsed = parseDockerfile("FROM alpine\nRUN echo \\\\\nUSER 10001\n");
    assert.deepEqual(parsed.instructions.map((i) => i.keyword), ["FROM", "RUN", "USER"]);
  });

  it("skips heredoc bodies (RUN, COPY with <<-), so their lines are never instructions", () => {
    const parsed = parseDockerfile(fixture("heredoc.Dockerfile"));
    assert.deepEqual(summary(parsed.instructions), ["2 FROM alpine:3.20", "3 USER root", "4 RUN <<EOT", '8 COPY <<-"CONFIG" /etc/app.conf']);
  });

  it("reads several heredocs opened on one line, in order", () => {
    const parsed = parseDockerfile("FROM alpine\nRUN <<A cat - 3<<B\nUSER 1\nA\nUSER 2\nB\nUSER 3\n");
    assert.deepEqual(summary(parsed.instructions), ["1 FROM alpine", "2 RUN <<A cat - 3<<B", "7 USER 3"]);
  });

  it("refuses an unterminated heredoc, a repeated directive, a bad escape token and an empty file", () => {
    assert.throws(() => parseDockerfile("FROM alpine\nRUN <<EOF\necho\n"), DockerfileSyntaxError);
    assert.throws(() => parseDockerfile("# escape=`\n# escape=\\\nFROM alpine\n"), DockerfileSyntaxError);
    assert.throws(() => parseDockerfile("# escape=!\nFROM alpine\n"), DockerfileSyntaxError);
    assert.throws(() => parseDockerfile("# only a comment\n\n"), DockerfileSyntaxError);
  });

  it("separates leading --flags and recognises JSON form", () => {
    const parsed = parseDockerfile('FROM --platform=$BUILDPLATFORM golang AS build\nCMD ["/app", "--port", "80"]\nCMD /app --port 80\n');
    const [from, json, shell] = parsed.instructions;
    assert.deepEqual(from!.flags, { platform: "$BUILDPLATFORM" });
    assert.equal(from!.args, "golang AS build");
    assert.deepEqual(json!.json, ["/app", "--port", "80"]);
    assert.equal(shell!.json, undefined);
  });

  it("tolerates CRLF line endings and a byte-order mark", () => {
    const parsed = parseDockerfile("\uFEFFFROM alpine\r\nUSER \\\r\n 10001\r\n");
    assert.deepEqual(summary(parsed.instructions), ["1 FROM alpine", "2 USER 10001"]);
  });
});

describe("splitWords", () => {
  it("splits on whitespace outside quotes and keeps quotes and escapes", () => {
    assert.deepEqual(splitWords(`A=1 B="two words" C='x y' D=a\\ b`, "\\"), ["A=1", 'B="two words"', "C='x y'", "D=a\\ b"]);
  });
});

describe("reading arbitrary text", () => {
  const token = fc.constantFrom(
    "FROM", "from", "USER", "ARG", "ENV", "ONBUILD", "RUN", "COPY", " ", "\n", "\r\n", "\\", "`", "$", "{", "}", ":-", ":+", "${",
    '"', "'", "=", "AS", "as", "<<EOF", "EOF", "<<-X", "\tX", "#", "# escape=`", "0", "root", "U", "alpine", "scratch", "--platform=x", '["a"]', ":",
  );

  it("either judges it or refuses it as a Dockerfile BuildKit would refuse, never another error", () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }).map((tokens) => tokens.join("")), fc.option(fc.constantFrom("a", "U", "root"), { nil: undefined }), (text, target) => {
        try {
          effectiveUser(parseDockerfile(text), { target, buildArg: () => undefined });
        } catch (error) {
          if (!(error instanceof DockerfileSyntaxError)) throw error;
        }
      }),
      { numRuns: 5000, seed: 1 },
    );
  });
});
