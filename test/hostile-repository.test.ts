import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { folderHash } from "../src/engine/cache.js";
import { runBin } from "./helpers.js";

/**
 * A security linter runs on repositories its user does not control. Each test here is one hole a
 * hostile repository could use (issue 13), closed: nothing leaks, nothing hides a finding, nothing
 * hangs or eats the machine, and output cannot be turned against its reader. Timing limits are
 * generous: they catch a quadratic path (minutes), not a slow machine.
 */

interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  fix?: { range: [number, number]; text: string };
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: (JsonMessage & { suppressions: { kind: string; justification: string }[] })[];
  output?: string;
}

function repo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "csl-hostile-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function json(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

/** A fresh per-user cache folder, as another installation would have. */
function installation(): Record<string, string> {
  return { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "csl-user-cache-")) };
}

const SECRET_PARAMETER = 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n';
const GITHUB_TOKEN = "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";

describe("a secret is never printed", () => {
  it("syntax errors say what and where, never the source text", () => {
    const dir = repo({ "a.tf": `a = "%{ ${GITHUB_TOKEN} }"\n`, "b.tf": `${GITHUB_TOKEN} = 1\n${GITHUB_TOKEN} = 2\n` });
    const run = runBin(["-f", "json", "."], dir);
    // a file that does not parse still has its credentials reported (issue 23): masked, like everywhere
    const token = "Hard-coded GitHub personal access token (classic) (github-pat): ghp_…(40 chars).";
    expect(json(run.stdout).map((r) => r.messages.map((m) => [m.line, m.column, m.message.split(" Template source")[0]]))).toEqual([
      [
        [1, 6, 'Parsing error: Invalid template control keyword: The word after "%{" is not a valid template control keyword (if, else, endif, for or endfor).'],
        [1, 9, token],
      ],
      [
        [1, 1, token],
        [2, 1, "Parsing error: Attribute redefined: The argument was already set at line 1, column 1. Each argument may be set only once."],
        [2, 1, token],
      ],
    ]);
    expect(run.stdout + run.stderr).not.toContain(GITHUB_TOKEN.slice(4, 12));
  });

  it("a literal written with escapes is masked in --fix-dry-run, in JSON fix texts and in the cache", () => {
    const written = String.raw`"kR9\"vT2#mQ7\\zL"`;
    const dir = repo({ "main.tf": `variable "db_password" {\n  type    = string\n  default = ${written}\n}\n` });
    const dryRun = runBin(["--fix-dry-run", "."], dir);
    expect(dryRun.stdout).toContain("+  sensitive = true");
    const cacheRun = runBin(["-f", "json", "--cache", "--cache-location", join(dir, "cache"), "."], dir, installation());
    const fixes = json(cacheRun.stdout).flatMap((r) => r.messages.flatMap((m) => (m.fix ? [m.fix.text] : [])));
    expect(fixes.length).toBeGreaterThan(0);
    for (const text of [dryRun.stdout, fixes.join("\n"), readFileSync(join(dir, "cache"), "utf8")]) {
      expect(text).not.toContain("vT2#mQ7");
    }
  });

  it("--print-json masks a multi-line PuTTY key as a whole", () => {
    const key = [
      "PuTTY-User-Key-File-2: ssh-rsa",
      "Encryption: none",
      "Comment: imported-openssh-key",
      "Public-Lines: 1",
      "AAAAB3NzaC1yc2EAAAADAQABAAABAQCy7h2hk6Qn7bQzJ2k3Q3Pp6dX1b5T1a2b3c4d5",
      "Private-Lines: 2",
      "AAABAQCfU1aQ7dY8jK9lM0nO1pQ2rS3tU4vW5xY6zA7bB8cC9dD0eE1fF2gG3hH4iI5j",
      "jK6kL7lM8mN9nO0pP1qQ2rR3sS4tT5uU6vV7wW8xX9yY0zZ1aA2bB3cC4dD5eE6fF7g",
      "Private-MAC: 7e9c0a4f1b2d3c4e5f60718293a4b5c6d7e8f901",
    ];
    const dir = repo({ "main.tf": `locals {\n  key = <<-EOT\n${key.map((l) => `    ${l}`).join("\n")}\n  EOT\n}\n` });
    const run = runBin(["--print-json", "main.tf"], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ locals: [{ key: "PuTT\u2026(402 chars)\n" }] });
  });

  it("the reason of a suppression directive is masked in JSON and SARIF", () => {
    const dir = repo({ "main.tf": `# coder-secrets-lint-ignore no-secret-parameters -- rotated, was password=Hunter2Secret9 before\n${SECRET_PARAMETER}` });
    const out = runBin(["-f", "json", "."], dir).stdout;
    expect(json(out)[0]?.suppressedMessages.map((m) => m.suppressions[0]?.justification)).toEqual(["rotated, was password=Hun\u2026(14 chars) before"]);
    const sarif = runBin(["-f", "sarif", "."], dir).stdout;
    expect(sarif).toContain("Hun\u2026(14 chars)");
    expect(out + sarif).not.toContain("Hunter2Secret9");
  });

  it("a configuration or baseline error names the file and a position, never its content", () => {
    const dir = repo({ "main.tf": SECRET_PARAMETER, "schema.json": "\n  SECRETVALUE123 not json", ".coder-secrets-lint.json": JSON.stringify({ providerSchemas: ["schema.json"] }) });
    const run = runBin(["."], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`coder-secrets-lint: ${join(dir, ".coder-secrets-lint.json")}: providerSchemas: ${join(dir, "schema.json")}: provider schema is not valid JSON (at line 2, column 3)\n`);
    writeFileSync(join(dir, "baseline.json"), "SECRETVALUE123");
    const baseline = runBin(["--no-config-lookup", "--baseline", "baseline.json", "."], dir);
    expect([baseline.code, baseline.stderr]).toEqual([2, `coder-secrets-lint: --baseline ${join(dir, "baseline.json")}: baseline is not valid JSON (at line 1, column 1)\n`]);
  });

  it("a baseline holds nothing derived from a secret: the same for two different passwords", () => {
    const baselineOf = (password: string): string => {
      const dir = repo({ "main.tf": `variable "db_password" {\n  sensitive = true\n  default   = "${password}"\n}\n` });
      expect(runBin(["--write-baseline", "baseline.json", "."], dir).code).toBe(0);
      return readFileSync(join(dir, "baseline.json"), "utf8");
    };
    const one = baselineOf("Summer2024!x");
    expect(one).toBe(baselineOf("Winter2025?y"));
    expect(JSON.parse(one)).toMatchObject({ tool: "coder-secrets-lint", version: 2 });
  });
});

