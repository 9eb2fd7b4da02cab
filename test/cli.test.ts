import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, FIXTURES, ROOT, runBin } from "./helpers.js";

const fixture = (name: string): string => join(FIXTURES, name);

describe("coder-secrets-lint (bin)", () => {
  it("prints ESLint's stylish format and exits 1 on errors", () => {
    const { code, stdout, stderr } = runBin(["seed/bad", "no-cleartext-metadata/bad/main.tf"], FIXTURES);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "",
        fixture("no-cleartext-metadata/bad/main.tf"),
        '  11:3  error  coder_metadata item "VNC password" of coder_metadata.workspace shows secret random_password.vnc.result (sensitive in the provider schema) in cleartext: add sensitive = true  no-cleartext-metadata',
        '  15:3  error  coder_metadata item "GitHub token" of coder_metadata.workspace shows secret data.coder_external_auth.github.access_token (a Coder secret) in cleartext: add sensitive = true  no-cleartext-metadata',
        "  24:3  error  coder_metadata item (computed key) of coder_metadata.workspace shows secret random_password.vnc.result (sensitive in the provider schema) in cleartext: add sensitive = true  no-cleartext-metadata",
        "",
        fixture("seed/bad/main.tf"),
        '  11:5  warning  Secret twilio_iam_api_key.api_key.secret (an attribute whose name says "secret") is injected as env "TWILIO_API_SECRET" of coder_agent.main without a coder_metadata item marked sensitive = true that shows the same secret  require-sensitive-metadata',
        "",
        "\u2716 4 problems (3 errors, 1 warning)",
        "",
      ].join("\n"),
    );
  });

  it("exits 0 and prints nothing on a clean folder", () => {
    expect(runBin(["seed/good"], FIXTURES)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints ESLint's JSON shape with --format json", () => {
    const { code, stdout } = runBin(["--format", "json", "seed/bad"], FIXTURES);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as unknown[];
    expect(results).toEqual([
      {
        filePath: fixture("seed/bad/main.tf"),
        messages: [
          {
            ruleId: "require-sensitive-metadata",
            severity: 1,
            message:
              'Secret twilio_iam_api_key.api_key.secret (an attribute whose name says "secret") is injected as env "TWILIO_API_SECRET" of coder_agent.main without a coder_metadata item marked sensitive = true that shows the same secret.',
            messageId: "missingSensitiveMetadata",
            nodeType: null,
            line: 11,
            column: 5,
            endLine: 11,
            endColumn: 63,
            trace: {
              path: "twilio_iam_api_key.api_key.secret",
              steps: [
                { label: "twilio_iam_api_key.api_key.secret", filePath: fixture("seed/bad/main.tf"), line: 11, column: 28, endLine: 11, endColumn: 61 },
                { label: "require-sensitive-metadata", filePath: fixture("seed/bad/main.tf"), line: 11, column: 5, endLine: 11, endColumn: 63 },
              ],
            },
          },
        ],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ]);
  });

  it("fails on too many warnings with --max-warnings, and hides warnings with --quiet", () => {
    const tooMany = runBin(["--max-warnings", "0", "seed/bad"], FIXTURES);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toBe("coder-secrets-lint found too many warnings (maximum: 0).\n");
    expect(runBin(["--quiet", "seed/bad"], FIXTURES)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("sets severities with --rule", () => {
    const { code, stdout } = runBin(["--rule", "require-sensitive-metadata:error", "-f", "json", "seed/bad"], FIXTURES);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { errorCount: number }[])[0]?.errorCount).toBe(1);
    expect(runBin(["--rule", "require-sensitive-metadata:off", "seed/bad"], FIXTURES).stdout).toBe("");
  });

  it("reports only the files named, with their folder loaded for context", () => {
    // main.tf alone would lack the sensitive metadata item of metadata.tf
    expect(runBin(["require-sensitive-metadata/good/main.tf"], FIXTURES).code).toBe(0);
    const { stdout } = runBin(["-f", "json", "require-sensitive-metadata/bad/main.tf"], FIXTURES);
    expect((JSON.parse(stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual([fixture("require-sensitive-metadata/bad/main.tf")]);
  });

  it("exits 2 on usage errors", () => {
    expect(runBin(["--frobnicate"], FIXTURES)).toMatchObject({ code: 2 });
    expect(runBin(["--format", "xml", "seed"], FIXTURES)).toEqual({
      code: 2,
      stdout: "",
      stderr: 'coder-secrets-lint: unknown format "xml"; choose one of stylish, json, sarif, github, junit, an eslint-formatter-<name> package installed beside coder-secrets-lint or globally, or a formatter file\n',
    });
    expect(runBin(["no/such/path"], FIXTURES)).toEqual({
      code: 2,
      stdout: "",
      stderr: 'coder-secrets-lint: No files matching the pattern "no/such/path" were found.\n',
    });
    expect(runBin(["--rule", "no-such-rule:error", "seed"], FIXTURES)).toEqual({
      code: 2,
      stdout: "",
      stderr: 'coder-secrets-lint: --rule "no-such-rule:error": unknown rule "no-such-rule"\n',
    });
  });

  it("exits 2 on a bad configuration, naming the offending key", () => {
    const dir = fixture("config/bad-config");
    expect(runBin([], dir)).toEqual({
      code: 2,
      stdout: "",
      stderr: `coder-secrets-lint: ${join(dir, ".coder-secrets-lint.json")}: invalid configuration at (root) "ignore": must NOT have additional properties\n`,
    });
  });

  it("exits 3 when a file cannot be read as text, and still lints the others", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-"));
    writeFileSync(join(dir, "binary.tf"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    writeFileSync(join(dir, "latin1.tf"), Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
    writeFileSync(join(dir, "main.tf"), 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n');
    const { code, stdout } = runBin(["-f", "json", "."], dir);
    expect(code).toBe(3);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; message: string; line: number }[] }[];
    expect(results.map((r) => [r.filePath, r.messages.map((m) => [m.ruleId, m.line, m.message.slice(0, 40)])])).toEqual([
      [join(dir, "binary.tf"), [[null, 1, "File is binary (it contains NUL bytes); "]]],
      [join(dir, "latin1.tf"), [[null, 1, "File is not valid UTF-8 text; not linted"]]],
      [join(dir, "main.tf"), [["no-secret-parameters", 1, 'Parameter "api_token" collects a secret ']]],
    ]);
  });

  it("refuses files over --max-file-size", () => {
    const { code, stdout } = runBin(["--max-file-size", "10", "-f", "json", "seed/good"], FIXTURES);
    expect(code).toBe(3);
    expect((JSON.parse(stdout) as { messages: { message: string }[] }[])[0]?.messages[0]?.message).toBe(
      "File is 600 bytes, over the --max-file-size limit of 10 bytes; not linted",
    );
  });

  it("uses the nearest config file: extra sensitive attributes, ignores and provider schemas", () => {
    const custom = runBin(["-f", "json"], fixture("config/custom-attribute"));
    expect(custom.code).toBe(1);
    expect((JSON.parse(custom.stdout) as { messages: { ruleId: string; line: number }[] }[])[0]?.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ["require-sensitive-metadata", 7],
    ]);
    // a configuration that ignores files says so (it may be the scanned repository's own)
    expect(runBin([], fixture("config/ignored"))).toEqual({ code: 0, stdout: "", stderr: `coder-secrets-lint: configuration ${join(fixture("config/ignored"), ".coder-secrets-lint.json")} ignores "skip/**"\n` });
    const schema = runBin(["-f", "json"], fixture("config/provider-schema"));
    expect((JSON.parse(schema.stdout) as { messages: { message: string }[] }[])[0]?.messages.map((m) => m.message)).toEqual([
      'coder_metadata item "robot" of coder_metadata.bot shows secret acme_robot.bot.login_material (configured as a sensitive attribute) in cleartext: add sensitive = true.',
    ]);
  });

  it("lists rules, prints its version, help and the resolved config", () => {
    expect(runBin(["--list-rules"], ROOT).stdout).toBe(
      [
        "no-secret-parameters         error  Disallow coder_parameter blocks that collect a secret",
        "require-sensitive-metadata   warn   Require a sensitive coder_metadata item for every secret injected into the workspace",
        "no-cleartext-metadata        error  Disallow coder_metadata items that show a secret without sensitive = true",
        "no-hardcoded-credentials     error  Disallow credentials written into template files",
        "no-secret-in-scripts         warn   Disallow secrets interpolated into scripts and commands Coder stores and logs",
        "no-secret-in-urls            error  Disallow secrets in URLs: coder_app URLs, query strings and userinfo",
        "sensitive-variables          warn   Require sensitive = true on secret-named variables, without a literal default",
        "no-legacy-secret-attributes  warn   Disallow the legacy Coder secret attributes removed in provider v2",
        "",
      ].join("\n"),
    );
    expect(runBin(["--version"], ROOT).stdout).toMatch(/^v\d+\.\d+\.\d+\n$/);
    expect(runBin(["--help"], ROOT).stdout).toContain("Exit codes: 0 no errors");
    const printed = JSON.parse(runBin(["--print-config"], fixture("config/custom-attribute")).stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      configFile: join(fixture("config/custom-attribute"), ".coder-secrets-lint.json"),
      rules: {
        "no-secret-parameters": "error",
        "require-sensitive-metadata": "error",
        "no-cleartext-metadata": "error",
        "no-hardcoded-credentials": "error",
        "no-secret-in-scripts": "warn",
        "no-secret-in-urls": "error",
        "sensitive-variables": "warn",
        "no-legacy-secret-attributes": "warn",
      },
      sensitiveAttributes: ["acme_api_credential.material"],
    });
  });

  it("prints a file in hcl2json's shape with --print-json", () => {
    const { code, stdout } = runBin(["--print-json", "seed/good/main.tf"], FIXTURES);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      resource: {
        twilio_iam_api_key: { api_key: [{ account_sid: "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", friendly_name: "Test API Key" }] },
        coder_agent: { main: [{ os: "linux", arch: "amd64", env: { TWILIO_API_SECRET: "${twilio_iam_api_key.api_key.secret}" } }] },
        coder_metadata: {
          twilio_key: [
            {
              resource_id: "${twilio_iam_api_key.api_key.id}",
              item: [
                { key: "Username", value: "Administrator" },
                { key: "Password", value: "${twilio_iam_api_key.api_key.secret}", sensitive: true },
              ],
            },
          ],
        },
      },
    });
  });
});

describe("--cache", () => {
  it("re-lints only folders whose files changed, with identical output", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-cache-"));
    for (const name of ["a", "b"]) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, "main.tf"), 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n');
    }
    const first = runBin(["--cache", "-f", "json", "."], dir);
    const cacheFile = join(dir, ".coder-secrets-lint-cache");
    expect(existsSync(cacheFile)).toBe(true);
    const second = runBin(["--cache", "-f", "json", "."], dir);
    expect(second).toEqual(first);
    // a change in one folder is seen; the cache never holds the parameter's secret-free source
    writeFileSync(join(dir, "b", "main.tf"), 'data "coder_parameter" "region" {\n  name = "region"\n}\n');
    const third = JSON.parse(runBin(["--cache", "-f", "json", "."], dir).stdout) as { messages: unknown[] }[];
    expect(third.map((r) => r.messages.length)).toEqual([1, 0]);
    const custom = join(dir, "elsewhere.cache");
    runBin(["--cache", "--cache-location", custom, "."], dir);
    expect(existsSync(custom)).toBe(true);
  });
});

