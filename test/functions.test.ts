import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";
import { functionBehaviour, KNOWN_FUNCTIONS } from "../src/taint/functions.js";

/**
 * Every Terraform built-in function has a stated behaviour (src/taint/functions.ts). This list is
 * Terraform 1.10's: a function Terraform adds must be added to the table and here, deliberately.
 */
const TERRAFORM_FUNCTIONS = [
  "abs", "abspath", "alltrue", "anytrue", "base64decode", "base64encode", "base64gzip", "base64sha256", "base64sha512",
  "basename", "bcrypt", "can", "ceil", "chomp", "chunklist", "cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets",
  "coalesce", "coalescelist", "compact", "concat", "contains", "csvdecode", "dirname", "distinct", "element",
  "endswith", "ephemeralasnull", "file", "filebase64", "filebase64sha256", "filebase64sha512", "fileexists",
  "filemd5", "fileset", "filesha1", "filesha256", "filesha512", "flatten", "floor", "format", "formatdate",
  "formatlist", "indent", "index", "issensitive", "join", "jsondecode", "jsonencode", "keys", "length", "list",
  "log", "lookup", "lower", "map", "matchkeys", "max", "md5", "merge", "min", "nonsensitive", "one", "parseint",
  "pathexpand", "plantimestamp", "pow", "range", "regex", "regexall", "replace", "reverse", "rsadecrypt",
  "sensitive", "setintersection", "setproduct", "setsubtract", "setunion", "sha1", "sha256", "sha512", "signum",
  "slice", "sort", "split", "startswith", "strcontains", "strrev", "substr", "sum", "templatefile",
  "templatestring", "textdecodebase64", "textencodebase64", "timeadd", "timecmp", "timestamp", "title", "tobool",
  "tolist", "tomap", "tonumber", "toset", "tostring", "transpose", "trim", "trimprefix", "trimspace", "trimsuffix",
  "try", "type", "upper", "urlencode", "uuid", "uuidv5", "values", "yamldecode", "yamlencode", "zipmap",
];

/** Lints one env entry `VALUE = <expr>` next to a sensitive variable; returns whether it is reported. */
async function flows(expression: string, extra = ""): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), "csl-functions-"));
  writeFileSync(
    join(dir, "main.tf"),
    `variable "secret" {\n  type      = string\n  sensitive = true\n}\n\nresource "coder_agent" "main" {\n  os   = "linux"\n  arch = "amd64"\n  env = {\n    VALUE = ${expression}\n  }\n}\n${extra}`,
  );
  const config = resolveConfig({ cwd: dir, noConfigLookup: true, ruleOverrides: ["sensitive-variables:off", "no-secret-in-scripts:off"] });
  const run = await lint({ paths: [dir], cwd: dir, config });
  const found = run.results.flatMap((r) => r.messages.filter((m) => m.ruleId === "require-sensitive-metadata"));
  // a finding is the env entry itself: `VALUE = ...` on line 10, from its first column
  for (const m of found) expect([m.line, m.column, m.endLine]).toEqual([10, 5, 10]);
  return found.length > 0;
}