describe("nothing in the repository hides a finding", () => {
  it("a NUL byte anywhere makes the file binary: reported, exit code 3", () => {
    const dir = repo({ "main.tf": "#" + "x".repeat(9000) + "\n\0\n" + SECRET_PARAMETER });
    const run = runBin(["-f", "json", "."], dir);
    expect(run.code).toBe(3);
    expect(json(run.stdout)[0]?.messages.map((m) => m.message)).toEqual(["File is binary (it contains NUL bytes); not linted"]);
  });

  it('the CLI takes paths after "--": a file named like an option is a path', () => {
    const dir = repo({ "--write-baseline=w.tf": SECRET_PARAMETER });
    const run = runBin(["-f", "json", "--", "--write-baseline=w.tf"], dir);
    expect(run.code).toBe(1);
    expect(json(run.stdout).map((r) => r.messages.map((m) => [m.ruleId, m.line, m.column]))).toEqual([[["no-secret-parameters", 1, 1]]]);
    expect(existsSync(join(dir, "w.tf"))).toBe(false);
  });

  it("a cache file this installation did not write is ignored with a note, never trusted", () => {
    const dir = repo({ "main.tf": SECRET_PARAMETER });
    const cache = join(dir, ".coder-secrets-lint-cache");
    // installation A marks the folder clean (its run had the rule off), installation B must not believe it
    const a = installation();
    expect(runBin(["--cache", "--rule", "no-secret-parameters:off", "."], dir, a).code).toBe(0);
    writeFileSync(cache, readFileSync(cache, "utf8").replace(/"key":"[0-9a-f]+"/, `"key":"forged"`));
    const b = runBin(["--cache", "."], dir, installation());
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(`coder-secrets-lint: ignoring the cache file ${cache}: it was not written by this installation (or it is corrupt); it will be rewritten`);
    expect(b.stdout).toContain("no-secret-parameters");
    writeFileSync(cache, "garbage");
    expect(runBin(["--cache", "."], dir, a).stderr).toContain("ignoring the cache file");
  });

  it("the cache key covers --report-unused-suppressions, provider schema content and modules called from .tf.json", () => {
    const user = installation();
    const dir = repo({
      "main.tf": "# coder-secrets-lint-ignore no-secret-parameters -- nothing to suppress\nlocals {}\n",
      "schema.json": JSON.stringify({ provider_schemas: {} }),
      ".coder-secrets-lint.json": JSON.stringify({ providerSchemas: ["schema.json"] }),
      "json/main.tf.json": JSON.stringify({ module: { child: { source: "../child" } } }),
      "child/main.tf": "locals {}\n",
    });
    expect(runBin(["--cache", "."], dir, user).code).toBe(0);
    expect(runBin(["--cache", "--report-unused-suppressions", "."], dir, user).stdout).toContain("Unused coder-secrets-lint-ignore directive");
    // a schema that makes acme_robot.handle secret: the cached run must not answer for it
    writeFileSync(join(dir, "main.tf"), 'resource "acme_robot" "bot" {}\n\nresource "coder_agent" "a" {\n  env = { H = acme_robot.bot.handle }\n}\n');
    const count = (out: string): number => json(out).reduce((n, r) => n + r.messages.filter((m) => m.ruleId === "require-sensitive-metadata").length, 0);
    expect(count(runBin(["--cache", "-f", "json", "."], dir, user).stdout)).toBe(0);
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ provider_schemas: { "registry.terraform.io/acme/acme": { resource_schemas: { acme_robot: { block: { attributes: { handle: { type: "string", sensitive: true } } } } } } } }));
    expect(count(runBin(["--cache", "-f", "json", "."], dir, user).stdout)).toBe(1);
    // a module called from Terraform JSON is part of the calling folder's hash (its folders come
    // from the model: see hostile-review-2's cache test for the end-to-end case)
    const hashBefore = folderHash(join(dir, "json"), 1024 * 1024, undefined, [join(dir, "child")]);
    writeFileSync(join(dir, "child", "main.tf"), "locals { changed = true }\n");
    expect(folderHash(join(dir, "json"), 1024 * 1024, undefined, [join(dir, "child")])).not.toBe(hashBefore);
  });

  it("a configuration may read provider schemas only inside its repository, and only regular files", () => {
    const outside = repo({ "schema.json": "{}" });
    for (const schema of [join(outside, "schema.json"), "/proc/self/environ", "/dev/zero"]) {
      const dir = repo({ "main.tf": SECRET_PARAMETER, ".coder-secrets-lint.json": JSON.stringify({ providerSchemas: [schema] }) });
      const run = runBin(["."], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/providerSchemas: .* is outside the repository of the configuration/);
    }
    const dir = repo({ "main.tf": SECRET_PARAMETER, ".coder-secrets-lint.json": JSON.stringify({ providerSchemas: ["zero.json"] }) });
    symlinkSync("/dev/zero", join(dir, "zero.json"));
    expect(runBin(["."], dir).code).toBe(2);
  });

  it("a file named on the command line that ignores skip is reported as ignored; a run with every rule off says so", () => {
    const dir = repo({ "main.tf": SECRET_PARAMETER, ".coder-secrets-lint.json": JSON.stringify({ ignores: ["**"] }) });
    const run = runBin(["-f", "json", "main.tf"], dir);
    expect(json(run.stdout).map((r) => r.messages.map((m) => [m.severity, m.message]))).toEqual([[[1, "File ignored because of a matching ignore pattern (the configuration's ignores). Use --no-warn-ignored to suppress this warning"]]]);
    expect(runBin(["--max-warnings", "0", "main.tf"], dir).code).toBe(1);
    const off = repo({ "main.tf": SECRET_PARAMETER, ".coder-secrets-lint.json": JSON.stringify({ rules: Object.fromEntries(["no-secret-parameters", "require-sensitive-metadata", "no-cleartext-metadata", "no-hardcoded-credentials", "no-secret-in-scripts", "no-secret-in-urls", "sensitive-variables", "no-legacy-secret-attributes"].map((id) => [id, "off"])) }) });
    expect(runBin(["."], off).stderr).toBe(
      `coder-secrets-lint: configuration ${join(off, ".coder-secrets-lint.json")} turns off no-secret-parameters, require-sensitive-metadata, no-cleartext-metadata, no-hardcoded-credentials, no-secret-in-scripts, no-secret-in-urls, sensitive-variables, no-legacy-secret-attributes\n` +
        "coder-secrets-lint: every rule is off (configuration and --rule): nothing is checked\n",
    );
  });
});

