import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planRun } from "../src/action/main.js";
import { BlobReader } from "../src/discover/git.js";
import { findConfigFile } from "../src/engine/config.js";
import { formatSummary } from "../src/formatters/summary.js";
import type { LintResult } from "../src/engine/results.js";
import { runBin } from "./helpers.js";
import { Repo } from "./support/git-repo.js";

/**
 * The second security review (issue 23): an attacker controls the repository being scanned. Each
 * test is one hole, in the shape the review found it, closed.
 */

const GITHUB_TOKEN = "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";
const PASSWORD_TF = 'resource "docker_container" "db" {\n  password = "Xq7vR2mK9pLw4Tz8"\n}\n';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "csl-review2-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A file outside the scanned tree that a committed symlink points to (a user's shell profile). */
function victim(): string {
  const path = join(mkdtempSync(join(tmpdir(), "csl-victim-")), ".bashrc");
  writeFileSync(path, "# the user's profile\n");
  return path;
}

function installation(): Record<string, string> {
  return { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "csl-user-cache-")) };
}

describe("1. nothing is written through a symlink the scanned tree contains", () => {
  it("a committed .coder-secrets-lint-cache symlink is not written by --cache: the run still lints and says why", () => {
    const dir = tree({ "main.tf": 'resource "docker_container" "x" {\n  name = "$(touch PWNED)"\n}\n' + PASSWORD_TF });
    const profile = victim();
    symlinkSync(profile, join(dir, ".coder-secrets-lint-cache"));
    const run = runBin(["--cache", "-f", "json", "."], dir, installation());
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn]))).toEqual([["no-hardcoded-credentials", 5, 15, 31]]);
    expect(run.stderr).toBe("coder-secrets-lint: not using the cache file .coder-secrets-lint-cache: it is a symbolic link inside the working folder\n");
    expect(readFileSync(profile, "utf8")).toBe("# the user's profile\n");
    expect(readlinkSync(join(dir, ".coder-secrets-lint-cache"))).toBe(profile);
  });

  it("the cache file holds nothing a shell could run: its body is base64, with no template text in the clear", () => {
    const dir = tree({ "main.tf": 'resource "docker_container" "x" {\n  name = "$(touch PWNED)"\n  password = "Xq7vR2mK9pLw4Tz8"\n}\n' });
    runBin(["--cache", "."], dir, installation());
    const cache = readFileSync(join(dir, ".coder-secrets-lint-cache"), "utf8");
    expect(cache).toMatch(/^[0-9a-f]{64}\n[A-Za-z0-9+/=]+\n$/);
    const sourced = spawnSync("sh", ["-c", `. ./.coder-secrets-lint-cache; true`], { cwd: dir, encoding: "utf8" });
    expect(sourced.status).toBe(0);
    expect(existsSync(join(dir, "PWNED"))).toBe(false);
  });

  it.each([["--sarif-file"], ["-o"], ["--summary-file"], ["--write-baseline"]])("%s onto a symlink inside the tree is refused (exit 2), the target untouched", (flag) => {
    const dir = tree({ "main.tf": PASSWORD_TF });
    const profile = victim();
    symlinkSync(profile, join(dir, "report.out"));
    const run = runBin([flag, "report.out", "."], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot write report.out: refusing to write report.out: it is a symbolic link inside the working folder\n");
    expect(readFileSync(profile, "utf8")).toBe("# the user's profile\n");
  });

  it("a folder on the way that is a symlink is refused too, and a relative path that climbs out of the working folder", () => {
    const dir = tree({ "main.tf": PASSWORD_TF });
    const outside = mkdtempSync(join(tmpdir(), "csl-outside-"));
    symlinkSync(outside, join(dir, "reports"));
    const viaFolder = runBin(["-o", "reports/out.json", "."], dir);
    expect(viaFolder.code).toBe(2);
    expect(viaFolder.stderr).toContain("refusing to write reports/out.json: reports is a symbolic link inside the working folder\n");
    const climbing = runBin(["-o", "../escape.json", "."], join(dir));
    expect(climbing.code).toBe(2);
    expect(climbing.stderr).toContain("refusing to write ../escape.json: it leads outside the working folder (name an absolute path to write there)\n");
    expect(existsSync(join(outside, "out.json"))).toBe(false);
  });

  it("an absolute path the user named outside the tree is written as named; a regular file inside is replaced", () => {
    const dir = tree({ "main.tf": PASSWORD_TF });
    const target = join(mkdtempSync(join(tmpdir(), "csl-outside-")), "report.json");
    expect(runBin(["-f", "json", "-o", target, "."], dir).code).toBe(1);
    expect(JSON.parse(readFileSync(target, "utf8"))).toHaveLength(1);
    writeFileSync(join(dir, "inside.json"), "old");
    expect(runBin(["-f", "json", "-o", "inside.json", "."], dir).code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, "inside.json"), "utf8"))).toHaveLength(1);
  });

  it("--fix does not write a template through a symlink named on the command line", () => {
    const dir = tree({ "real/main.tf": 'variable "db_password" {\n  type = string\n}\n' });
    const link = mkdtempSync(join(tmpdir(), "csl-fixlink-"));
    symlinkSync(join(dir, "real", "main.tf"), join(link, "main.tf"));
    const run = runBin(["--fix", "main.tf"], link);
    expect(run.stderr).toBe("coder-secrets-lint: not fixed: main.tf: refusing to write " + join(link, "main.tf") + ": it is a symbolic link inside the working folder\n");
    expect(run.code).toBe(3);
    expect(readFileSync(join(dir, "real", "main.tf"), "utf8")).toBe('variable "db_password" {\n  type = string\n}\n');
  });
});

