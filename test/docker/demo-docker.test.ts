/**
 * scripts/demo-docker.ts: the checks a person would run by hand against a running SecureContainer
 * print what a hardened container answers — its user, ALL dropped, a read-only root,
 * no-new-privileges, `id` 65532, a refused write to / and an accepted one to /tmp, and no
 * capability, no_new_privs and seccomp in its status.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { demoSecureContainer } from "../../scripts/demo-docker";

test("the SecureContainer demo prints each check with its real output", async () => {
  const printed: string[] = [];
  const checks = await demoSecureContainer(undefined, (line) => printed.push(line));
  const output = (command: RegExp) => {
    const check = checks.find((c) => command.test(c.command));
    assert.ok(check, `no check ${command}`);
    return check;
  };
  assert.equal(output(/Config\.User/).output, "65532:65532");
  assert.equal(output(/CapDrop/).output, "[ALL]");
  assert.equal(output(/ReadonlyRootfs/).output, "true");
  assert.equal(output(/SecurityOpt/).output, "[no-new-privileges:true]");
  assert.match(output(/exec secure-demo id$/).output, /^uid=65532 gid=65532/);
  const root = output(/touch \/probe$/);
  assert.notEqual(root.exitCode, 0);
  assert.match(root.output, /Read-only file system/);
  assert.equal(output(/touch \/tmp\/probe$/).exitCode, 0);
  const status = output(/proc\/1\/status/).output;
  assert.match(status, /^CapEff:\s+0000000000000000$/m);
  assert.match(status, /^CapBnd:\s+0000000000000000$/m);
  assert.match(status, /^NoNewPrivs:\s+1$/m);
  assert.match(status, /^Seccomp:\s+2$/m);
  // What a person reads: every command as typed, then its output.
  const text = printed.join("\n");
  for (const check of checks) assert.ok(text.includes(`$ ${check.command}`) && text.includes(check.output), check.command);
});
