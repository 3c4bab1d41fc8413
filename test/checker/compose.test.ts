import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runChecker } from "./run-checker";

const root = join(__dirname, "..", "..", "..");
const fixtures = join(root, "test", "fixtures", "compose");

interface Report {
  errors: string[];
  objects: Array<{ source: string; subject: string; findings: Array<{ rule: string; path: string; outcome: string; message: string; line?: number }>; exemptions: string[] }>;
}

const run = (args: string[], input?: string) => runChecker(args, { input });

function report(args: string[]): { code: number | null; report: Report } {
  const result = run(["check", "--format", "json", ...args]);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

/** `rule path` (with ` unknown` for an unknown outcome) of every finding, by subject. */
function findingsBySubject(r: Report): Map<string, string[]> {
  return new Map(r.objects.map((o) => [o.subject, o.findings.map((f) => `${f.rule} ${f.path}${f.outcome === "unknown" ? " unknown" : ""}`)]));
}

/** Every evasion service of insecure/docker-compose.yml, with exactly what the hardened profile must find. */
const EVASIONS: Record<string, string[]> = {
  "cap-sys-admin": ["restrict-added-capabilities services.cap-sys-admin.cap_add[0]"],
  "adds-all-over-drops-all": ["drop-all-capabilities services.adds-all-over-drops-all.cap_add[0]", "restrict-added-capabilities services.adds-all-over-drops-all.cap_add[0]"],
  "nnp-false": ["no-privilege-escalation services.nnp-false.security_opt[0]"],
  "seccomp-unconfined": ["seccomp-profile services.seccomp-unconfined.security_opt[1]"],
  "seccomp-allow-all-file": ["seccomp-profile services.seccomp-allow-all-file.security_opt[1]"],
  systempaths: ["proc-mount services.systempaths.security_opt[1]"],
  "root-uid": ["run-as-non-root services.root-uid.user", "non-root-uid-gid services.root-uid.user"],
  "root-name": ["run-as-non-root services.root-name.user", "non-root-uid-gid services.root-name.user"],
  "docker-socket": ["no-host-path-volumes services.docker-socket.volumes[0]", "no-docker-socket-mount services.docker-socket.volumes[0]"],
  "host-root-long-syntax": ["no-host-path-volumes services.host-root-long-syntax.volumes[0].source", "no-docker-socket-mount services.host-root-long-syntax.volumes[0].source"],
  "home-docker-config": ["no-host-path-volumes services.home-docker-config.volumes[0]"],
  "relative-escape": ["no-host-path-volumes services.relative-escape.volumes[0]"],
  "local-bind-volume": ["no-host-path-volumes volumes.host-etc.driver_opts.device"],
  privileged: [
    "drop-all-capabilities services.privileged.privileged",
    "no-privileged services.privileged.privileged",
    "restrict-added-capabilities services.privileged.privileged",
    "seccomp-profile services.privileged.privileged",
    "apparmor-profile services.privileged.privileged",
    "selinux-options services.privileged.privileged",
    "proc-mount services.privileged.privileged",
  ],
  "host-network": ["no-host-namespaces services.host-network.network_mode"],
  "host-pid": ["no-host-namespaces services.host-pid.pid", "selinux-options services.host-pid.pid"],
  devices: ["no-host-devices services.devices.devices[0]"],
  "sysctl-list": ["safe-sysctls services.sysctl-list.sysctls[0]"],
  "no-limits-by-variable": ["resource-limits services.no-limits-by-variable.mem_limit unknown"],
  "user-from-environment": ["run-as-non-root services.user-from-environment.user unknown", "non-root-uid-gid services.user-from-environment.user unknown"],
  "builds-root-image": ["run-as-non-root services.builds-root-image.build.dockerfile", "non-root-uid-gid services.builds-root-image.build"],
};

describe("container-hardening check on Compose files", () => {
  it("passes a hardened Compose project at every profile, a built image judged by its Dockerfile", () => {
    for (const profile of ["pss-baseline", "pss-restricted", "hardened"]) {
      const result = run(["check", "--profile", profile, join(fixtures, "secure")]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, new RegExp(`^2 Compose services checked against ${profile}: 0 findings\\.$`, "m"));
    }
  });

  it("finds exactly each evasion, at the Compose path where it is written", () => {
    const { code, report: r } = report([join(fixtures, "insecure", "docker-compose.yml")]);
    assert.equal(code, 1);
    assert.deepEqual(r.errors, []);
    const found = findingsBySubject(r);
    for (const [service, expected] of Object.entries(EVASIONS)) assert.deepEqual(found.get(`Compose service ${service}`), expected, service);
    assert.equal(r.objects.length, Object.keys(EVASIONS).length, "one object per service");
  });

  it("keeps to the profile: pss-baseline reports only baseline rules, at the baseline level", () => {
    const found = findingsBySubject(report(["--profile", "pss-baseline", join(fixtures, "insecure", "docker-compose.yml")]).report);
    assert.deepEqual(found.get("Compose service adds-all-over-drops-all"), ["restrict-added-capabilities services.adds-all-over-drops-all.cap_add[0]"]);
    assert.deepEqual(found.get("Compose service docker-socket"), ["no-host-path-volumes services.docker-socket.volumes[0]"]);
    assert.deepEqual(found.get("Compose service root-uid"), [], "run-as-non-root is a restricted rule");
    assert.deepEqual(found.get("Compose service devices"), [], "no-host-devices is beyond Pod Security");
  });

  it("says what to write in Compose terms", () => {
    const { stdout } = run(["check", join(fixtures, "insecure", "docker-compose.yml")]);
    const line = (service: string, rule: string) => stdout.split("\n").find((l) => l.includes(`Compose service ${service}:`) && l.endsWith(`[${rule}]`)) ?? "";
    assert.match(line("root-uid", "run-as-non-root"), /docker-compose\.yml: Compose service root-uid: services\.root-uid\.user: "0:0" runs as root .*Set services\.root-uid\.user to a non-root user/);
    assert.match(line("host-network", "no-host-namespaces"), /Remove services\.host-network\.network_mode; use the project's network/);
    assert.match(line("nnp-false", "no-privilege-escalation"), /"no-new-privileges=false" turns no_new_privs off/);
    assert.match(line("home-docker-config", "no-host-path-volumes"), /mounts the host's \/root\/\.docker.*~ is the home directory of whoever runs Compose/);
    assert.match(line("relative-escape", "no-host-path-volumes"), /mounts the host's \/etc.*is relative to the Compose file's directory/);
    assert.match(line("user-from-environment", "run-as-non-root"), /services\.user-from-environment\.user: The value cannot be verified here: it uses \$\{APP_USER\} with no default.*\. It must be a non-root user, e\.g\. "65532:65532"\. Give the variable a default that complies/);
    assert.match(line("builds-root-image", "run-as-non-root"), /root\.Dockerfile line 5 \(stage "final"\) sets USER root.*Or set services\.builds-root-image\.user/);
    const project = run(["check", join(fixtures, "project", "compose.yaml")]).stdout;
    assert.match(project, /services\.app\.read_only: .*Set services\.app\.read_only: true, .*tmpfs: \["\/tmp:rw,noexec,nosuid"\]/);
    assert.match(project, /services\.app\.mem_limit: .*Set services\.app\.mem_limit: 512m \(or deploy\.resources\.limits\.memory: 512M\)/);
  });

  it("reads manifests, Compose files and Dockerfiles of one directory together", () => {
    const { code, report: r } = report([join(fixtures, "project")]);
    assert.equal(code, 1);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.objects.map((o) => [o.source.slice(fixtures.length + 1), o.subject]),
      [
        ["project/app/Dockerfile", "Dockerfile"],
        ["project/compose.yaml", "Compose service app"],
        ["project/k8s/pod.yaml", "Pod tools"],
      ],
    );
    const dockerfile = r.objects[0]!.findings;
    assert.deepEqual(dockerfile.map((f) => [f.rule, f.path, f.line]), [["run-as-non-root", "FROM", 1]]);
    assert.ok(r.objects[1]!.findings.some((f) => f.rule === "run-as-non-root" && f.path === "services.app.build" && /base image alpine:3\.20/.test(f.message)));
    assert.ok(r.objects[2]!.findings.some((f) => f.rule === "no-host-namespaces" && f.path === "spec.hostNetwork"));
  });

  it("detects Compose files by content and by name, reads stdin, and honours exemption labels", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-compose-"));
    const service = "services:\n  tool:\n    image: i\n    privileged: true\n";
    writeFileSync(join(dir, "stack.yaml"), service);
    assert.match(run(["check", "--profile", "pss-baseline", join(dir, "stack.yaml")]).stdout, /stack\.yaml: Compose service tool: services\.tool\.privileged: .*\[no-privileged\]/);
    writeFileSync(join(dir, "docker-compose.override.yml"), "x-note: nothing to run\n");
    assert.equal(run(["check", join(dir, "docker-compose.override.yml")]).code, 0, "a file named like a Compose file is one, even without services");
    writeFileSync(join(dir, "ci.yml"), "language: node\nservices: [docker]\n");
    const walked = run(["check", "--profile", "pss-baseline", dir]);
    assert.match(walked.stdout, /1 skipped, neither Kubernetes objects nor Compose files \(.*ci\.yml\)/, "another tool's services list is no Compose file");
    assert.equal(walked.code, 1, "the Compose service is still judged");
    const piped = run(["check", "--profile", "pss-baseline", "-"], service);
    assert.match(piped.stdout, /<stdin>: Compose service tool: services\.tool\.privileged/);
    const exempt = `${service}    labels:\n      container-hardening.io/exempt: no-privileged,drop-all-capabilities,restrict-added-capabilities,seccomp-profile,apparmor-profile,selinux-options,proc-mount\n      container-hardening.io/exempt-reason: hardware test rig\n`;
    const exempted = run(["check", "--profile", "pss-baseline", "-"], exempt);
    assert.equal(exempted.code, 0, exempted.stdout);
    assert.match(exempted.stdout, /Compose service tool: note: no-privileged: exempted by annotation .*: hardware test rig/);
  });

  it("judges a service merged with the service it extends, in the same file or another", () => {
    const { report: r } = report([join(fixtures, "extends", "compose.yaml")]);
    assert.deepEqual(r.errors, []);
    const found = findingsBySubject(r);
    const privileged = ["drop-all-capabilities", "no-privileged", "restrict-added-capabilities", "seccomp-profile", "apparmor-profile", "selinux-options", "proc-mount"];
    assert.deepEqual(found.get("Compose service worker"), privileged.map((rule) => `${rule} services.worker.privileged`));
    assert.deepEqual(found.get("Compose service web"), [], "privileged: false on the service overrides the base");
    assert.deepEqual(found.get("Compose service tool"), ["restrict-added-capabilities services.tool.cap_add[0]", "seccomp-profile services.tool.security_opt[0]"]);
    const worker = r.objects.find((o) => o.subject === "Compose service worker")!;
    assert.match(worker.findings[0]!.message, /\(inherited from services\.privileged-base through extends\.\)$/);
    const tool = r.objects.find((o) => o.subject === "Compose service tool")!;
    assert.match(tool.findings[1]!.message, /merged with services\.debug of common\/debug\.yaml through extends/);
  });

  it("interpolates with the .env file next to the Compose file, which overrides the defaults", () => {
    const { report: r } = report([join(fixtures, "dotenv")]);
    assert.deepEqual(r.objects[0]!.findings.map((f) => `${f.rule} ${f.path}`), [
      "run-as-non-root services.app.user",
      "no-host-path-volumes services.app.volumes[0]",
      "read-only-root-filesystem services.app.read_only",
      "non-root-uid-gid services.app.user",
    ]);
    assert.match(r.objects[0]!.findings[0]!.message, /"0:0" runs as root.*\(\$\{APP_UID\}, \$\{APP_GID\} from .*dotenv\/\.env\.\)$/);
  });

  it("honours !reset and !override in an override file: a base's hardening can be taken away", () => {
    const { report: r } = report([join(fixtures, "reset")]);
    assert.deepEqual(r.objects[0]!.findings.map((f) => `${f.rule} ${f.path}`), [
      "drop-all-capabilities services.app.cap_drop",
      "no-privilege-escalation services.app.security_opt",
      "run-as-non-root services.app.user",
      "seccomp-profile services.app.security_opt[0]",
      "non-root-uid-gid services.app.user",
    ]);
    const single = run(["check", "--format", "json", "-"], "services:\n  app:\n    image: i\n    cap_drop: !reset [ALL]\n    cap_add: !override [ALL]\n");
    const findings = (JSON.parse(single.stdout) as Report).objects[0]!.findings.map((f) => `${f.rule} ${f.path}`);
    assert.ok(findings.includes("drop-all-capabilities services.app.cap_drop"), "a reset key is unset even in a single file");
    assert.ok(findings.includes("restrict-added-capabilities services.app.cap_add[0]"), "an override value is the value");
  });

  it("judges the files a Compose file includes, once, even when they were not named", () => {
    for (const path of [join(fixtures, "include", "compose.yaml"), join(fixtures, "include")]) {
      const { report: r } = report(["--profile", "pss-baseline", path]);
      assert.deepEqual(
        r.objects.map((o) => [o.subject, o.findings.map((f) => `${f.rule} ${f.path}`)]),
        [
          ["Compose service app", []],
          ["Compose service tools", ["no-host-namespaces services.tools.pid", "selinux-options services.tools.pid"]],
        ],
        path,
      );
    }
  });

  it("judges what a service takes from another (service: namespaces, volumes_from), so an exemption does not spread", () => {
    const { report: r } = report([join(fixtures, "sharing")]);
    assert.deepEqual(
      r.objects.map((o) => [o.subject, o.findings.map((f) => `${f.rule} ${f.path}`), o.exemptions.length]),
      [
        ["Compose service agent", [], 3],
        ["Compose service relay", ["no-host-namespaces services.relay.network_mode"], 0],
        ["Compose service web", ["no-host-namespaces services.web.network_mode", "no-host-path-volumes services.web.volumes_from[0]", "no-docker-socket-mount services.web.volumes_from[0]"], 0],
      ],
    );
    const web = r.objects[2]!.findings;
    assert.match(web[0]!.message, /"service:relay" joins the host's namespace through services\.relay -> services\.agent/);
    assert.match(web[2]!.message, /services\.agent\.volumes\[0\], shared through volumes_from/);
  });

  it("refuses extends that names no service, or loops, with exit code 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-compose-"));
    writeFileSync(join(dir, "compose.yaml"), "services:\n  a: { extends: b, image: i }\n  b: { extends: a, image: i }\n  c: { extends: { service: missing }, image: i }\n");
    const result = run(["check", join(dir, "compose.yaml")]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /services\.a extends itself through .*compose\.yaml#b -> .*compose\.yaml#a/);
    assert.match(result.stderr, /services\.c extends "missing", which .*compose\.yaml does not define as a service/);
  });

  it("merges an override file into its base file, as docker compose up does", () => {
    const { report: r } = report([join(fixtures, "override")]);
    assert.deepEqual(r.objects.map((o) => [o.source.slice(fixtures.length + 1), o.subject]), [["override/compose.yaml + compose.override.yaml", "Compose service app"]]);
    assert.deepEqual(r.objects[0]!.findings.map((f) => `${f.rule} ${f.path}`), [
      "drop-all-capabilities services.app.cap_add[0]",
      "restrict-added-capabilities services.app.cap_add[0]",
      "no-host-path-volumes services.app.volumes[0]",
      "no-docker-socket-mount services.app.volumes[0]",
    ]);
    assert.match(r.objects[0]!.findings[0]!.message, /set in .*compose\.override\.yaml/);
    assert.equal(run(["check", join(fixtures, "override", "compose.yaml")]).code, 0, "the base alone is hardened");
  });

  // Found by the differential test against compose-go (test/fuzz/compose-project-differential.ts).
  it("resolves extends in each file before merging the override file, as compose-go does", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-compose-"));
    writeFileSync(join(dir, "compose.yaml"), "services:\n  base: { image: i }\n  web: { extends: base, image: i }\n");
    writeFileSync(join(dir, "compose.override.yaml"), "services:\n  base: { cap_drop: [ALL] }\n");
    const { report: r } = report([dir]);
    const drops = r.objects.map((o) => [o.subject, o.findings.some((f) => f.rule === "drop-all-capabilities")]);
    // web takes base as compose.yaml writes it: the override's cap_drop reaches base alone.
    assert.deepEqual(drops, [["Compose service base", false], ["Compose service web", true]]);
  });

  // compose-go v2.16.2 loads the documents of one file as one project, each merged onto the ones before.
  it("judges the documents of one file as one project, so a later !reset undoes an earlier hardening", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-compose-"));
    writeFileSync(join(dir, "compose.yaml"), "services:\n  web: { image: i, user: '1000', cap_drop: [ALL] }\n---\nservices:\n  web: { cap_drop: !reset [] }\n");
    const { report: r } = report([join(dir, "compose.yaml")]);
    assert.deepEqual(r.objects.map((o) => [o.source.slice(dir.length + 1), o.subject]), [["compose.yaml", "Compose service web"]]);
    const drop = r.objects[0]!.findings.find((f) => f.rule === "drop-all-capabilities");
    assert.ok(drop, "the second document resets cap_drop");
  });


  // compose-go v2.16.2 loads a service named __proto__ (privileged: true) like any other; assigning
  // that key in JavaScript sets a prototype instead, and the service vanished: a silent pass.
  it("judges a service named __proto__, in one file and merged from an override file", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-compose-"));
    writeFileSync(join(dir, "compose.yaml"), "services:\n  __proto__: { image: i, user: '10001:10001', cap_drop: [ALL] }\n");
    writeFileSync(join(dir, "compose.override.yaml"), "services:\n  __proto__: { privileged: true }\n");
    const alone = report([join(dir, "compose.yaml")]).report;
    assert.deepEqual(alone.objects.map((o) => o.subject), ["Compose service __proto__"]);
    assert.ok(!alone.objects[0]!.findings.some((f) => f.rule === "no-privileged"));
    const merged = report([dir]).report;
    assert.deepEqual(merged.objects.map((o) => o.subject), ["Compose service __proto__"]);
    assert.ok(merged.objects[0]!.findings.some((f) => f.rule === "no-privileged" && f.path === "services.__proto__.privileged"));
  });
  it("refuses a numeric user as Compose does (its schema wants a string), still judging the service", () => {
    const result = run(["check", "-"], "services:\n  web:\n    image: i\n    user: 0\n");
    assert.equal(result.code, 2);
    assert.match(result.stderr, /<stdin>:4: services\.web\.user is the number 0, which Compose refuses \(it must be a string\); write user: "0"/);
    assert.match(result.stdout, /run-as-non-root/);
  });

  it("refuses a Compose file whose services are not a mapping with exit code 2, naming file, line and field", () => {
    const dir = mkdtempSync(join(tmpdir(), "checker-compose-"));
    mkdirSync(join(dir, "a"));
    writeFileSync(join(dir, "a", "compose.yaml"), "name: shop\nservices:\n  - web\n  - db\n");
    const list = run(["check", join(dir, "a")]);
    assert.equal(list.code, 2);
    assert.match(list.stderr, /a\/compose\.yaml:3: services must be a mapping of service names to services/);
    writeFileSync(join(dir, "a", "compose.yaml"), "services:\n  web:\n    image: i\n    user: \"65532:65532\"\n  db: postgres\n");
    const scalar = run(["check", join(dir, "a")]);
    assert.equal(scalar.code, 2);
    assert.match(scalar.stderr, /a\/compose\.yaml:5: services\.db must be a mapping of the service's settings/);
    assert.match(scalar.stdout, /Compose service web/, "the readable services are still judged");
  });

  it("turns a wrong type in a field a rule reads into a finding, never a pass", () => {
    const piped = run(["check", "--format", "json", "--profile", "pss-restricted", "-"], "services:\n  web:\n    image: i\n    user: \"65532\"\n    cap_drop: ALL\n    security_opt: [\"no-new-privileges\"]\n");
    assert.equal(piped.code, 1);
    const r = JSON.parse(piped.stdout) as Report;
    assert.deepEqual(r.objects[0]!.findings.map((f) => `${f.rule} ${f.path}`), ["drop-all-capabilities services.web.cap_drop"]);
    assert.match(r.objects[0]!.findings[0]!.message, /cannot be read: it is "ALL", but it must be a list/);
  });
});