describe("2. git never runs a program or reaches the network for history", () => {
  it("a blobless clone whose config would run a command: nothing runs, the missing version is reported as not in this clone (exit 3)", () => {
    const source = new Repo();
    source.write("main.tf", PASSWORD_TF).commit("secret");
    source.write("main.tf", 'resource "docker_container" "db" {\n  password = var.db_password\n}\n').commit("clean");
    source.git("config", "uploadpack.allowFilter", "true");
    const parent = mkdtempSync(join(tmpdir(), "csl-blobless-"));
    const clone = join(parent, "clone");
    expect(spawnSync("git", ["clone", "-q", "--filter=blob:none", `file://${source.dir}`, clone]).status).toBe(0);
    const marker = join(parent, "PWNED");
    const command = `sh -c 'touch ${marker}; exec git-upload-pack "$@"' --`;
    spawnSync("git", ["config", "remote.origin.uploadpack", command], { cwd: clone });
    spawnSync("git", ["config", "core.sshCommand", `touch ${marker}`], { cwd: clone });
    const run = runBin(["history", "-f", "json"], clone);
    expect(existsSync(marker)).toBe(false);
    expect(run.code).toBe(3);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { line: number; column: number; message: string; fatal?: boolean }[] }[];
    expect(results.map((r) => r.messages.map((m) => [m.line, m.column, m.fatal, m.message.replace(/[0-9a-f]{12} \(\d{4}-\d\d-\d\d\)/, "C (D)")]))).toEqual([
      [[1, 1, true, "This file version is not in this clone (a partial or shallow clone); not linted. In commit C (D) as main.tf."]],
    ]);
  });
});

describe("3. revisions are never options", () => {
  it.each([
    [["history", "--", "--output=written.txt"], 'coder-secrets-lint: history: refusing the revision "--output=written.txt": it starts with \'-\' (a revision is never an option)\n'],
    [["history", "--since=--output=written.txt"], 'coder-secrets-lint: history: refusing --since "--output=written.txt": it starts with \'-\' (a revision is never an option)\n'],
    [["history", "--", "--max-count=0"], 'coder-secrets-lint: history: refusing the revision "--max-count=0": it starts with \'-\' (a revision is never an option)\n'],
    [["history", "--since", "no-such-branch"], 'coder-secrets-lint: history: --since "no-such-branch" is not a commit of this repository\n'],
  ])("%j is refused with exit 2 and writes nothing", (args, stderr) => {
    const repo = new Repo();
    repo.write("main.tf", PASSWORD_TF).commit("secret");
    const run = runBin(args, repo.dir);
    expect(run.stderr).toBe(stderr);
    expect(run.code).toBe(2);
    expect(existsSync(join(repo.dir, "written.txt"))).toBe(false);
  });
});