describe("nothing hangs or eats the machine", () => {
  it("a template that is a symlink to /proc/self/pagemap, or /dev/zero with --cache, is not read without bound", () => {
    const dir = repo({ "ok.tf": SECRET_PARAMETER });
    symlinkSync("/proc/self/pagemap", join(dir, "pagemap.tf"));
    const started = Date.now();
    const run = runBin(["-f", "json", "--", "ok.tf", "pagemap.tf"], dir);
    expect(run.code).toBe(3);
    expect(json(run.stdout).map((r) => r.messages[0]?.message)).toEqual([expect.stringContaining("Parameter"), expect.stringMatching(/over the --max-file-size limit|Cannot read file|Not a regular file/)]);
    // a folder scan does not follow symlinks, but the module's context and the cache hash read its files
    symlinkSync("/dev/zero", join(dir, "zero.tf"));
    expect(runBin(["--cache", "--cache-location", join(dir, "c"), "."], dir, installation()).code).toBe(1);
    // --print-json reads through the same bounded reader
    const printed = runBin(["--print-json", "zero.tf"], dir);
    expect([printed.code, printed.stderr]).toEqual([3, "coder-secrets-lint: zero.tf: Not a regular file; not linted\n"]);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it.each([
    ["a 320,000-character identifier", { "main.tf": "locals {\n  " + "A".repeat(320_000) + "b = 1\n}\n" }],
    ["4 MiB of PEM BEGIN lines in a .tftpl", { "t.tftpl": "-----BEGIN RSA PRIVATE KEY-----\n".repeat(130_000) }],
    ["80,000 interpolations of a secret in one script", { "main.tf": 'variable "api_token" {\n  sensitive = true\n}\nresource "coder_script" "s" {\n  script = <<-EOT\n' + "    curl https://x.example/?q=${var.api_token}\n".repeat(80_000) + "  EOT\n}\n" }],
  ])("%s is linted in bounded time", (_name, files) => {
    const dir = repo(files);
    const started = Date.now();
    const run = runBin(["-f", "json", "-o", join(dir, "out.json"), "--max-file-size", "20000000", "."], dir);
    expect([0, 1]).toContain(run.code);
    expect(Date.now() - started).toBeLessThan(45_000);
  }, 90_000);

  it("a user glob like *a*a*a*a*b against a long file name is matched without backtracking", () => {
    const long = "a".repeat(250) + ".tf";
    const dir = repo({ [long]: SECRET_PARAMETER, ".coder-secrets-lint.json": JSON.stringify({ ignores: ["*a*a*a*a*b", "{x,y}*a*a*a*c"] }) });
    const started = Date.now();
    const run = runBin(["-f", "json", "."], dir);
    expect(run.code).toBe(1);
    // braces that would expand to a million alternatives are refused before they are expanded
    const bomb = repo({ "main.tf": SECRET_PARAMETER, ".coder-secrets-lint.json": JSON.stringify({ ignores: ["{a,b}".repeat(20)] }) });
    const refused = runBin(["."], bomb);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("expands to more than 256 alternatives");
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("a folder of six dense 4 MiB files: what exceeds the memory budget is reported as not linted, the rest is linted", () => {
    let dense = "";
    for (let i = 0; dense.length < 4 * 1024 * 1024 - 400; i++) dense += `resource "coder_agent" "a${String(i)}" {\n  env = { KEY = var.x["k"][0], B = "\${local.y}-z" }\n  count = length([for v in var.list : v if v != ""])\n}\n`;
    const files: Record<string, string> = { "ok.tf": SECRET_PARAMETER };
    for (let k = 0; k < 6; k++) files[`f${String(k)}.tf`] = dense;
    const dir = repo(files);
    const run = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, join(import.meta.dirname, "..", "dist", "bundle", "cli.js"), "-f", "json", "-o", join(dir, "out.json"), "."], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    expect(run.status).toBe(3);
    const results = JSON.parse(readFileSync(join(dir, "out.json"), "utf8")) as JsonResult[];
    const notLinted = results.filter((r) => r.messages.some((m) => m.message.includes("memory budget")));
    expect(notLinted.length).toBeGreaterThan(0);
    expect(results.find((r) => r.filePath.endsWith("ok.tf"))?.messages.map((m) => m.ruleId)).toEqual(["no-secret-parameters"]);
    expect(Number(/(\d+)\s*$/.exec(run.stderr)?.[1] ?? Infinity) / 1024).toBeLessThan(1024);
  }, 120_000);

  it("a 200,000-element tuple does not turn findings into internal errors", () => {
    const dir = repo({ "main.tf": `locals {\n  t = [${Array.from({ length: 200_000 }, (_, i) => String(i)).join(",")}]\n  token = "${GITHUB_TOKEN}"\n}\n` });
    const run = runBin(["-f", "json", "."], dir);
    expect(json(run.stdout)[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["no-hardcoded-credentials", 3, 12]]);
  });

  it("--fix-dry-run with a machine format prints only that format, the fixed text in `output`", () => {
    const dir = repo({ "main.tf": `variable "db_password" {\n  type = string\n}\n` });
    const run = runBin(["--fix-dry-run", "-f", "json", "."], dir);
    const results = json(run.stdout);
    expect(results[0]?.output).toBe(`variable "db_password" {\n  type      = string\n  sensitive = true\n}\n`);
    expect(readFileSync(join(dir, "main.tf"), "utf8")).toBe(`variable "db_password" {\n  type = string\n}\n`);
  });
});

describe("output cannot be turned against its reader", () => {
  it("control characters from labels, file names and config keys are made visible", () => {
    const dir = repo({ "main.tf": 'data "coder_parameter" "api_token\\n::stop-commands::x" {\n  name = "api_token"\n}\n', "e\u001b[31m.tf": SECRET_PARAMETER });
    const run = runBin(["."], dir);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("::"))).toEqual([]);
    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).toContain("e\\x1b[31m.tf");
    const config = repo({ "main.tf": SECRET_PARAMETER, ".coder-secrets-lint.json": JSON.stringify({ rules: { "x\n::error::pwned": "off" } }) });
    const bad = runBin(["."], config);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n").filter((l) => l.startsWith("::"))).toEqual([]);
  });

  it.skipIf(spawnSync("python3", ["--version"]).status !== 0)("JUnit stays well-formed XML with ]]> in a path and ESC in a message", () => {
    const dir = repo({ "a]]><x/>b/main.tf": SECRET_PARAMETER, "main.tf": 'data "coder_parameter" "api_token\\u001b" {\n  name = "api_token"\n}\n' });
    const xml = runBin(["-f", "junit", "."], dir).stdout;
    const check = spawnSync("python3", ["-c", "import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName('testsuite')))"], { input: xml, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.stdout.trim()).toBe("2");
  });
});
