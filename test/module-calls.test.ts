import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/eslint/plugin.js";
import { runBin } from "./helpers.js";

/**
 * Secrets passed into modules (issue 24): a template hands a secret to a module that injects it as
 * env, interpolates it into a script, puts it in a URL or shows it in cleartext metadata. Each is
 * reported at the argument in the template, under the sink's rule, with the module's sink as a
 * related location.
 */

interface JsonMessage {
  ruleId: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  related?: { label: string; filePath: string; line: number; column: number }[];
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "csl-modules-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function lint(dir: string, folder: string): { code: number; messages: JsonMessage[] } {
  const run = runBin(["-f", "json", "."], join(dir, folder));
  const results = JSON.parse(run.stdout) as { filePath: string; messages: JsonMessage[] }[];
  return { code: run.code, messages: results.flatMap((r) => r.messages) };
}

const CHILD = [
  'variable "token" {', //  1
  "  type = string", //  2
  "}", //  3
  'variable "region" {', //  4
  "  type = string", //  5
  "}", //  6
  'resource "coder_env" "token" {', //  7
  "  agent_id = var.agent_id", //  8
  '  name     = "SERVICE_TOKEN"', //  9
  "  value    = var.token", // 10
  "}", // 11
  'resource "coder_script" "login" {', // 12
  "  agent_id     = var.agent_id", // 13
  '  display_name = "login"', // 14
  '  script       = "service login --token ${var.token} --region ${var.region}"', // 15
  "}", // 16
  'variable "agent_id" {', // 17
  "  type = string", // 18
  "}", // 19
  "",
].join("\n");

const TEMPLATE = [
  'resource "random_password" "token" {', // 1
  "  length = 32", // 2
  "}", // 3
  'module "service" {', // 4
  '  source   = "../modules/service"', // 5
  "  token    = random_password.token.result", // 6
  '  region   = "eu-west-1"', // 7
  "  agent_id = coder_agent.main.id", // 8
  "}", // 9
  'resource "coder_agent" "main" {', // 10
  '  os   = "linux"', // 11
  '  arch = "amd64"', // 12
  "}", // 13
  "",
].join("\n");

describe("secrets passed to local modules", () => {
  it("env and script sinks in the module are reported at the argument, with the module's sink as a related location", () => {
    const dir = tree({ "modules/service/main.tf": CHILD, "template/main.tf": TEMPLATE });
    const { messages } = lint(dir, "template");
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.related?.map((r) => [r.label, r.filePath.slice(dir.length + 1), r.line, r.column])])).toEqual([
      ["no-secret-in-scripts", 6, 3, 6, 42, [["module.service: where the module uses token", "modules/service/main.tf", 15, 41]]],
      ["require-sensitive-metadata", 6, 3, 6, 42, [["module.service: where the module uses token", "modules/service/main.tf", 10, 3]]],
    ]);
    expect(messages[1]?.message).toBe(
      'Secret random_password.token.result (sensitive in the provider schema) is passed to module.service as "token", and inside the module: Secret var.token (an input the module\'s caller sets) is injected as coder_env.token ("SERVICE_TOKEN") without a coder_metadata item marked sensitive = true that shows the same secret (related location). Fix it where the module is called: pass a value the module handles as a secret, or change the module.',
    );
  });

  it("a template that shows the same secret in a sensitive metadata item needs no other for the module's env", () => {
    const shown = `${TEMPLATE}resource "coder_metadata" "info" {\n  resource_id = coder_agent.main.id\n  item {\n    key       = "token"\n    value     = random_password.token.result\n    sensitive = true\n  }\n}\n`;
    const dir = tree({ "modules/service/main.tf": CHILD, "template/main.tf": shown });
    expect(lint(dir, "template").messages.map((m) => [m.ruleId, m.line])).toEqual([["no-secret-in-scripts", 6]]);
  });

  it("an argument that carries no secret is not reported, whatever the module does with it", () => {
    const clean = TEMPLATE.replace("  token    = random_password.token.result", '  token    = "not-a-secret-input"');
    const dir = tree({ "modules/service/main.tf": CHILD, "template/main.tf": clean });
    expect(lint(dir, "template").messages).toEqual([]);
  });
});