describe("4. no code from the scanned tree is loaded", () => {
  function planted(): { dir: string; marker: string } {
    const dir = tree({ "main.tf": PASSWORD_TF });
    const marker = join(dir, "PWNED");
    for (const name of ["eslint-formatter-compact", "jsn", "eslint-formatter-jsn"]) {
      mkdirSync(join(dir, "node_modules", name), { recursive: true });
      writeFileSync(join(dir, "node_modules", name, "package.json"), JSON.stringify({ name, main: "index.js" }));
      writeFileSync(join(dir, "node_modules", name, "index.js"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x");\nmodule.exports = () => "";\n`);
    }
    return { dir, marker };
  }

  it.each([["compact"], ["jsn"]])("-f %s does not load the linted folder's node_modules", (format) => {
    const { dir, marker } = planted();
    const run = runBin(["-f", format, "."], dir, { HOME: mkdtempSync(join(tmpdir(), "csl-home-")) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`unknown format "${format}"`);
    expect(existsSync(marker)).toBe(false);
  });

  it("the Action loads no formatter file, whatever its inputs say", async () => {
    const { dir, marker } = planted();
    writeFileSync(join(dir, "fmt.cjs"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x");\nmodule.exports = () => "";\n`);
    const plan = planRun({ INPUT_FORMAT: "./fmt.cjs", INPUT_PATHS: "." }, dir);
    expect("argv" in plan).toBe(true);
    const { runCli } = await import("../src/cli/cli.js");
    const err: string[] = [];
    const code = await runCli("argv" in plan ? plan.argv : [], { cwd: dir, stdout: () => undefined, stderr: (t) => err.push(t), stdoutIsTTY: false, stderrIsTTY: false, env: {}, formatterFiles: false });
    expect(code).toBe(2);
    expect(err.join("")).toBe('coder-secrets-lint: a formatter file ("./fmt.cjs") is not loaded here: it would be code from the repository being linted\n');
    expect(existsSync(marker)).toBe(false);
  });
});

describe("6. history never exits 0 over a version it could not lint", () => {
  it("a syntax error, a NUL byte and an over-limit version are notices (exit 3); credentials in a broken version are still found", () => {
    const repo = new Repo();
    repo.write("broken.tf", `a = "AKIAZ3MSLQDPQ7XKP2NB"\nb = {\n`).write("bin.tf", Buffer.from(`x = "${GITHUB_TOKEN}"\0`).toString("latin1")).write("big.tf", `# ${"x".repeat(3000)}\n`);
    repo.commit("bad versions");
    const run = runBin(["history", "-f", "json", "--max-file-size", "2000"], repo.dir);
    expect(run.code).toBe(3);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; message: string }[] }[];
    const rows = results.flatMap((r) => r.messages.map((m) => [r.filePath.slice(repo.dir.length + 1), m.ruleId, m.line, m.column, m.message.replace(/[0-9a-f]{12} \(\d{4}-\d\d-\d\d\)/, "C (D)").split(". Template source")[0]]));
    expect(rows).toEqual([
      ["bin.tf", "no-hardcoded-credentials", 1, 6, "Hard-coded GitHub personal access token (classic) (github-pat): ghp_…(40 chars)"],
      ["broken.tf", "no-hardcoded-credentials", 1, 6, "Hard-coded AWS access key ID (aws-access-key-id): AKIA…(20 chars)"],
      ["big.tf", null, 1, 1, "File is 3003 bytes, over the --max-file-size limit; not linted. In commit C (D) as big.tf."],
      ["bin.tf", null, 1, 1, "File is binary (it contains NUL bytes); not linted. In commit C (D) as bin.tf."],
      ["broken.tf", null, 2, 5, "Parsing error: Unterminated object constructor expression: There is no corresponding closing brace before the end of the file; the other rules did not run on this version. In commit C (D) as broken.tf."],
    ]);
    expect(run.stdout).not.toContain(GITHUB_TOKEN.slice(4, 12));
  });

  it("a blob first seen as an unparsable a.tf.json and then renamed to main.tf is linted as main.tf", () => {
    const repo = new Repo();
    repo.write("a.tf.json", PASSWORD_TF).commit("as json");
    repo.remove("a.tf.json").write("main.tf", PASSWORD_TF).commit("renamed");
    const run = runBin(["history", "-f", "json"], repo.dir);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number }[] }[];
    expect(results.flatMap((r) => r.messages.map((m) => [r.filePath.slice(repo.dir.length + 1), m.ruleId, m.line, m.column]))).toEqual([
      ["main.tf", "no-hardcoded-credentials", 2, 15],
      ["a.tf.json", null, 1, 1],
    ]);
    expect(run.code).toBe(3);
  });

  it("a file at HEAD that does not parse still has its credentials reported", () => {
    const dir = tree({ "main.tf": `a = "${GITHUB_TOKEN}"\nb = {\n` });
    const run = runBin(["-f", "json", "."], dir);
    const results = JSON.parse(run.stdout) as { messages: { ruleId: string | null; line: number; column: number; endColumn: number }[] }[];
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn])).toEqual([
      ["no-hardcoded-credentials", 1, 6, 46],
      [null, 2, 5, 6],
    ]);
  });
});