describe("--concurrency", () => {
  it("worker threads give the same output, in the same order, as a single thread", () => {
    const single = runBin(["--concurrency", "off", "-f", "json", "."], FIXTURES);
    const parallel = runBin(["--concurrency", "2", "-f", "json", "."], FIXTURES);
    const three = runBin(["--concurrency", "3", "-f", "json", "."], FIXTURES);
    expect(parallel.code).toBe(single.code);
    expect(parallel.stdout).toBe(single.stdout);
    expect(three.stdout).toBe(single.stdout);
    expect((JSON.parse(single.stdout) as unknown[]).length).toBeGreaterThan(30);
  });

  it("prints where the time went with TIMING=1 (the top ten) or TIMING=all, as ESLint does, and leaves the report alone", () => {
    const plain = runBin(["-f", "json", "seed"], FIXTURES);
    const { code, stdout, stderr } = runBin(["-f", "json", "seed"], FIXTURES, { TIMING: "all" });
    expect(code).toBe(plain.code);
    expect(stdout).toBe(plain.stdout);
    const lines = stderr.trimEnd().split("\n");
    expect(lines.slice(0, 2)).toEqual(["Rule or phase               | Time (ms) | Relative", ":---------------------------|----------:|--------:"]);
    const rows = lines.slice(2).map((line) => /^(\S+) +\| +\d+\.\d{3} \| +\d+\.\d%$/.exec(line)?.[1]);
    expect(rows.sort()).toEqual([
      "analysis",
      "discover",
      "heap-collection",
      "loaded-files",
      "no-cleartext-metadata",
      "no-hardcoded-credentials",
      "no-legacy-secret-attributes",
      "no-secret-in-scripts",
      "no-secret-in-urls",
      "no-secret-parameters",
      "read+parse",
      "require-sensitive-metadata",
      "sensitive-variables",
      "suppressions",
    ]);
    const top = runBin(["-f", "json", "seed"], FIXTURES, { TIMING: "1" }).stderr.trimEnd().split("\n");
    expect(top).toHaveLength(2 + 10);
  });
});

