import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ESLint, RuleTester } from "eslint";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import plugin from "../src/eslint/plugin.js";
import { RULES } from "../src/engine/registry.js";
import { FIXTURES, ROOT, runBin } from "./helpers.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ruleTester = new RuleTester({ plugins: { "coder-secrets": plugin }, language: "coder-secrets/hcl" });
// an empty folder: no sibling files join the module
const filename = join(mkdtempSync(join(tmpdir(), "csl-rt-")), "main.tf");
const rule = (id: string): Parameters<RuleTester["run"]>[1] => plugin.rules[id] as Parameters<RuleTester["run"]>[1];

describe("RuleTester", () => {
  ruleTester.run("no-secret-parameters", rule("no-secret-parameters"), {
    valid: [{ filename, code: 'data "coder_parameter" "region" {\n  name = "region"\n}\n' }],
    invalid: [{ filename, code: 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n', errors: [{ messageId: "secretParameter", line: 1, column: 1, endLine: 1, endColumn: 35 }] }],
  });

  ruleTester.run("require-sensitive-metadata", rule("require-sensitive-metadata"), {
    valid: [{ filename, code: 'resource "coder_agent" "a" {\n  env = { HOME_DIR = "/home/coder" }\n}\n' }],
    invalid: [
      {
        filename,
        code: 'resource "random_password" "p" {\n  length = 8\n}\n\nresource "coder_agent" "a" {\n  env = { PW = random_password.p.result }\n}\n',
        errors: [{ messageId: "missingSensitiveMetadata", line: 6, column: 11, endLine: 6, endColumn: 40 }],
      },
    ],
  });

  ruleTester.run("no-cleartext-metadata", rule("no-cleartext-metadata"), {
    valid: [{ filename, code: 'resource "random_password" "p" {}\n\nresource "coder_metadata" "m" {\n  item {\n    key       = "pw"\n    value     = random_password.p.result\n    sensitive = true\n  }\n}\n' }],
    invalid: [
      {
        filename,
        code: 'resource "random_password" "p" {}\n\nresource "coder_metadata" "m" {\n  item {\n    key   = "pw"\n    value = random_password.p.result\n  }\n}\n',
        output: 'resource "random_password" "p" {}\n\nresource "coder_metadata" "m" {\n  item {\n    key       = "pw"\n    value     = random_password.p.result\n    sensitive = true\n  }\n}\n',
        errors: [{ messageId: "cleartextMetadata", line: 4, column: 3, endLine: 4, endColumn: 7 }],
      },
    ],
  });

  ruleTester.run("no-hardcoded-credentials", rule("no-hardcoded-credentials"), {
    valid: [{ filename, code: 'variable "db_password" {\n  sensitive = true\n}\n' }],
    invalid: [
      {
        filename,
        code: 'variable "db_password" {\n  default = "Winter2024!dev"\n}\n',
        errors: [{ messageId: "namedLiteral", line: 2, column: 14, endLine: 2, endColumn: 28 }],
      },
    ],
  });

  ruleTester.run("no-secret-in-scripts", rule("no-secret-in-scripts"), {
    valid: [{ filename, code: 'resource "coder_script" "s" {\n  script = "echo $TOKEN"\n}\n' }],
    invalid: [
      {
        filename,
        code: 'data "coder_workspace_owner" "me" {}\n\nresource "coder_script" "s" {\n  script = "echo ${data.coder_workspace_owner.me.session_token}"\n}\n',
        errors: [{ messageId: "secretPrinted", line: 4, column: 18, endLine: 4, endColumn: 64 }],
      },
    ],
  });

  ruleTester.run("no-secret-in-urls", rule("no-secret-in-urls"), {
    valid: [{ filename, code: 'resource "coder_app" "a" {\n  url = "http://localhost:8080"\n}\n' }],
    invalid: [
      {
        filename,
        code: 'data "coder_workspace_owner" "me" {}\n\nresource "coder_app" "a" {\n  url = "http://localhost/?t=${data.coder_workspace_owner.me.session_token}"\n}\n',
        errors: [{ messageId: "secretInAppUrl", line: 4, column: 30, endLine: 4, endColumn: 76 }],
      },
    ],
  });

  ruleTester.run("sensitive-variables", rule("sensitive-variables"), {
    valid: [{ filename, code: 'variable "api_key" {\n  sensitive = true\n}\n' }],
    invalid: [
      {
        filename,
        code: 'variable "api_key" {\n  type = string\n}\n',
        output: 'variable "api_key" {\n  type      = string\n  sensitive = true\n}\n',
        errors: [{ messageId: "notSensitive", line: 1, column: 1, endLine: 1, endColumn: 19 }],
      },
    ],
  });

  ruleTester.run("no-legacy-secret-attributes", rule("no-legacy-secret-attributes"), {
    valid: [{ filename, code: 'data "coder_external_auth" "gh" {\n  id = "github"\n}\n' }],
    invalid: [
      {
        filename,
        code: 'data "coder_git_auth" "gh" {\n  id = "github"\n}\n',
        output: 'data "coder_external_auth" "gh" {\n  id = "github"\n}\n',
        errors: [{ messageId: "legacyGitAuth", line: 1, column: 1, endLine: 1, endColumn: 27 }],
      },
    ],
  });
});

describe("the plugin", () => {
  it("exports every rule and a recommended config with our default severities", () => {
    expect(Object.keys(plugin.rules)).toEqual(RULES.map((r) => r.meta.id));
    expect(plugin.configs.recommended.rules).toEqual(Object.fromEntries(RULES.map((r) => [`coder-secrets/${r.meta.id}`, r.meta.defaultSeverity])));
    expect(plugin.configs.recommended.language).toBe("coder-secrets/hcl");
  });

  it("honours eslint-disable comments in #, // and /* */ and reports unused ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-disable-"));
    writeFileSync(
      join(dir, "main.tf"),
      [
        "# eslint-disable-next-line coder-secrets/no-secret-parameters",
        'data "coder_parameter" "api_token" {',
        '  name = "api_token"',
        "}",
        'data "coder_parameter" "db_password" { // eslint-disable-line coder-secrets/no-secret-parameters',
        '  name = "db_password"',
        "}",
        "/* eslint-disable-next-line coder-secrets/no-cleartext-metadata */",
        'data "coder_parameter" "github_token" {',
        '  name = "github_token"',
        "}",
        "",
      ].join("\n"),
    );
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended, { linterOptions: { reportUnusedDisableDirectives: "warn" } }] });
    const [result] = await eslint.lintFiles(["main.tf"]);
    expect(result?.messages.map((m) => [m.ruleId, m.line, m.column, m.severity])).toEqual([
      [null, 8, 1, 1],
      ["coder-secrets/no-secret-parameters", 9, 1, 2],
    ]);
    expect(result?.suppressedMessages.map((m) => [m.ruleId, m.line])).toEqual([
      ["coder-secrets/no-secret-parameters", 2],
      ["coder-secrets/no-secret-parameters", 5],
    ]);
  });

  it("a secret parameter's finding lists its downstream findings, which stay findings of their own (replacing the parameter does not fix them)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-fold-"));
    writeFileSync(
      join(dir, "main.tf"),
      [
        'data "coder_parameter" "api_token" {',
        '  name = "api_token"',
        "}",
        'resource "coder_agent" "main" {',
        '  os   = "linux"',
        '  arch = "amd64"',
        "  env = {",
        "    API_TOKEN = data.coder_parameter.api_token.value",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const findings = async (extra: object[]): Promise<(string | number | null)[][]> => {
      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended, ...extra] });
      const [result] = await eslint.lintFiles(["main.tf"]);
      return (result?.messages ?? []).map((m) => [m.ruleId, m.line, m.column]);
    };
    // the parameter, which names its downstream use, and the env injection as its own finding
    expect(await findings([])).toEqual([
      ["coder-secrets/no-secret-parameters", 1, 1],
      ["coder-secrets/require-sensitive-metadata", 8, 5],
    ]);
    // no-secret-parameters off: the env injection is reported by its own rule
    const off = { rules: { "coder-secrets/no-secret-parameters": "off" }, settings: { "coder-secrets": { foldIntoParameters: false } } };
    expect(await findings([off])).toEqual([["coder-secrets/require-sensitive-metadata", 8, 5]]);
  });
});

