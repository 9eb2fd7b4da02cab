import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";
import { at, lintFixture } from "./helpers.js";

describe("secret dataflow", () => {
  it("follows secrets through locals, templates, calls, conditionals, for, collections, indexes and modules", async () => {
    const { results } = await lintFixture("flows/bad", { only: "no-cleartext-metadata" });
    const main = results.find((r) => r.filePath.endsWith("flows/bad/main.tf"));
    const traces = (main?.messages ?? []).map((m) => [m.line, m.trace?.path]);
    expect(traces).toEqual([
      [44, "var.db_password -> local.heredoc"],
      [48, "var.plain -> local.joined"],
      [52, "random_password.pw.result -> local.cond"],
      [56, "random_password.pw -> local.listed"],
      [60, "var.plain -> local.object"],
      [64, "sensitive() in main.tf -> local.marked"],
      [68, "var.plain -> local.unmarked"],
      [72, "random_password.pw.result"],
      [76, "random_password.each.result"],
      [80, "var.plain -> module.child.value_in -> module.child.echoed"],
      [84, "module.child.generated"],
    ]);
    expect(results.filter((r) => r.filePath.includes("modules/child")).flatMap((r) => r.messages)).toEqual([]);
  });

  it("follows each caller's own inputs through a child module that several templates share", async () => {
    // the module's files are parsed once and shared; what flows through them is each caller's own
    const { results, findings } = await lintFixture("shared-module", { only: "no-cleartext-metadata" });
    expect(findings).toEqual([
      at("templates/alpha/main.tf", "no-cleartext-metadata", 12, 3, 12, 7),
      at("templates/beta/main.tf", "no-cleartext-metadata", 12, 3, 12, 7),
    ]);
    expect(results.flatMap((r) => r.messages.map((m) => m.trace?.path))).toEqual(["var.db_password -> module.relay.value_in -> module.relay.echoed", "module.relay.generated"]);
  });

  it("stops at hashes, lengths and comparisons, and narrows object fields", async () => {
    expect((await lintFixture("flows/good", { only: "no-cleartext-metadata" })).findings).toEqual([]);
  });
});

describe("fields of decoded secret data", () => {
  const template = (value: string): string =>
    `variable "id_token" {\n  type      = string\n  sensitive = true\n}\nresource "coder_agent" "main" {\n  os   = "linux"\n  arch = "amd64"\n  env = {\n    VALUE = ${value}\n  }\n}\n`;

  it.each([
    ['jsondecode(base64decode(element(split(".", var.id_token), 1))).email', []],
    ['jsondecode(base64decode(element(split(".", var.id_token), 1)))["preferred_username"]', []],
    ["yamldecode(var.id_token).data.region", []],
    // near misses: a secret-named field, the whole decoded value, a field of something not decoded
    ["jsondecode(var.id_token).password", [[9, 5]]],
    ['jsondecode(var.id_token)["access_token"]', [[9, 5]]],
    ["jsondecode(var.id_token)", [[9, 5]]],
    ["base64decode(var.id_token)", [[9, 5]]],
  ])("%s", async (value, expected) => {
    const dir = mkdtempSync(join(tmpdir(), "csl-decoded-"));
    writeFileSync(join(dir, "main.tf"), template(value));
    const run = await lint({ paths: [dir], cwd: dir, config: resolveConfig({ cwd: dir, noConfigLookup: true }) });
    expect(run.results.flatMap((r) => r.messages.filter((m) => m.ruleId === "require-sensitive-metadata").map((m) => [m.line, m.column]))).toEqual(expected);
  });
});