describe("files named on the command line", () => {
  it("a file that is not a template gets ESLint's 'File ignored' warning; --no-warn-ignored silences it", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-not-template-"));
    writeFileSync(join(dir, "notes.md"), "# notes\n");
    writeFileSync(join(dir, "app.hcl"), "x = 1\n");
    const run = runBin(["-f", "json", "notes.md", "app.hcl"], dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { filePath: string; messages: { severity: number; message: string }[] }[]).map((r) => [r.filePath.split("/").pop(), r.messages.map((m) => [m.severity, m.message])])).toEqual([
      ["app.hcl", [[1, "File ignored because it is not a template file (*.tf, *.tf.json, *.tfvars, *.tfvars.json, *.tftpl). Use --no-warn-ignored to suppress this warning"]]],
      ["notes.md", [[1, "File ignored because it is not a template file (*.tf, *.tf.json, *.tfvars, *.tfvars.json, *.tftpl). Use --no-warn-ignored to suppress this warning"]]],
    ]);
    expect(runBin(["-f", "json", "--no-warn-ignored", "notes.md"], dir).stdout).toBe("[]\n");
  });

  it("a path that matches nothing is a usage error, unless --no-error-on-unmatched-pattern", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-unmatched-"));
    expect(runBin(["missing.tf"], dir).code).toBe(2);
    expect(runBin(["--no-error-on-unmatched-pattern", "missing.tf"], dir).code).toBe(0);
  });
});