describe("Coder registry modules, followed through the catalog", () => {
  const TEMPLATE_WITH_REGISTRY = [
    'variable "anthropic_oauth_token" {', // 1
    "  type      = string", // 2
    "  sensitive = true", // 3
    "}", // 4
    'resource "random_password" "rdp" {', // 5
    "  length = 16", // 6
    "}", // 7
    'module "claude-code" {', // 8
    '  source                  = "registry.coder.com/coder/claude-code/coder"', // 9
    "  agent_id                = coder_agent.main.id", // 10
    "  claude_code_oauth_token = var.anthropic_oauth_token", // 11
    "}", // 12
    'module "windows_rdp" {', // 13
    '  source         = "registry.coder.com/modules/windows-rdp/coder"', // 14
    "  agent_id       = coder_agent.main.id", // 15
    "  admin_password = random_password.rdp.result", // 16
    "}", // 17
    'module "windows_rdp_default" {', // 18
    '  source   = "registry.coder.com/coder/windows-rdp/coder"', // 19
    "  agent_id = coder_agent.main.id", // 20
    "}", // 21
    'resource "coder_agent" "main" {', // 22
    '  os   = "linux"', // 23
    '  arch = "amd64"', // 24
    "}", // 25
    "",
  ].join("\n");

  it("env, script and a credential default left in force: each at the template's own line, the registry's sink related", () => {
    const dir = tree({ "t/main.tf": TEMPLATE_WITH_REGISTRY });
    const { messages, code } = lint(dir, "t");
    expect(code).toBe(1);
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.related?.map((r) => [r.filePath, r.line])])).toEqual([
      ["require-sensitive-metadata", 11, 3, 11, 54, [["registry.coder.com/coder/claude-code/main.tf", 201]]],
      ["no-secret-in-scripts", 16, 3, 16, 46, [["registry.coder.com/coder/windows-rdp/main.tf", 95]]],
      ["no-hardcoded-credentials", 18, 1, 18, 29, [["registry.coder.com/coder/windows-rdp/main.tf", 63]]],
    ]);
    expect(messages[2]?.message).toBe(
      'module.windows_rdp_default (registry.coder.com/coder/windows-rdp (catalog: coder/registry@6be121e4f6ea)) is called without "admin_password", so the module\'s published default applies: a hard-coded credential, co…(9 chars), that everyone who reads the module knows. Set admin_password from a sensitive variable, data "coder_secret" or a provider-generated secret (random_password).',
    );
  });

  it("the ESLint plugin gives the same findings (rule, line, column) for the file in the editor", async () => {
    const dir = tree({ "t/main.tf": TEMPLATE_WITH_REGISTRY, "modules/service/main.tf": CHILD, "u/main.tf": TEMPLATE });
    for (const folder of ["t", "u"]) {
      const eslint = new ESLint({ cwd: join(dir, folder), overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
      const [result] = await eslint.lintFiles(["main.tf"]);
      const fromEslint = (result?.messages ?? []).map((m) => [(m.ruleId ?? "").replace("coder-secrets/", ""), m.line, m.column]);
      // the same findings; two at one position may come in either order
      const byPlace = (a: (string | number | null)[], b: (string | number | null)[]): number => JSON.stringify(a).localeCompare(JSON.stringify(b));
      expect(fromEslint.sort(byPlace)).toEqual(lint(dir, folder).messages.map((m) => [m.ruleId, m.line, m.column]).sort(byPlace));
    }
  });

  it("an unknown registry module, or a source that is not the registry, is not followed", () => {
    const dir = tree({ "t/main.tf": TEMPLATE_WITH_REGISTRY.replace("coder/claude-code/coder", "coder/no-such-module/coder").replace("registry.coder.com/modules/windows-rdp/coder", "git::https://example.com/windows-rdp.git").replace('module "windows_rdp_default" {', 'module "windows_rdp_default" {\n  admin_password = var.anthropic_oauth_token') });
    const { messages } = lint(dir, "t");
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["no-secret-in-scripts", 19]]);
  });
});