describe("11. a folder named history is a folder", () => {
  it("`-- history` and `--quiet history` lint the folder; the Action's paths never run the subcommand", () => {
    const dir = tree({ "history/main.tf": PASSWORD_TF });
    for (const args of [["-f", "json", "--", "history"], ["-f", "json", "--quiet", "history"]]) {
      const run = runBin(args, dir);
      expect(run.code).toBe(1);
      expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual([join(dir, "history", "main.tf")]);
    }
    const plan = planRun({ INPUT_PATHS: "history" }, dir);
    expect("argv" in plan && plan.argv[0]).not.toBe("history");
  });
});

interface JsonMessage {
  ruleId: string | null;
  line: number;
  column: number;
  endColumn: number;
  message: string;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: (JsonMessage & { suppressions: { kind: string; justification: string }[] })[];
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8", env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" } });
  if (result.status !== 0) throw new Error(result.stderr);
}

describe("5. a tracked file is never ignored, nor one Coder would upload", () => {
  it("a committed .gitignore listing committed files: git tracks them, so they are linted", () => {
    const dir = tree({ ".gitignore": "main.tf\nterraform.tfvars\n", "main.tf": PASSWORD_TF, "terraform.tfvars": 'db_password = "Xq7vR2mK9pLw4Tz8"\n' });
    git(dir, "init", "-q");
    git(dir, "add", "-f", ".");
    git(dir, "commit", "-qm", "x");
    const run = runBin(["-f", "json", "."], dir);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.flatMap((r) => r.messages.map((m) => [r.filePath.slice(dir.length + 1), m.ruleId, m.line, m.column, m.endColumn]))).toEqual([
      ["main.tf", "no-hardcoded-credentials", 2, 15, 31],
      ["terraform.tfvars", "no-hardcoded-credentials", 1, 16, 32],
    ]);
  });

  it.each([
    ["main.tf", true],
    ["scripts/setup.tf", true],
    [".terraform.lock.hcl", true],
    ["terraform.tfvars", false],
    ["terraform.tfvars.json", false],
    ["prod.auto.tfvars", false],
    ["prod.auto.tfvars.json", false],
    ["prod.tfvars", true],
    [".secrets.tf", false],
    [".hidden/main.tf", false],
    ["terraform.tfstate.backup", false],
  ])("coder templates push uploads %s: %s", async (path, uploaded) => {
    const { coderPushes } = await import("../src/catalog/coder-push.js");
    expect(coderPushes(path)).toBe(uploaded);
  });

  it("a credential in terraform.tfvars is not said to be in every template version; in a .tf file it is", () => {
    const dir = tree({ "terraform.tfvars": `token = "${GITHUB_TOKEN}"\n`, "main.tf": `locals {\n  token = "${GITHUB_TOKEN}"\n}\n` });
    const results = JSON.parse(runBin(["-f", "json", "."], dir).stdout) as JsonResult[];
    expect(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.message.split(": ghp_…(40 chars). ")[1])])).toEqual([
      ["main.tf", ['Template source is readable by every template user and kept in every template version; rotate it and use a sensitive variable, data "coder_secret" or a secrets manager.']],
      ["terraform.tfvars", ['coder templates push does not upload this file, but anyone who can read the repository (and its git history, once committed) can read it; rotate it and use a sensitive variable fed from the environment, data "coder_secret" or a secrets manager.']],
    ]);
  });
});

describe("7. replace refs and config cannot hide history", () => {
  it("a secret in a root commit is found with log.showRoot=false in the repository's config", () => {
    const repo = new Repo();
    repo.write("main.tf", PASSWORD_TF).commit("root");
    repo.git("config", "log.showRoot", "false");
    const run = runBin(["history", "-f", "json"], repo.dir);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.column]))).toEqual([["no-hardcoded-credentials", 2, 15]]);
  });

  it("refs/replace cannot swap a secret commit for a clean one", () => {
    const repo = new Repo();
    repo.write("main.tf", 'resource "docker_container" "db" {\n  password = var.db_password\n}\n').commit("clean");
    const secret = repo.write("main.tf", PASSWORD_TF).commit("secret");
    repo.write("main.tf", 'resource "docker_container" "db" {\n  password = var.db_password\n}\n').commit("clean again");
    // a clean stand-in for the secret commit, as a mirror clone would fetch it
    repo.git("checkout", "-q", "-b", "standin", `${secret}~1`);
    repo.write("other.tf", "# nothing here\n");
    const standin = repo.commit("stand-in");
    repo.git("checkout", "-q", "main");
    repo.git("replace", secret, standin);
    repo.git("branch", "-D", "standin");
    const run = runBin(["history", "-f", "json", "main"], repo.dir);
    const results = JSON.parse(run.stdout) as { messages: { ruleId: string | null; line: number; history?: { commit: string } }[] }[];
    const rows = results.flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.history?.commit]));
    expect(rows).toEqual([["no-hardcoded-credentials", 2, secret]]);
  });
});