describe("the function table", () => {
  it("decides about every Terraform built-in function, and about nothing else", () => {
    expect([...KNOWN_FUNCTIONS]).toEqual([...TERRAFORM_FUNCTIONS].sort());
  });

  it("treats functions it does not know (provider-defined ones) as passing their arguments through", () => {
    expect(functionBehaviour("provider::acme::decode")).toBe("passes");
    expect(functionBehaviour("core::sha256")).toBe("hashes");
  });

  it.each([
    ["passes", "trimspace(var.secret)", true],
    ["passes", 'format("Bearer %s", var.secret)', true],
    ["passes", 'join(",", [var.secret])', true],
    ["passes", "base64encode(jsonencode({ k = var.secret }))", true],
    ["passes", "nonsensitive(var.secret)", true],
    ["passes (unknown)", "provider::acme::decode(var.secret)", true],
    ["hashes", "sha256(var.secret)", false],
    ["hashes", "bcrypt(var.secret)", false],
    ["boolean", "can(var.secret)", false],
    ["boolean", 'startswith(var.secret, "ghp_")', false],
    ["number", "length(var.secret)", false],
    ["unrelated", "keys({ k = var.secret })", false],
    ["unrelated", "timestamp()", false],
    ["marks-sensitive", 'sensitive("x")', true],
    ["keyed: the key that holds it", 'lookup({ a = var.secret, b = "x" }, "a", "")', true],
    ["keyed: another key", 'lookup({ a = var.secret, b = "x" }, "b", "")', false],
    ["keyed: merge", 'merge({ a = "x" }, { b = var.secret })', true],
    ["keyed: try", 'try(var.secret, "")', true],
    ["keyed: merge(...).key, the key that holds it", 'merge({ a = var.secret }, { b = "x" }).a', true],
    ["keyed: merge(...).key, another key", 'merge({ a = var.secret }, { b = "x" }).b', false],
    ["keyed: zipmap, the key that holds it", 'zipmap(["a", "b"], [var.secret, "x"]).a', true],
    ["keyed: zipmap, another key", 'zipmap(["a", "b"], [var.secret, "x"])["b"]', false],
    ["keyed: zipmap of lists not written out", "zipmap(var.names, [var.secret])", true],
  ])("%s: %s", async (_behaviour, expression, reported) => {
    expect(await flows(expression)).toBe(reported);
  });

  it.each([
    ["the key that holds it", "local.m.a", true],
    ["another key", "local.m.b", false],
    ["another key, by index", 'local.m["b"]', false],
    ["the whole map", "local.m", true],
  ])("keeps per-key precision through a local built with merge() and conditionals: %s", async (_what, expression, reported) => {
    const locals = 'locals {\n  m = merge({ a = var.secret }, true ? { b = "x" } : {})\n}\n';
    expect(await flows(expression, locals)).toBe(reported);
  });

  it.each([
    ["a `for` that keeps keys and values, the key that holds it", "local.copy.a", true],
    ["a `for` that keeps keys and values, another key", "local.copy.b", false],
    ["a `for` that passes values through a text function, another key", "local.trimmed.b", false],
    ["a `for` that rebuilds values from other things: every key may carry it", "local.rebuilt.b", true],
    ["zipmap through a local, the key that holds it", "local.zipped.a", true],
    ["zipmap through a local, another key", "local.zipped.b", false],
    ["lookup() of a local's key", 'lookup(local.zipped, "b", "")', false],
    ["a list's item that holds it", "local.list[0]", true],
    ["another item of the list", "local.list[1]", false],
    ["a nested key that holds it", "local.cfg.db.password", true],
    ["another nested key", "local.cfg.db.user", false],
    ["a nested key through another local", "local.alias.db.user", false],
  ])("keeps per-key precision through object functions and `for`: %s", async (_what, expression, reported) => {
    const locals = [
      "locals {",
      '  m       = { a = var.secret, b = "x" }',
      "  copy    = { for k, v in local.m : k => v }",
      "  trimmed = { for k, v in local.m : k => trimspace(v) }",
      '  rebuilt = { for k, v in local.m : k => "${v}-${var.secret}" }',
      '  zipped  = zipmap(["a", "b"], [var.secret, "x"])',
      '  list    = [var.secret, "x"]',
      '  cfg     = { db = { user = "app", password = var.secret } }',
      "  alias   = local.cfg",
      "}",
      "",
    ].join("\n");
    expect(await flows(expression, locals)).toBe(reported);
  });

  it("does not take a secret-named argument set to an empty string for a secret", async () => {
    expect(await flows("acme_client.c.api_key", 'resource "acme_client" "c" {\n  api_key = ""\n}\n')).toBe(false);
    expect(await flows("acme_client.c.api_key", 'resource "acme_client" "c" {\n  api_key = var.secret\n}\n')).toBe(true);
  });
});