describe("--stdin", () => {
  function withStdin(args: string[], cwd: string, input: string): { code: number; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: "utf8", env: { ...process.env, CI: "true", NO_COLOR: "1" } });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  }

  it("lints standard input as the named file, with its folder as context, and reports only that file", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-stdin-"));
    writeFileSync(join(dir, "secrets.tf"), 'resource "random_password" "db" {\n  length = 16\n}\n');
    writeFileSync(join(dir, "other.tf"), 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n');
    const text = 'resource "coder_agent" "main" {\n  env = { DB_PASSWORD = random_password.db.result }\n}\n';
    const run = withStdin(["-f", "json", "--stdin", "--stdin-filename", "main.tf"], dir, text);
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    // the secret comes from a sibling file on disk; other.tf's own finding is not reported
    expect(results.map((r) => [r.filePath, r.messages.map((m) => [m.ruleId, m.line, m.column])])).toEqual([[join(dir, "main.tf"), [["require-sensitive-metadata", 2, 11]]]]);
    expect(withStdin(["--stdin", "--fix"], dir, text).code).toBe(2);
    expect(withStdin(["--stdin-filename", "x.tf"], dir, text).code).toBe(2);
  });
});

describe("ESLint's conventions", () => {
  it("--ignore-pattern skips files relative to the current folder, on top of the configuration", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-ignore-pattern-"));
    mkdirSync(join(dir, "legacy"));
    writeFileSync(join(dir, "legacy", "main.tf"), 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n');
    writeFileSync(join(dir, "main.tf"), 'data "coder_parameter" "db_password" {\n  name = "db_password"\n}\n');
    const files = (args: string[]): string[] => (JSON.parse(runBin(["-f", "json", ...args, "."], dir).stdout) as { filePath: string }[]).map((r) => r.filePath);
    expect(files([])).toEqual([join(dir, "legacy", "main.tf"), join(dir, "main.tf")]);
    expect(files(["--ignore-pattern", "legacy/**"])).toEqual([join(dir, "main.tf")]);
  });

  it("FORCE_COLOR turns colour on (and 0 off) whatever NO_COLOR says; --no-color wins", () => {
    const colored = (env: Record<string, string>, args: string[] = []): boolean => runBin([...args, "seed/bad"], FIXTURES, env).stdout.includes("\u001b[");
    expect(colored({})).toBe(false);
    expect(colored({ FORCE_COLOR: "1" })).toBe(true);
    expect(colored({ FORCE_COLOR: "0" })).toBe(false);
    expect(colored({ FORCE_COLOR: "1" }, ["--no-color"])).toBe(false);
  });
});