describe("8. a bare eslint-disable does not silence a gate", () => {
  const template = [
    "# eslint-disable",
    'data "coder_parameter" "api_token" {',
    '  name = "api_token"',
    "}",
    "# eslint-disable-next-line coder-secrets/no-secret-parameters",
    'data "coder_parameter" "vault_token" {',
    '  name = "vault_token"',
    "}",
    "# eslint-disable-next-line coder-secrets/no-secret-parameters -- rotated daily by the platform team",
    'data "coder_parameter" "npm_token" {',
    '  name = "npm_token"',
    "}",
    "",
  ].join("\n");

  it("bare directives are reported, not honoured; one with a rule and a reason is", () => {
    const dir = tree({ "main.tf": template });
    const [result] = JSON.parse(runBin(["-f", "json", "."], dir).stdout) as JsonResult[];
    expect(result?.messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([
      [null, 1, 1, "eslint-disable without rule ids is not honoured: write eslint-disable <rule-id> -- <why this is safe> (or set allowBareEslintDirectives in the configuration)."],
      ["no-secret-parameters", 2, 1, expect.stringContaining('Parameter "api_token"') as unknown as string],
      [null, 5, 1, "eslint-disable-next-line without a reason is not honoured: write eslint-disable-next-line coder-secrets/no-secret-parameters -- <why this is safe> (or set allowBareEslintDirectives in the configuration)."],
      ["no-secret-parameters", 6, 1, expect.stringContaining('Parameter "vault_token"') as unknown as string],
    ]);
    expect(result?.suppressedMessages.map((m) => [m.line, m.suppressions[0]?.justification])).toEqual([[10, "rotated daily by the platform team"]]);
  });

  it("--no-inline-config honours none; allowBareEslintDirectives honours bare ones and says so", () => {
    const dir = tree({ "main.tf": template });
    const [strict] = JSON.parse(runBin(["-f", "json", "--no-inline-config", "."], dir).stdout) as JsonResult[];
    expect(strict?.messages.map((m) => [m.ruleId, m.line])).toEqual([["no-secret-parameters", 2], ["no-secret-parameters", 6], ["no-secret-parameters", 10]]);
    writeFileSync(join(dir, ".coder-secrets-lint.json"), '{ "allowBareEslintDirectives": true }\n');
    const run = runBin(["-f", "json", "."], dir);
    expect(run.stderr).toBe(`coder-secrets-lint: configuration ${join(dir, ".coder-secrets-lint.json")} honours bare eslint-disable directives\n`);
    expect((JSON.parse(run.stdout) as JsonResult[])[0]?.messages).toEqual([]);
  });

  it("the job summary lists every suppression the run honoured: file, line, rule, reason", () => {
    const dir = tree({ "main.tf": template });
    const summary = join(mkdtempSync(join(tmpdir(), "csl-summary-")), "summary.md");
    runBin(["--summary-file", summary, "."], dir);
    const text = readFileSync(summary, "utf8");
    expect(text.slice(text.indexOf("### Suppressed"))).toBe(
      ["### Suppressed (1 by directives in the files)", "", "| Location | Rule | Reason |", "| --- | --- | --- |", "| main.tf:10 | no-secret-parameters | rotated daily by the platform team |", ""].join("\n"),
    );
  });
});

describe("10. configuration outside the repository does not apply silently", () => {
  it("lookup stops at the repository root or the home folder; outside both only the folder itself is read", () => {
    const top = mkdtempSync(join(tmpdir(), "csl-config-"));
    writeFileSync(join(top, ".coder-secrets-lint.json"), '{ "ignores": ["**"] }');
    mkdirSync(join(top, "checkout", "templates"), { recursive: true });
    expect(findConfigFile(join(top, "checkout", "templates"), "/nonexistent-home")).toBeNull();
    mkdirSync(join(top, "checkout", ".git"));
    expect(findConfigFile(join(top, "checkout", "templates"), "/nonexistent-home")).toBeNull();
    writeFileSync(join(top, "checkout", ".coder-secrets-lint.json"), "{}");
    expect(findConfigFile(join(top, "checkout", "templates"), "/nonexistent-home")).toBe(join(top, "checkout", ".coder-secrets-lint.json"));
    // the home folder is a boundary too
    mkdirSync(join(top, "home", "work"), { recursive: true });
    expect(findConfigFile(join(top, "home", "work"), join(top, "home"))).toBeNull();
  });

  it.skipIf(process.getuid?.() !== 0)("a configuration file another user owns and others can write is refused (exit 2)", () => {
    const dir = tree({ "main.tf": PASSWORD_TF, ".coder-secrets-lint.json": '{ "ignores": ["**"] }' });
    chownSync(join(dir, ".coder-secrets-lint.json"), 4321, 4321);
    chmodSync(join(dir, ".coder-secrets-lint.json"), 0o666);
    const run = runBin(["."], dir);
    expect(run.stderr).toBe(`coder-secrets-lint: ${join(dir, ".coder-secrets-lint.json")}: refusing a configuration file that another user owns (uid 4321) and others can write\n`);
    expect(run.code).toBe(2);
  });

  it("a /tmp-style configuration above the checkout does not ignore its files", () => {
    const top = mkdtempSync(join(tmpdir(), "csl-config-"));
    writeFileSync(join(top, ".coder-secrets-lint.json"), '{ "ignores": ["**"] }');
    mkdirSync(join(top, "checkout"));
    writeFileSync(join(top, "checkout", "main.tf"), PASSWORD_TF);
    const run = runBin(["-f", "json", "."], join(top, "checkout"));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect((JSON.parse(run.stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn]))).toEqual([["no-hardcoded-credentials", 2, 15, 31]]);
  });
});