type Finding = string;

function cliFindings(): Finding[] {
  // ESLint honours bare directives (fixtures/eslint-directives has some); the CLI only when the
  // configuration allows them, as that folder's configuration does
  const run = runBin(["-f", "json", "--config", "eslint-directives/.coder-secrets-lint.json", "."], FIXTURES);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; endLine: number; endColumn: number; fatal?: boolean }[] }[];
  return results.flatMap((r) => r.messages.filter((m) => !m.fatal && m.ruleId).map((m) => `${relative(FIXTURES, r.filePath)} ${m.ruleId ?? ""} ${String(m.line)}:${String(m.column)}-${String(m.endLine)}:${String(m.endColumn)}`)).sort();
}

function eslintFindings(results: readonly ESLint.LintResult[]): Finding[] {
  return results
    .flatMap((r) => r.messages.filter((m) => !m.fatal && m.ruleId).map((m) => `${relative(FIXTURES, r.filePath)} ${(m.ruleId ?? "").replace("coder-secrets/", "")} ${String(m.line)}:${String(m.column)}-${String(m.endLine ?? 0)}:${String(m.endColumn ?? 0)}`))
    .sort();
}

describe("two front ends, one core", () => {
  // fixtures/config/* hold their own config files (ESLint takes severities from its flat config
  // instead), and fatal parse messages differ by design: compare rule findings everywhere else
  it("covers every fixture folder", () => {
    const folders = fg.sync("*", { cwd: FIXTURES, onlyDirectories: true });
    expect(folders.length).toBe(16);
  });

  it("the ESLint class reports the same (file, rule, range) as the CLI on every fixture", async () => {
    const eslint = new ESLint({ cwd: FIXTURES, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended, { ignores: ["config/**"] }] });
    const results = await eslint.lintFiles(["."]);
    const cli = cliFindings().filter((f) => !f.startsWith("config/"));
    expect(eslintFindings(results)).toEqual(cli);
    expect(cli.length).toBeGreaterThan(100);
  });

  it("so does the eslint command line with a flat config", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-eslint-cli-"));
    const config = join(dir, "eslint.config.js");
    writeFileSync(config, `import coderSecrets from ${JSON.stringify(join(ROOT, "dist", "src", "eslint", "plugin.js"))};\nexport default [{ ignores: ["config/**"] }, coderSecrets.configs.recommended];\n`);
    const run = spawnSync(process.execPath, [join(ROOT, "node_modules", "eslint", "bin", "eslint.js"), "--config", config, "--format", "json", "."], { cwd: FIXTURES, encoding: "utf8", timeout: 120_000 });
    expect(run.stderr).toBe("");
    const results = JSON.parse(run.stdout) as ESLint.LintResult[];
    expect(eslintFindings(results)).toEqual(cliFindings().filter((f) => !f.startsWith("config/")));
  });
});

