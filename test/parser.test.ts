import { describe, expect, it } from "vitest";
import { fileToJson } from "../src/hcl/json-view.js";
import { parseFile } from "../src/hcl/parse.js";
import type { Attribute, Block, Range } from "../src/model/types.js";
import { patternStartsWithin, textContains } from "../src/model/text-index.js";
import { at, lintFixture } from "./helpers.js";

function r(range: Range): [number, number, number, number] {
  return [range.start.line, range.start.column, range.end.line, range.end.column];
}

describe("HCL model", () => {
  it("gives blocks, labels, attributes and expressions exact 1-based ranges", () => {
    const text = 'resource "coder_agent" "main" {\n  env = { KEY = var.x["k"][0] }\n}\n';
    const file = parseFile("/t/main.tf", text, "tf");
    const block = file.body.items[0] as Block;
    expect(block.type).toBe("resource");
    expect(block.labels).toEqual(["coder_agent", "main"]);
    expect(r(block.headerRange)).toEqual([1, 1, 1, 30]);
    expect(r(block.range)).toEqual([1, 1, 3, 2]);
    const env = block.body.items[0] as Attribute;
    expect(r(env.range)).toEqual([2, 3, 2, 32]);
    if (env.value.kind !== "object") throw new Error("object expected");
    const item = env.value.items[0];
    expect(item?.keyName).toBe("KEY");
    expect(r(item?.range ?? env.range)).toEqual([2, 11, 2, 30]);
    const ref = item?.value;
    expect(ref?.kind).toBe("traversal");
    if (ref?.kind !== "traversal") return;
    expect(ref.root).toBe("var");
    expect(ref.steps.map((s) => s.kind)).toEqual(["attr", "index", "index"]);
    expect(r(ref.range)).toEqual([2, 17, 2, 30]);
  });

  it("counts columns in UTF-16 code units, keeps CRLF and BOM files exact", () => {
    const text = '\uFEFFlocals {\r\n  a = "é😀"\r\n  b = var.secret\r\n}\r\n';
    const file = parseFile("/t/x.tf", text, "tf");
    const locals = file.body.items[0] as Block;
    const [a, b] = locals.body.items as Attribute[];
    expect(r(a?.value.range ?? locals.range)).toEqual([2, 7, 2, 12]);
    expect(r(b?.value.range ?? locals.range)).toEqual([3, 7, 3, 17]);
  });

  it("collects comments of all three kinds", () => {
    const text = "# hash\n// slashes\n/* block\n   comment */\nx = 1 # trailing\n";
    const file = parseFile("/t/c.tf", text, "tf");
    expect(file.comments.map((c) => [c.style, ...r(c.range)])).toEqual([
      ["#", 1, 1, 1, 7],
      ["//", 2, 1, 2, 11],
      ["/*", 3, 1, 4, 14],
      ["#", 5, 7, 5, 17],
    ]);
  });

  it("splits templates and heredocs into literal parts, interpolations and directives with ranges", () => {
    const text = 'x = <<-EOT\n  token=${var.t}\n  %{ if var.on }on%{ else }off%{ endif }\nEOT\n';
    const file = parseFile("/t/h.tf", text, "tf");
    const x = file.body.items[0] as Attribute;
    if (x.value.kind !== "template") throw new Error("template expected");
    expect(x.value.heredoc).toEqual({ marker: "EOT", strip: true });
    expect(x.value.parts.map((p) => [p.kind, ...r(p.range)])).toEqual([
      ["literal", 2, 1, 2, 9],
      ["interpolation", 2, 9, 2, 17],
      ["literal", 2, 17, 3, 3],
      ["if", 3, 3, 3, 41],
      ["literal", 3, 41, 4, 1],
    ]);
    expect(fileToJson(file)).toEqual({ x: "token=${var.t}\n%{if var.on}on%{else}off%{endif}\n" });
  });

  it("decodes escapes in strings", () => {
    const file = parseFile("/t/e.tf", 'x = "a\\"b\\n\\u00e9 $${lit}"\n', "tf");
    expect(fileToJson(file)).toEqual({ x: 'a"b\né ${lit}' });
  });

  it("reports nesting deeper than the limit as a syntax error instead of overflowing the stack", () => {
    const text = "x = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    const file = parseFile("/t/deep.tf", text, "tf");
    expect(file.syntaxErrors[0]?.message).toBe("expressions are nested more than 400 levels deep");
  });

  it("parses Terraform JSON with positions and ${} templates", () => {
    const text = '{\n  "locals": {\n    "a": "x-${var.token}",\n    "n": 3\n  }\n}\n';
    const file = parseFile("/t/main.tf.json", text, "tf.json");
    const locals = file.body.items[0] as Block;
    const a = locals.body.items[0] as Attribute;
    if (a.value.kind !== "template") throw new Error("template expected");
    const interpolation = a.value.parts[1];
    expect(interpolation?.kind).toBe("interpolation");
    expect(r(interpolation?.range ?? a.range)).toEqual([3, 13, 3, 25]);
    expect(fileToJson(file)).toEqual({ locals: [{ a: "x-${var.token}", n: 3 }] });
  });
});