describe("--debug", () => {
  it("says which configuration and files the run uses and what it skips, never file content", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-debug-"));
    writeFileSync(join(dir, "main.tf"), 'locals {\n  token = "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"\n}\n');
    writeFileSync(join(dir, "notes.md"), "x\n");
    const run = runBin(["--debug", "--no-config-lookup", "main.tf", "notes.md"], dir);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("coder-secrets-lint: debug:"))).toEqual([
      `coder-secrets-lint: debug: configuration: none (defaults); ignores: 0 pattern(s); max file size: 4194304 bytes`,
      `coder-secrets-lint: debug: file: ${join(dir, "main.tf")}`,
      `coder-secrets-lint: debug: skipped (not a template file): ${join(dir, "notes.md")}`,
      `coder-secrets-lint: debug: linting 1 folder(s), 1 file(s), 64 bytes, in 1 thread(s)`,
    ]);
    expect(run.stderr + run.stdout).not.toContain("8IUwOGJvfw3f");
  });
});

describe(".gitignore", () => {
  it("is honoured by folder scans for files Coder does not upload (a deeper !pattern re-includes); --no-gitignore and explicit files lint everything", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-gitignore-"));
    mkdirSync(join(dir, ".git"));
    mkdirSync(join(dir, "generated", "keep"), { recursive: true });
    const secret = 'api_token = "Xq7vR2mK9pLw4Tz8"\n';
    writeFileSync(join(dir, ".gitignore"), "generated/*.tfvars\nterraform.tfvars\nscratch.tf\n");
    writeFileSync(join(dir, "main.tf"), 'variable "api_token" {\n  type = string\n  sensitive = true\n}\n');
    writeFileSync(join(dir, "terraform.tfvars"), secret);
    writeFileSync(join(dir, "scratch.tf"), `locals {\n  ${secret}}\n`);
    writeFileSync(join(dir, "generated", "out.auto.tfvars"), secret);
    writeFileSync(join(dir, "generated", "keep", "kept.auto.tfvars"), secret);
    writeFileSync(join(dir, "generated", "keep", ".gitignore"), "!kept.auto.tfvars\n");
    const run = (args: string[]): { files: string[]; stderr: string } => {
      const out = runBin(["-f", "json", ...args], dir);
      return { files: (JSON.parse(out.stdout) as { filePath: string }[]).map((r) => r.filePath.slice(dir.length + 1)).sort(), stderr: out.stderr };
    };
    // scratch.tf is listed, but `coder templates push` does not read .gitignore: it would be in
    // every template version, so it is linted, and the run says so
    expect(run(["."])).toEqual({
      files: ["generated/keep/kept.auto.tfvars", "main.tf", "scratch.tf"],
      stderr: "coder-secrets-lint: linted 1 file(s) that .gitignore lists but `coder templates push` uploads (it does not read .gitignore): scratch.tf\n",
    });
    expect(run(["--no-gitignore", "."]).files).toEqual(["generated/keep/kept.auto.tfvars", "generated/out.auto.tfvars", "main.tf", "scratch.tf", "terraform.tfvars"]);
    expect(run(["terraform.tfvars"]).files).toEqual(["terraform.tfvars"]);
  });
});