describe("loading the plugin", () => {
  const pluginPath = join(ROOT, "dist", "src", "eslint", "plugin.js");
  const eslintBin = join(ROOT, "node_modules", "eslint", "bin", "eslint.js");

  it.each([
    ["eslint.config.cjs (CommonJS, require)", "eslint.config.cjs", `const coderSecrets = require(${JSON.stringify(pluginPath)}).default;\nmodule.exports = [{ ignores: ["config/**"] }, coderSecrets.configs.recommended];\n`],
    ["eslint.config.mjs (ESM, import)", "eslint.config.mjs", `import coderSecrets from ${JSON.stringify(pluginPath)};\nexport default [{ ignores: ["config/**"] }, coderSecrets.configs.recommended];\n`],
  ])("from %s: same findings as the CLI", (_name, file, source) => {
    const dir = mkdtempSync(join(tmpdir(), "csl-eslint-load-"));
    const config = join(dir, file);
    writeFileSync(config, source);
    const run = spawnSync(process.execPath, [eslintBin, "--config", config, "--format", "json", "."], { cwd: FIXTURES, encoding: "utf8", timeout: 120_000 });
    expect(run.stderr).toBe("");
    const results = JSON.parse(run.stdout) as ESLint.LintResult[];
    expect(eslintFindings(results)).toEqual(cliFindings().filter((f) => !f.startsWith("config/")));
  });

  it("a syntax error has the same message and position in ESLint and in the CLI", async () => {
    const eslint = new ESLint({ cwd: FIXTURES, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const [fromEslint] = await eslint.lintFiles(["syntax-error/broken.tf"]);
    const cli = JSON.parse(runBin(["-f", "json", "syntax-error/broken.tf"], FIXTURES).stdout) as { messages: { line: number; column: number; message: string; fatal?: boolean }[] }[];
    const fatal = (messages: readonly { line: number; column: number; message: string; fatal?: boolean }[]) => messages.filter((m) => m.fatal).map((m) => [m.line, m.column, m.message]);
    expect(fatal(fromEslint?.messages ?? [])).toEqual([[4, 9, "Parsing error: Invalid expression: Expected the start of an expression, but found an invalid expression token."]]);
    expect(fatal(cli[0]?.messages ?? [])).toEqual(fatal(fromEslint?.messages ?? []));
  });
});

describe("one suppression syntax everywhere", () => {
  it("ESLint's directives suppress the same findings in the CLI as in ESLint (fixtures/eslint-directives)", async () => {
    const dir = join(FIXTURES, "eslint-directives");
    const expected = {
      reported: [["no-secret-parameters", 24, 1], ["no-secret-parameters", 33, 1]],
      suppressed: [["no-secret-parameters", 4, 1], ["no-secret-parameters", 8, 1], ["no-secret-parameters", 13, 1], ["no-secret-parameters", 17, 1], ["no-secret-parameters", 29, 1]],
    };
    const cli = (JSON.parse(runBin(["-f", "json", "main.tf"], dir).stdout) as ESLint.LintResult[])[0];
    expect({ reported: cli?.messages.map((m) => [m.ruleId, m.line, m.column]), suppressed: cli?.suppressedMessages.map((m) => [m.ruleId, m.line, m.column]) }).toEqual(expected);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const [fromEslint] = await eslint.lintFiles(["main.tf"]);
    const strip = (id: string | null): string => (id ?? "").replace("coder-secrets/", "");
    expect({ reported: fromEslint?.messages.map((m) => [strip(m.ruleId), m.line, m.column]), suppressed: fromEslint?.suppressedMessages.map((m) => [strip(m.ruleId), m.line, m.column]) }).toEqual(expected);
    // the reason given after "--" is the suppression's justification, in both
    expect(cli?.suppressedMessages[0]?.suppressions[0]?.justification).toBe("collected once, rotated by the platform team");
    expect(fromEslint?.suppressedMessages[0]?.suppressions[0]?.justification).toBe("collected once, rotated by the platform team");
  });
});
