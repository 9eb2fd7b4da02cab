import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import plugin from "../src/eslint/plugin.js";
import { describe, expect, it } from "vitest";
import { FIXTURES, lintFixture, runBin } from "./helpers.js";

/** Fixture folders full of credentials. */
const SECRET_FIXTURES = ["no-hardcoded-credentials/formats", "no-hardcoded-credentials/named", "no-hardcoded-credentials/tftpl"];

/** Every secret the linter finds, cut out of the fixtures by the ranges it reports. */
async function collectSecrets(): Promise<string[]> {
  const secrets: string[] = [];
  for (const fixture of SECRET_FIXTURES) {
    const { results } = await lintFixture(fixture, { rules: ["no-secret-parameters:off"] });
    for (const result of results) {
      const lines = readFileSync(result.filePath, "utf8").split("\n");
      for (const m of result.messages) {
        if (m.ruleId !== "no-hardcoded-credentials") continue;
        const text = lines.slice(m.line - 1, m.endLine).join("\n");
        const end = text.length - ((lines[m.endLine - 1]?.length ?? 0) - (m.endColumn - 1));
        secrets.push(text.slice(m.column - 1, end));
      }
    }
  }
  return secrets;
}

describe("no secret is ever printed in full", () => {
  it("in any output format, in --print-json, or in errors", async () => {
    const secrets = await collectSecrets();
    expect(secrets.length).toBeGreaterThan(60);
    const outputs: string[] = [];
    for (const format of ["stylish", "json", "sarif", "github", "junit"]) {
      for (const fixture of SECRET_FIXTURES) {
        const run = runBin(["--format", format, fixture], FIXTURES);
        expect(run.code).toBe(1);
        outputs.push(run.stdout, run.stderr);
      }
    }
    for (const file of ["no-hardcoded-credentials/formats/main.tf", "no-hardcoded-credentials/named/main.tf", "no-hardcoded-credentials/named/terraform.tfvars"]) {
      const run = runBin(["--print-json", file], FIXTURES);
      expect(run.code).toBe(0);
      outputs.push(run.stdout, run.stderr);
    }
    // configuration printing, fixes shown as a diff, the baseline and the cache file
    const work = mkdtempSync(join(tmpdir(), "csl-leak-"));
    cpSync(join(FIXTURES, "no-hardcoded-credentials"), work, { recursive: true });
    outputs.push(runBin(["--print-config"], work).stdout);
    outputs.push(runBin(["--fix-dry-run", "."], work).stdout);
    runBin(["--write-baseline", "baseline.json", "."], work);
    outputs.push(readFileSync(join(work, "baseline.json"), "utf8"));
    runBin(["--cache", "-f", "json", "."], work);
    outputs.push(readFileSync(join(work, ".coder-secrets-lint-cache"), "utf8"));
    outputs.push(runBin(["--cache", "-f", "json", "."], work).stdout);
    // internal-error reporting with DEBUG set, and the ESLint plugin's messages and fix texts
    outputs.push(runBin(["-f", "json", "."], work, { DEBUG: "1" }).stderr);
    const eslint = new ESLint({ cwd: work, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    // ESLint's own result carries the file's `source`; what the plugin adds are messages and fixes
    outputs.push(JSON.stringify((await eslint.lintFiles(["."])).map((r) => r.messages)));
    // weak credentials that are ordinary words ("password", an API key "secret") also appear in
    // messages as words of their own
    const distinctive = secrets.filter((secret) => !/^[a-z]{1,10}$/.test(secret));
    expect(secrets.filter((secret) => !distinctive.includes(secret)).sort()).toEqual(["password", "secret"]);
    const leaked = distinctive.filter((secret) => outputs.some((output) => output.includes(secret)));
    expect(leaked.map((s) => s.slice(0, 4))).toEqual([]);
  });

  it("not even in the stylish output of a file that also has a syntax error", () => {
    const run = runBin(["no-hardcoded-credentials/named/main.tf", "syntax-error"], FIXTURES);
    expect(run.stdout).not.toContain("Winter2024!dev");
    expect(run.stdout).toContain("Win\u2026(14 chars)");
  });
});