describe("modules downloaded by terraform init", () => {
  const modulesJson = JSON.stringify({
    Modules: [
      { Key: "", Source: "", Dir: "." },
      { Key: "service", Source: "git::https://example.com/service.git", Dir: ".terraform/modules/service" },
    ],
  });

  it("are analysed like local modules through .terraform/modules/modules.json, reported at the call, never inside .terraform", () => {
    const template = TEMPLATE.replace('"../modules/service"', '"git::https://example.com/service.git"');
    const dir = tree({ "t/main.tf": template, "t/.terraform/modules/modules.json": modulesJson, "t/.terraform/modules/service/main.tf": CHILD });
    const run = runBin(["-f", "json", "."], join(dir, "t"));
    const results = JSON.parse(run.stdout) as { filePath: string; messages: JsonMessage[] }[];
    expect(results.map((r) => r.filePath.slice(dir.length + 1))).toEqual(["t/main.tf"]);
    expect(results.flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.column, m.related?.map((x) => [x.filePath.slice(dir.length + 1), x.line])]))).toEqual([
      ["no-secret-in-scripts", 6, 3, [["t/.terraform/modules/service/main.tf", 15]]],
      ["require-sensitive-metadata", 6, 3, [["t/.terraform/modules/service/main.tf", 10]]],
    ]);
  });

  it("the ESLint plugin follows them too", async () => {
    const template = TEMPLATE.replace('"../modules/service"', '"git::https://example.com/service.git"');
    const dir = tree({ "t/main.tf": template, "t/.terraform/modules/modules.json": modulesJson, "t/.terraform/modules/service/main.tf": CHILD });
    const eslint = new ESLint({ cwd: join(dir, "t"), overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const [result] = await eslint.lintFiles(["main.tf"]);
    expect((result?.messages ?? []).map((m) => [(m.ruleId ?? "").replace("coder-secrets/", ""), m.line, m.column]).sort()).toEqual([
      ["no-secret-in-scripts", 6, 3],
      ["require-sensitive-metadata", 6, 3],
    ]);
  });

  it("a Dir that leads out of the template's folder is not followed", () => {
    const template = TEMPLATE.replace('"../modules/service"', '"git::https://example.com/service.git"');
    const escaping = modulesJson.replace(".terraform/modules/service", "../elsewhere");
    const dir = tree({ "t/main.tf": template, "t/.terraform/modules/modules.json": escaping, "elsewhere/main.tf": CHILD });
    expect(lint(dir, "t").messages).toEqual([]);
  });
});