describe("16. blob bombs", () => {
  it("an over-limit blob is never inflated: its size is asked first", async () => {
    const repo = new Repo();
    repo.write("big.tf", "#".repeat(2_000_000)).commit("big");
    const blob = repo.git("rev-parse", "HEAD:big.tf");
    const reader = new BlobReader(repo.dir, 1000);
    expect(await reader.read(blob)).toEqual({ skipped: "too-large", size: 2_000_000 });
    expect(reader.streamedBytes).toBe(0);
    reader.close();
  });
});

describe("17. the job summary shows text only", () => {
  it("links, images, mentions, references and HTML from templates are escaped", () => {
    const hostile = "[click](https://evil.example/x) ![img](https://evil.example/i.png) @octocat #12 <img src=x onerror=alert(1)> www.evil.example *bold* `code`";
    const result: LintResult = {
      filePath: "/repo/main.tf",
      messages: [{ ruleId: "no-secret-parameters", severity: 2, message: hostile, line: 1, column: 1, endLine: 1, endColumn: 2, nodeType: null }],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    } as unknown as LintResult;
    const text = formatSummary([result], { color: false, cwd: "/repo", root: "/repo", toolVersion: "0", readText: () => "", secretsOf: () => [] });
    const row = text.split("\n").find((line) => line.startsWith("| main")) ?? "";
    for (const live of ["](http", "![", "<img", "@octocat", "#12", "https://", "www.evil", "*bold*", "`code`"]) expect(row).not.toContain(live);
    expect(row.replace(/\u200b/g, "").replace(/\\(.)/g, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")).toContain(hostile);
  });
});

describe("12. the cache never hides a finding", () => {
  it('a module linked by source = "\\u002e./child" is in the cache key: a changed child is seen by the cached run', () => {
    const dir = tree({
      "t/main.tf": 'module "child" {\n  source = "\\u002e./child"\n}\nresource "coder_agent" "a" {\n  env = { X = module.child.value }\n}\n',
      "child/main.tf": 'output "value" {\n  value = "plain"\n}\n',
    });
    const user = installation();
    const cwd = join(dir, "t");
    expect(runBin(["--cache", "."], cwd, user).code).toBe(0);
    writeFileSync(join(dir, "child", "main.tf"), 'resource "random_password" "p" {\n  length = 16\n}\noutput "value" {\n  value = random_password.p.result\n}\n');
    const cached = JSON.parse(runBin(["--cache", "-f", "json", "."], cwd, user).stdout) as JsonResult[];
    expect(cached.flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn]))).toEqual([["require-sensitive-metadata", 5, 11, 33]]);
  });
});

