import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { at, FIXTURES, lintFixture, runBin } from "../helpers.js";

describe("require-sensitive-metadata", () => {
  it("reports env entries and coder_env values whose secret no sensitive metadata item shows", async () => {
    const { findings, results } = await lintFixture("require-sensitive-metadata/bad", { only: "require-sensitive-metadata" });
    expect(findings).toEqual([
      // the item for the session token exists but is not sensitive, so it does not count
      at("main.tf", "require-sensitive-metadata", 21, 5, 21, 64),
      at("main.tf", "require-sensitive-metadata", 22, 5, 22, 30),
      at("main.tf", "require-sensitive-metadata", 30, 3, 30, 25),
    ]);
    const messages = results[0]?.messages ?? [];
    expect(messages[1]?.message).toBe(
      'Secret random_password.db.result -> local.db_pass -> local.dsn (sensitive in the provider schema) is injected as env "DATABASE_URL" of coder_agent.main without a coder_metadata item marked sensitive = true that shows the same secret.',
    );
    expect(messages[1]?.severity).toBe(1);
    expect(messages[1]?.trace?.path).toBe("random_password.db.result -> local.db_pass -> local.dsn");
    expect(messages[1]?.trace?.steps.map((s) => [s.label, s.line, s.column])).toEqual([
      ["random_password.db.result", 13, 13],
      ["local.db_pass", 13, 3],
      ["local.dsn", 14, 3],
      ["require-sensitive-metadata", 22, 5],
    ]);
  });

  it("reads env built with merge(), conditionals and locals entry by entry, reporting where each secret entry is written", async () => {
    const { findings, results } = await lintFixture("require-sensitive-metadata/merged-env", { only: "require-sensitive-metadata" });
    expect(findings).toEqual([at("main.tf", "require-sensitive-metadata", 16, 5, 16, 33), at("main.tf", "require-sensitive-metadata", 28, 7, 28, 34)]);
    expect(results[0]?.messages[0]?.message).toBe(
      'Secret var.db_password (a variable declared sensitive = true) is injected as env "PGPASSWORD" of coder_agent.main (via local.pg_env) without a coder_metadata item marked sensitive = true that shows the same secret.',
    );
  });

  it("says secret only where a secret can be: empty, boolean and number values of secret-named keys are not", async () => {
    const { findings, results } = await lintFixture("require-sensitive-metadata/value-aware", { only: "require-sensitive-metadata" });
    expect(findings).toEqual([at("main.tf", "require-sensitive-metadata", 32, 5, 32, 68), at("main.tf", "require-sensitive-metadata", 33, 5, 33, 45)]);
    expect(results[0]?.messages.map((m) => /env "(\w+)"/.exec(m.message)?.[1])).toEqual(["DEPLOY_TOKEN", "REGISTRY_TOKEN"]);
  });

  it("skips reusable modules (no coder_agent, one handed in by var.agent_id) unless checkModules is set", async () => {
    expect((await lintFixture("require-sensitive-metadata/module", { only: "require-sensitive-metadata" })).findings).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "csl-module-"));
    cpSync(join(FIXTURES, "require-sensitive-metadata", "module"), dir, { recursive: true });
    writeFileSync(join(dir, "strict.json"), JSON.stringify({ rules: { "require-sensitive-metadata": ["warn", { checkModules: true }], "no-secret-in-scripts": "off" } }));
    const run = runBin(["--config", "strict.json", "-f", "json", "main.tf"], dir);
    const results = JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn])).toEqual([["require-sensitive-metadata", 14, 3, 14, 25]]);
  });

  it("accepts items from dynamic blocks, counted metadata and other files of the module; ignores the agent token hand-off", async () => {
    const { findings } = await lintFixture("require-sensitive-metadata/good", { only: "require-sensitive-metadata" });
    expect(findings).toEqual([]);
  });

  it("passes the seed's own example and fails it without the metadata item", async () => {
    expect((await lintFixture("seed/good")).findings).toEqual([]);
    expect((await lintFixture("seed/bad", { only: "require-sensitive-metadata" })).findings).toEqual([at("main.tf", "require-sensitive-metadata", 11, 5, 11, 63)]);
  });
});