describe("syntax errors", () => {
  it("are fatal messages with the reference parser's text and position; other files are still linted", async () => {
    const { findings, results } = await lintFixture("syntax-error");
    expect(findings).toEqual([at("broken.tf", null, 4, 9, 5, 1), at("ok.tf", "no-secret-parameters", 1, 1, 1, 37)]);
    const fatal = results[0]?.messages[0];
    expect(fatal).toMatchObject({
      ruleId: null,
      fatal: true,
      severity: 2,
      message: "Parsing error: Invalid expression: Expected the start of an expression, but found an invalid expression token.",
    });
    expect(results[0]?.fatalErrorCount).toBe(1);
  });
});

describe("block labels", () => {
  it.each([
    ["a labelled block beside an unlabelled one of the same type", 'item {}\nitem "x" {}\n', [2, 1, 2, 9]],
    ["a block whose labels extend an earlier one's, other blocks between", 'a "x" {}\nb {}\nb {}\na "x" "y" {}\n', [4, 1, 4, 10]],
    ["the shorter path after the longer", 'a "x" "y" {}\na "x" {}\n', [2, 1, 2, 6]],
  ])("are a syntax error where one path extends another, on the header of the block that does: %s", (_what, text, at) => {
    const error = parseFile("/m/main.tf", text, "tf").syntaxErrors[0];
    expect(error?.message).toMatch(/^Conflicting block labels/);
    expect([error?.range.start.line, error?.range.start.column, error?.range.end.line, error?.range.end.column]).toEqual(at);
  });

  it.each([
    ["the same path twice", 'a "x" {}\na "x" {}\n'],
    ["two label counts that are not prefixes", 'a "x" {}\na "y" "z" {}\n'],
    ["one label count per type", 'resource "a" "b" {}\ndata "c" "d" {}\nlocals {}\nlocals {}\n'],
  ])("are fine otherwise: %s", (_what, text) => {
    expect(parseFile("/m/main.tf", text, "tf").syntaxErrors).toEqual([]);
  });
});

describe("Terraform JSON files", () => {
  it("are linted like HCL", async () => {
    const { findings, results } = await lintFixture("json");
    // the metadata item showing the parameter is a finding of its own (replacing the parameter leaves
    // it in cleartext), listed by the parameter's finding as a related location
    expect(findings).toEqual([at("main.tf.json", "no-secret-parameters", 4, 7, 4, 18), at("main.tf.json", "no-cleartext-metadata", 22, 11, 22, 85)]);
    expect(results[0]?.messages[0]?.related?.map((r) => [r.label, r.line, r.column, r.endLine, r.endColumn])).toEqual([
      ["no-cleartext-metadata: the parameter's value used here (a finding of its own)", 22, 11, 22, 85],
    ]);
    const alone = await lintFixture("json", { rules: ["no-secret-parameters:off"] });
    expect(alone.findings).toEqual([at("main.tf.json", "no-cleartext-metadata", 22, 11, 22, 85)]);
  });
});

describe("text index", () => {
  it("tells whether a stretch of a file's text holds a string, the whole string inside the stretch", () => {
    const file = { text: 'a = "https://x"\nb = "plain"\nc = "ftp://y"\n' };
    expect(textContains(file, "://", 0, 15)).toBe(true);
    expect(textContains(file, "://", 16, 27)).toBe(false);
    expect(textContains(file, "://", 28, 42)).toBe(true);
    // a match that starts inside the stretch but ends past it is not inside it
    expect(textContains(file, "://", 0, 12)).toBe(false);
    expect(textContains(file, "://", 0, 13)).toBe(true);
    expect(textContains(file, "://", 11, 42)).toBe(true); // the next one, in c
    expect(textContains(file, "#", 0, file.text.length)).toBe(false);
  });

  it("tells whether a pattern starts in a stretch, overlapping matches included", () => {
    const file = { text: 'a = "kubepass"\nb = "plain"\nc = "passpassword"\n' };
    const hint = /pass|password/gi;
    expect(patternStartsWithin(file, hint, 0, 14)).toBe(true);
    expect(patternStartsWithin(file, hint, 15, 26)).toBe(false);
    // "passpassword": "pass" at 32 and "pass(word)" at 36; a stretch from 33 still sees the second one
    expect(patternStartsWithin(file, hint, 32, 33)).toBe(true);
    expect(patternStartsWithin(file, hint, 33, 36)).toBe(false);
    expect(patternStartsWithin(file, hint, 33, 37)).toBe(true);
    expect(patternStartsWithin(file, hint, 9, 9)).toBe(false);
    expect(patternStartsWithin(file, /zzz/g, 0, file.text.length)).toBe(false);
    expect(() => patternStartsWithin(file, /pass/i, 0, 1)).toThrow(TypeError);
  });
});