describe("13. module fan-out", () => {
  it("nine folders, each calling the next ten times with outputs flowing back: each instance analysed once, the finding reported", () => {
    const files: Record<string, string> = {};
    const calls = (next: number): string =>
      Array.from({ length: 10 }, (_, k) => `module "c${String(k)}" {\n  source = "../m${String(next)}"\n  token = var.token\n}\n`).join("");
    const joined = `output "out" {\n  value = join(",", [${Array.from({ length: 10 }, (_, k) => `module.c${String(k)}.out`).join(", ")}])\n}\n`;
    files["m0/main.tf"] = `resource "random_password" "p" {\n  length = 16\n}\n${calls(1).replace(/var\.token/g, "random_password.p.result")}resource "coder_agent" "a" {\n  env = { T = module.c0.out }\n}\n`;
    for (let i = 1; i <= 7; i++) files[`m${String(i)}/main.tf`] = `variable "token" {\n  type      = string\n  sensitive = true\n}\n${calls(i + 1)}${joined}`;
    files["m8/main.tf"] = 'variable "token" {\n  type      = string\n  sensitive = true\n}\noutput "out" {\n  value = var.token\n}\n';
    const dir = tree(files);
    const run = runBin(["-f", "json", "m0"], dir);
    const results = JSON.parse(run.stdout) as JsonResult[];
    // the line of the env entry: after the random_password block (3 lines) and ten 4-line calls
    expect(results.flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.column]))).toEqual([["require-sensitive-metadata", 45, 11]]);
  });
});

describe("14. symlink floods", () => {
  it("a folder of links to one big file reads it once, and linked files have a byte budget per run", async () => {
    const { MAX_LINKED_BYTES } = await import("../src/engine/module-loader.js");
    expect(MAX_LINKED_BYTES).toBe(64 * 1024 * 1024);
    const dir = tree({ "real/big.tf": `locals {\n${'  a = "x"\n'.slice(0, 0)}}\n${"# padding\n".repeat(300_000)}`, "t/main.tf": 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n' });
    for (let i = 0; i < 2000; i++) symlinkSync(join("..", "real", "big.tf"), join(dir, "t", `l${String(i)}.tf`));
    const run = runBin(["-f", "json", "--debug", "."], join(dir, "t"));
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.flatMap((r) => r.messages.map((m) => [r.filePath.slice(dir.length + 1), m.ruleId, m.line, m.column]))).toEqual([["t/main.tf", "no-secret-parameters", 1, 1]]);
    expect(run.code).toBe(1);
  });
});

describe("15. wide locals", () => {
  it("a 1 MB template of wide maps read key by key, through merge(): each local evaluated once, the one secret entry found", () => {
    const n = 20_000;
    const lines = ['resource "random_password" "p" {', "  length = 16", "}", "locals {", "  big = {"];
    for (let i = 0; i < n; i++) lines.push(i === 5 ? `    k${String(i)} = random_password.p.result` : `    k${String(i)} = "value${String(i)}"`);
    lines.push("  }", '  other = merge(local.big, { extra = "x" })', "}", 'resource "coder_agent" "a" {', "  env = {");
    const firstEnvLine = lines.length + 1;
    for (let i = 0; i < n; i++) lines.push(`    E${String(i)} = local.other.k${String(i)}`);
    lines.push("  }", "}", "");
    const dir = tree({ "main.tf": lines.join("\n") });
    expect(readFileSync(join(dir, "main.tf")).length).toBeGreaterThan(1_000_000);
    const started = Date.now();
    const run = runBin(["-f", "json", "."], dir);
    // generous: it was seven minutes before, well under a second now; this catches a quadratic path, not a slow machine
    expect(Date.now() - started).toBeLessThan(20_000);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.column]))).toEqual([["require-sensitive-metadata", firstEnvLine + 5, 5]]);
  });
});

/** A tar archive built byte by byte: headers a tool would never write together (GNU long name and pax path, a global pax header). */
function rawTar(entries: readonly { type: string; name: string; data: string | Buffer }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === "string" ? Buffer.from(entry.data) : entry.data;
    const header = Buffer.alloc(512);
    header.write(entry.name.slice(0, 99), 0, "utf8");
    header.write("0000644\0", 100, "latin1");
    header.write("0000000\0", 108, "latin1");
    header.write("0000000\0", 116, "latin1");
    header.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124, "latin1");
    header.write("00000000000\0", 136, "latin1");
    header.write("        ", 148, "latin1");
    header.write(entry.type, 156, "latin1");
    header.write("ustar\0", 257, "latin1");
    header.write("00", 263, "latin1");
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function paxRecords(records: Record<string, string>): string {
  return Object.entries(records)
    .map(([key, value]) => {
      const body = ` ${key}=${value}\n`;
      let length = body.length + 1;
      while (`${String(length)}${body}`.length !== length) length++;
      return `${String(length)}${body}`;
    })
    .join("");
}

