import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planRun } from "../src/action/main.js";
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
    const run = runBin(["--cache", "."], dir, installation());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("no-hardcoded-credentials");
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
