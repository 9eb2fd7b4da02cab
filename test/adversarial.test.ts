import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFile } from "../src/engine/load.js";
import { spawnSync } from "node:child_process";
import { BIN, runBin } from "./helpers.js";

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; fatal?: boolean; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

/** Lints one folder through the bin (bounded by runBin's timeout) and returns exit code and results. */
function lintFolder(files: Record<string, string | Buffer>): { code: number; results: JsonResult[]; stderr: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "csl-adv-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const run = runBin(["-f", "json", "."], dir);
  return { code: run.code, results: run.stdout ? (JSON.parse(run.stdout) as JsonResult[]) : [], stderr: run.stderr, dir };
}

const CLEAN = 'data "coder_parameter" "api_token" {\n  name = "api_token"\n}\n';

describe("hostile input", () => {
  it("100,000 nested brackets: a clear error with a position, other files still linted", () => {
    const { code, results } = lintFolder({ "deep.tf": "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n", "main.tf": CLEAN });
    expect(code).toBe(1);
    expect(results.map((r) => [r.filePath.split("/").pop(), r.messages.map((m) => [m.ruleId, m.line, m.column, m.message])])).toEqual([
      ["deep.tf", [[null, 1, 405, "Parsing error: expressions are nested more than 400 levels deep"]]],
      ["main.tf", [["no-secret-parameters", 1, 1, expect.stringContaining('Parameter "api_token"') as unknown]]],
    ]);
  });

  it("locals that use another local twice, forty deep: bounded work, each secret entry reported once, traces in order", () => {
    const depth = 40;
    const lines = ['variable "secret" {\n  sensitive = true\n}\n', "locals {"];
    for (let i = 0; i < depth; i++) lines.push(`  l${String(i)} = merge(local.l${String(i + 1)}, local.l${String(i + 1)})`);
    lines.push(`  l${String(depth)} = { TOKEN = var.secret }`);
    for (let i = 0; i < depth; i++) lines.push(`  k${String(i)} = { TOKEN = local.k${String(i + 1)}.TOKEN, OTHER = local.k${String(i + 1)}.TOKEN }`);
    lines.push(`  k${String(depth)} = { TOKEN = var.secret }`, "}");
    lines.push('resource "coder_agent" "main" {\n  os   = "linux"\n  arch = "amd64"\n  env  = local.l0\n  startup_script = "echo ${local.k0.TOKEN}"\n}\n');
    const { code, results } = lintFolder({ "main.tf": lines.join("\n") });
    expect(code).toBe(1);
    const messages = results.flatMap((r) => r.messages);
    // one finding per secret entry, each where it lands: the env attribute and the interpolation
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn])).toEqual([
      ["require-sensitive-metadata", 92, 3, 92, 18],
      ["no-secret-in-scripts", 93, 26, 93, 43],
    ]);
    const script = messages.find((m) => m.ruleId === "no-secret-in-scripts");
    expect(script?.message).toMatch(/^Secret var\.secret -> local\.k40 -> local\.k39 -> local\.k38 -> /);
  });

  it("a 50 MB file is refused by --max-file-size with a clear message and exit code 3", () => {
    const line = 'locals { a = "' + "x".repeat(1000) + '" }\n';
    const { code, results } = lintFolder({ "big.tf": line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)), "main.tf": CLEAN });
    expect(code).toBe(3);
    expect(results[0]?.messages.map((m) => m.message)).toEqual(["File is 50.0 MB, over the --max-file-size limit of 4.0 MB; not linted"]);
    expect(results[1]?.messages.map((m) => m.ruleId)).toEqual(["no-secret-parameters"]);
  }, 60_000);

  it("a 1 MB single line is linted", () => {
    const { code, results } = lintFolder({ "line.tf": 'locals { a = "' + "y".repeat(1024 * 1024) + '" }\n' });
    expect(code).toBe(0);
    expect(results[0]?.messages).toEqual([]);
  });

  it("an empty file and a file of only comments are clean", () => {
    const { code, results } = lintFolder({ "empty.tf": "", "comments.tf": "# one\n// two\n/* three\n four */\n" });
    expect(code).toBe(0);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });

  it("a symlink loop does not hang discovery", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-loop-"));
    writeFileSync(join(dir, "main.tf"), CLEAN);
    symlinkSync(".", join(dir, "self"));
    symlinkSync("b", join(dir, "a"));
    symlinkSync("a", join(dir, "b"));
    const run = runBin(["-f", "json", "."], dir);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual([join(dir, "main.tf")]);
  });

  it("a file that vanishes before it is read is reported, not fatal to the run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-vanish-"));
    const path = join(dir, "gone.tf");
    writeFileSync(path, CLEAN);
    rmSync(path);
    const loaded = await loadFile(path, 1024 * 1024);
    expect(loaded).toEqual({ ok: false, unreadable: { path, message: "Cannot read file: ENOENT" } });
    mkdirSync(join(dir, "folder.tf"));
    expect(await loadFile(join(dir, "folder.tf"), 1024)).toEqual({ ok: false, unreadable: { path: join(dir, "folder.tf"), message: "Not a regular file; not linted" } });
  });

  it("a folder of 5,000 empty files", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-5k-"));
    for (let i = 0; i < 5000; i++) writeFileSync(join(dir, `f${String(i)}.tf`), "");
    const run = runBin(["-f", "json", "."], dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonResult[]).length).toBe(5000);
  });

  it("CRLF line endings and a byte-order mark keep positions exact", () => {
    const { results } = lintFolder({ "main.tf": Buffer.from("\uFEFF# c\r\ndata \"coder_parameter\" \"api_token\" {\r\n  name = \"api_token\"\r\n}\r\n", "utf8") });
    expect(results[0]?.messages.map((m) => [m.line, m.column, m.endLine, m.endColumn])).toEqual([[2, 1, 2, 35]]);
  });

  it("a .tf.json file with a 10,000-deep array", () => {
    const { code, results } = lintFolder({ "main.tf.json": '{"locals": {"a": ' + "[".repeat(10_000) + "]".repeat(10_000) + "}}", "main.tf": CLEAN });
    expect(code).toBe(1);
    const json = results.find((r) => r.filePath.endsWith(".tf.json"));
    expect(json?.messages.map((m) => [m.line, m.column, m.message])).toEqual([[1, 416, "Parsing error: JSON is nested more than 400 levels deep"]]);
    expect(results.find((r) => r.filePath.endsWith("main.tf"))?.messages.map((m) => m.ruleId)).toEqual(["no-secret-parameters"]);
  });

  it("memory stays bounded on the heaviest inputs (peak RSS of the process)", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-rss-"));
    writeFileSync(join(dir, "deep.tf"), "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
    writeFileSync(join(dir, "line.tf"), 'locals { a = "' + "y".repeat(1024 * 1024) + '" }\n');
    writeFileSync(join(dir, "deep.tf.json"), '{"locals": {"a": ' + "[".repeat(10_000) + "]".repeat(10_000) + "}}");
    const line = 'locals { a = "' + "x".repeat(1000) + '" }\n';
    writeFileSync(join(dir, "big.tf"), line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const run = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, BIN, "-f", "json", "."], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    const peakKb = Number(/(\d+)\s*$/.exec(run.stderr)?.[1] ?? Infinity);
    expect(run.status).toBe(3);
    expect(peakKb / 1024).toBeLessThan(300);
  }, 120_000);

  it("binary files and invalid UTF-8 with a .tf name", () => {
    const { code, results } = lintFolder({ "a.tf": Buffer.from([0, 1, 2, 3, 255]), "b.tf": Buffer.from([0xc3, 0x28, 0x0a]), "main.tf": CLEAN });
    expect(code).toBe(3);
    expect(results.map((r) => r.messages[0]?.message)).toEqual([
      "File is binary (it contains NUL bytes); not linted",
      "File is not valid UTF-8 text; not linted",
      expect.stringContaining('Parameter "api_token"') as unknown,
    ]);
  });
});