describe("9. archives are read the way Coder reads them", () => {
  const SECRET_TAIL = `# ${"-".repeat(40)}\nlocals {\n  token = "${GITHUB_TOKEN}"\n}\n`;

  it("main.tf twice: the deployed overlay (second entry over the tail of the first) is linted, each version too, and the duplicate is a finding-level notice", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    writeFileSync(join(dir, "v.tar"), rawTar([{ type: "0", name: "main.tf", data: SECRET_TAIL }, { type: "0", name: "main.tf", data: "# clean\n" }]));
    const run = runBin(["-f", "json", "v.tar"], dir);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const withMessages = results.filter((r) => r.messages.length > 0);
    // the deployed file: "# clean\n" over the first line, then the rest of the first entry (its
    // second line is what remains of the first: a syntax error, and the token still deployed)
    expect(withMessages.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => [m.ruleId, m.line, m.column, m.message.slice(0, 40)])])).toEqual([
      ["v.tar:(entry 1 of 2)/main.tf", [["no-hardcoded-credentials", 3, 12, "Hard-coded GitHub personal access token "]]],
      [
        "v.tar:main.tf",
        [
          [null, 1, 1, "The archive holds main.tf 2 times. Coder"],
          [null, 2, 1, "Parsing error: Argument or block definit"],
          ["no-hardcoded-credentials", 4, 12, "Hard-coded GitHub personal access token "],
        ],
      ],
    ]);
    expect(withMessages[1]?.messages[0]?.message).toBe(
      "The archive holds main.tf 2 times. Coder's extraction writes each entry over the last without truncating, so the file deployed (linted here) is the last entry over the tail of the longer earlier ones; each other version is linted as (entry 1 of 2)/main.tf, (entry 2 of 2)/main.tf.",
    );
    expect(run.code).toBe(1);
  });

  it("a GNU long name beside a pax path: linted under both names, with a notice naming what Coder extracts", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    writeFileSync(
      join(dir, "v.tar"),
      rawTar([
        { type: "L", name: "././@LongLink", data: "secrets.tf\0" },
        { type: "x", name: "PaxHeader", data: paxRecords({ path: "notes.txt" }) },
        { type: "0", name: "plain.txt", data: `token = "${GITHUB_TOKEN}"\n` },
      ]),
    );
    const run = runBin(["-f", "json", "v.tar"], dir);
    const results = JSON.parse(run.stdout) as JsonResult[];
    // notes.txt is not a template name: only the name Coder extracts is linted here
    expect(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => [m.ruleId, m.line, m.column])])).toEqual([
      ["v.tar:secrets.tf", [[null, 1, 1], ["no-hardcoded-credentials", 1, 10]]],
    ]);
    expect(results[0]?.messages[0]?.message).toBe('Ambiguous tar header: Coder (Go\'s archive/tar) extracts this entry as "secrets.tf", other readers as "notes.txt"; linted under both names.');
    expect(run.code).toBe(1);
  });

  it("a global pax header that sets a path is a finding-level notice", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    writeFileSync(join(dir, "v.tar"), rawTar([{ type: "g", name: "pax_global_header", data: paxRecords({ path: "hidden.txt" }) }, { type: "0", name: "main.tf", data: "locals {}\n" }]));
    const run = runBin(["-f", "json", "v.tar"], dir);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.filter((r) => r.messages.length > 0).map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.message)])).toEqual([
      ["v.tar", ['Ambiguous tar archive: a global pax header sets "path", which Go\'s reader (Coder\'s) ignores and other readers apply; names and entry boundaries may differ from what Coder extracts.']],
    ]);
    expect(run.code).toBe(1);
  });

  it("a zip entry marked as a symlink is linted as the regular file Coder writes", async () => {
    const yazl = (await import("yazl")).default;
    const dir = mkdtempSync(join(tmpdir(), "csl-archive-"));
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(`locals {\n  token = "${GITHUB_TOKEN}"\n}\n`), "main.tf", { mode: 0o120777 });
    zip.end();
    const { pipeline } = await import("node:stream/promises");
    const { createWriteStream } = await import("node:fs");
    await pipeline(zip.outputStream, createWriteStream(join(dir, "v.zip")));
    const run = runBin(["-f", "json", "v.zip"], dir);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => [m.ruleId, m.line, m.column])])).toEqual([["v.zip:main.tf", [["no-hardcoded-credentials", 2, 12]]]]);
  });
});
