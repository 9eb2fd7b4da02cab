import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runBin } from "./helpers.js";

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; severity: number; message: string }[];
  suppressedMessages: { ruleId: string; line: number; suppressions: { kind: string; justification: string }[] }[];
}

describe("inline suppressions", () => {
  it("suppress with a reason on the line above or at the end of the line, in #, // and /* */ comments", () => {
    const { code, stdout } = runBin(["-f", "json", "--report-unused-suppressions", "suppressions"], FIXTURES);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as JsonResult[];
    const fileLevel = results.find((r) => r.filePath === join(FIXTURES, "suppressions", "file-level.tf"));
    const main = results.find((r) => r.filePath === join(FIXTURES, "suppressions", "main.tf"));
    // the file directive covers no-hardcoded-credentials only
    expect(fileLevel?.messages.map((m) => [m.ruleId, m.line])).toEqual([["sensitive-variables", 2]]);
    expect(fileLevel?.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions])).toEqual([
      ["no-hardcoded-credentials", 3, [{ kind: "directive", justification: "fake credentials for the docs" }]],
    ]);
    expect(main?.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions])).toEqual([
      ["no-secret-parameters", 1, [{ kind: "directive", justification: "demo template, token is a throwaway" }]],
      ["no-secret-parameters", 6, [{ kind: "directive", justification: "asked for on purpose in this demo" }]],
    ]);
    const advice = 'but Coder shows parameter values in cleartext. Use data "coder_secret" (user secrets), data "coder_external_auth", a provider-generated secret or Vault instead.';
    expect(main?.messages.map((m) => [m.ruleId, m.line, m.column, m.severity, m.message])).toEqual([
      [null, 10, 1, 2, 'coder-secrets-lint-ignore needs a reason after "--": coder-secrets-lint-ignore no-secret-parameters -- <why this is safe>.'],
      ["no-secret-parameters", 11, 1, 2, `Parameter "no_reason_token" collects a secret (its name says "token"), ${advice}`],
      [null, 15, 1, 2, 'coder-secrets-lint-ignore names unknown rule "no-such-rule".'],
      ["no-secret-parameters", 16, 1, 2, `Parameter "typo_secret" collects a secret (its name says "secret"), ${advice}`],
      [null, 20, 1, 1, "Unused coder-secrets-lint-ignore directive (no problems were reported from 'no-cleartext-metadata')."],
    ]);
  });

  it("does not report unused directives unless asked", () => {
    const results = JSON.parse(runBin(["-f", "json", "suppressions"], FIXTURES).stdout) as JsonResult[];
    expect(results[1]?.messages.some((m) => m.message.startsWith("Unused"))).toBe(false);
  });
});

describe("baseline", () => {
  it("records findings by hash, then fails only on new ones, however lines move", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-baseline-"));
    cpSync(join(FIXTURES, "no-hardcoded-credentials", "named"), dir, { recursive: true });
    const write = runBin(["--write-baseline", "baseline.json", "."], dir);
    expect(write).toMatchObject({ code: 0, stdout: "" });
    expect(write.stderr).toBe("coder-secrets-lint: wrote 13 findings to baseline.json\n");
    const baselineText = readFileSync(join(dir, "baseline.json"), "utf8");
    const baseline = JSON.parse(baselineText) as { findings: Record<string, unknown>[] };
    expect(Object.keys(baseline.findings[0] ?? {})).toEqual(["ruleId", "file", "hash", "count"]);
    expect(baselineText).not.toContain("Winter2024");
    expect(baselineText).not.toContain('"line"');

    // unrelated edits: lines shift, nothing new is reported
    const main = join(dir, "main.tf");
    writeFileSync(main, "# a new comment\n\n" + readFileSync(main, "utf8"));
    expect(runBin(["--baseline", "baseline.json", "."], dir)).toEqual({ code: 0, stdout: "", stderr: "" });

    // a new credential is reported; the old ones stay suppressed as "external"
    writeFileSync(join(dir, "extra.tf"), 'variable "admin_password" {\n  default = "N3w-Secret!"\n}\n');
    const run = runBin(["--baseline", "baseline.json", "-f", "json", "."], dir);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.flatMap((r) => r.messages.map((m) => [r.filePath.slice(dir.length + 1), m.ruleId, m.line]))).toEqual([
      ["extra.tf", "sensitive-variables", 1],
      ["extra.tf", "no-hardcoded-credentials", 2],
    ]);
    expect(results.flatMap((r) => r.suppressedMessages).every((m) => m.suppressions[0]?.kind === "external")).toBe(true);
    expect(results.flatMap((r) => r.suppressedMessages)).toHaveLength(13);
  });

  it("rejects a file that is not a baseline with exit code 2", () => {
    expect(runBin(["--baseline", "seed/good/main.tf", "seed/good"], FIXTURES)).toMatchObject({ code: 2 });
  });
});

describe("ESLint directives in the CLI", () => {
  it("name our rules with or without the coder-secrets/ prefix, and ignore other plugins' rules", () => {
    const dir = mkdtempSync(join(tmpdir(), "csl-eslint-directives-"));
    writeFileSync(
      join(dir, "main.tf"),
      [
        "# eslint-disable-next-line no-secret-parameters -- rotated by the platform team",
        'data "coder_parameter" "api_token" {',
        '  name = "api_token"',
        "}",
        "# eslint-disable-next-line terraform/naming-convention",
        'data "coder_parameter" "vault_token" {',
        '  name = "vault_token"',
        "}",
        "",
      ].join("\n"),
    );
    const results = JSON.parse(runBin(["-f", "json", "--report-unused-suppressions", "."], dir).stdout) as { messages: { ruleId: string | null; line: number; column: number }[]; suppressedMessages: { line: number; column: number }[] }[];
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["no-secret-parameters", 6, 1]]);
    expect(results[0]?.suppressedMessages.map((m) => [m.line, m.column])).toEqual([[2, 1]]);
  });
});