describe("files the template loads", () => {
  const TOKEN = "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";
  const LOADS = [
    'resource "coder_agent" "main" {', // 1
    '  os             = "linux"', // 2
    '  arch           = "amd64"', // 3
    '  startup_script = templatefile("${path.module}/scripts/start.sh", { user = "coder" })', // 4
    "}", // 5
    'resource "coder_script" "db" {', // 6
    "  agent_id = coder_agent.main.id", // 7
    '  script   = file("./scripts/db.sh")', // 8
    "}", // 9
    'data "template_file" "init" {', // 10
    '  template = file("${path.module}/scripts/start.sh")', // 11
    "}", // 12
    'resource "coder_script" "shared" {', // 13
    "  agent_id = coder_agent.main.id", // 14
    '  script   = file("${path.module}/../shared/common.sh")', // 15
    "}", // 16
    "",
  ].join("\n");

  it("credentials in loaded scripts are reported in that file (once, however often it is loaded), the calls as related locations; a file outside the template's folder is noted, not read", () => {
    const dir = tree({
      "t/main.tf": LOADS,
      "t/scripts/start.sh": `#!/bin/bash\nexport GITHUB_TOKEN=${TOKEN}\n`,
      "t/scripts/db.sh": "#!/bin/bash\nPGPASSWORD=Xq7vR2mK9pLw4Tz8 psql -h db\n",
      "shared/common.sh": `export GITHUB_TOKEN=${TOKEN}\n`,
    });
    const run = runBin(["-f", "json", "."], join(dir, "t"));
    const results = JSON.parse(run.stdout) as { filePath: string; messages: JsonMessage[] }[];
    expect(results.flatMap((r) => r.messages.map((m) => [r.filePath.slice(dir.length + 1), m.ruleId, m.line, m.column, m.endColumn, m.related?.map((x) => [x.label, x.line, x.column])]))).toEqual([
      ["t/main.tf", null, 15, 14, 56, undefined],
      ["t/scripts/start.sh", "no-hardcoded-credentials", 2, 21, 61, [["loaded by templatefile() here", 4, 20], ["loaded by file() here", 11, 14]]],
      ["t/scripts/db.sh", "no-hardcoded-credentials", 2, 12, 28, [["loaded by file() here", 8, 14]]],
    ]);
    expect(results[0]?.messages[0]?.message).toBe("../shared/common.sh is outside the template's folder: not read, so a credential in it is not looked for (a file Coder would not push with this template).");
    expect(run.stdout).not.toContain(TOKEN.slice(4, 14));
    expect(run.code).toBe(1);
  });

  it("a binary file loaded with filebase64() is not scanned as text", () => {
    const dir = tree({ "t/main.tf": 'locals {\n  icon = filebase64("${path.module}/icon.png")\n}\n' });
    writeFileSync(join(dir, "t", "icon.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    expect(lint(dir, "t")).toEqual({ code: 0, messages: [] });
  });
});

describe("--debug says how every module call resolved", () => {
  it("local path, downloaded, catalog (with the version asked for), unknown", () => {
    const template = [
      'module "local" {\n  source = "../modules/service"\n}',
      'module "fetched" {\n  source = "git::https://example.com/service.git"\n}',
      'module "claude" {\n  source  = "registry.coder.com/coder/claude-code/coder"\n  version = "4.2.1"\n}',
      'module "elsewhere" {\n  source = "app.terraform.io/acme/thing/aws"\n}',
      "",
    ].join("\n");
    const modulesJson = JSON.stringify({ Modules: [{ Key: "fetched", Source: "git::https://example.com/service.git", Dir: ".terraform/modules/fetched" }] });
    const dir = tree({ "t/main.tf": template, "modules/service/main.tf": CHILD, "t/.terraform/modules/modules.json": modulesJson, "t/.terraform/modules/fetched/main.tf": CHILD });
    const lines = runBin(["--debug", "."], join(dir, "t")).stderr.split("\n").filter((line) => line.includes("module call"));
    const t = join(dir, "t");
    expect(lines).toEqual([
      `coder-secrets-lint: debug: module call ${t}: module.local (../modules/service) -> local path: ${join(dir, "modules", "service")}`,
      `coder-secrets-lint: debug: module call ${t}: module.fetched (git::https://example.com/service.git) -> downloaded by terraform init: ${join(t, ".terraform", "modules", "fetched")}`,
      `coder-secrets-lint: debug: module call ${t}: module.claude (registry.coder.com/coder/claude-code/coder) -> catalog: registry.coder.com/coder/claude-code (catalog: coder/registry@6be121e4f6ea, the nearest summary to the version 4.2.1 the call asks for)`,
      `coder-secrets-lint: debug: module call ${t}: module.elsewhere (app.terraform.io/acme/thing/aws) -> unknown (not followed; run terraform init first, or add the module to the registry catalog)`,
    ]);
  });
});

describe("fileset() patterns", () => {
  it("every file a fileset() pattern matches is scanned, the call as related location", () => {
    const dir = tree({
      "t/main.tf": 'resource "coder_script" "each" {\n  for_each = fileset("${path.module}/scripts", "*.sh")\n  agent_id = "x"\n  script   = file("${path.module}/scripts/${each.value}")\n}\n',
      "t/scripts/a.sh": "echo clean\n",
      "t/scripts/b.sh": "PGPASSWORD=Xq7vR2mK9pLw4Tz8 psql\n",
      "t/scripts/notes.txt": "PGPASSWORD=Xq7vR2mK9pLw4Tz8\n",
    });
    const run = runBin(["-f", "json", "."], join(dir, "t"));
    const results = JSON.parse(run.stdout) as { filePath: string; messages: JsonMessage[] }[];
    expect(results.flatMap((r) => r.messages.map((m) => [r.filePath.slice(dir.length + 1), m.ruleId, m.line, m.column, m.related?.map((x) => [x.label, x.line])]))).toEqual([
      ["t/scripts/b.sh", "no-hardcoded-credentials", 1, 12, [["loaded by fileset() here", 2]]],
    ]);
  });
});

describe("nested local modules", () => {
  /** Folders m0 ... m(n-1), each passing the secret on to the next; the last injects it as env. */
  function chain(n: number): string {
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      const next = i < n - 1 ? `module "c" {\n  source = "../m${String(i + 1)}"\n  t      = ${i === 0 ? "random_password.p.result" : "var.t"}\n}\n` : 'resource "coder_env" "e" {\n  agent_id = "x"\n  name     = "T"\n  value    = var.t\n}\n';
      files[`m${String(i)}/main.tf`] = `variable "t" {\n  type = string\n}\n${next}${i === 0 ? 'resource "random_password" "p" {\n  length = 8\n}\n' : ""}`;
    }
    return tree(files);
  }

  it("a secret passed down three levels is reported at the top call", () => {
    const dir = chain(4);
    expect(lint(dir, "m0").messages.map((m) => [m.ruleId, m.line, m.column, m.related?.[0]?.filePath.slice(dir.length + 1), m.related?.[0]?.line])).toEqual([
      ["require-sensitive-metadata", 6, 3, "m1/main.tf", 6],
    ]);
  });

  it("a chain of 3,000 folders is not followed past the summary depth: no stack overflow, no finding guessed", () => {
    const dir = chain(3000);
    const run = runBin(["-f", "json", "."], join(dir, "m0"));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { messages: unknown[] }[]).flatMap((r) => r.messages)).toEqual([]);
  });
});

describe("--debug never prints a module source's credentials", () => {
  it.each([
    ["git::https://deploy: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@github.com/acme/mod.git", "git::https://…@github.com/acme/mod.git"],
    ["git::https://github.com/acme/mod.git?ref=v1.2.0&sshkey=LS0tLS1CRUdJTiBPUEVOU1NI", "git::https://github.com/acme/mod.git?ref=…&sshkey=…"],
    ["registry.coder.com/coder/claude-code/coder", "registry.coder.com/coder/claude-code/coder"],
    ["../modules/service", "../modules/service"],
  ])("%s is shown as %s", async (source, shown) => {
    const { withoutCredentials } = await import("../src/engine/run-rules.js");
    expect(withoutCredentials(source)).toBe(shown);
  });

  it("in the debug line", () => {
    const dir = tree({ "t/main.tf": 'module "m" {\n  source = "git::https://deploy: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@github.com/acme/mod.git"\n}\n' });
    const run = runBin(["--debug", "."], join(dir, "t"));
    expect(run.stderr).not.toContain("8IUwOGJvfw3fqFa01");
    expect(run.stderr).toContain(`module call ${join(dir, "t")}: module.m (git::https://…@github.com/acme/mod.git) -> unknown`);
  });
});
