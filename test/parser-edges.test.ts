import { describe, expect, it } from "vitest";
import { referenceParse } from "../src/hcl/parity.js";
import { parseFile } from "../src/hcl/parse.js";
import type { Range } from "../src/model/types.js";

/**
 * The edges of HCL's grammar, each decided as @cdktf/hcl2json (HashiCorp's hclsyntax) decides it:
 * newlines inside and outside brackets, object and tuple separators, one-line blocks, template
 * escapes and directives, heredoc markers, operators, identifiers. Every snippet is parsed by both;
 * they must accept and reject the same ones. The only exception is NUL (see parser-mutations).
 */
const CASES: readonly string[] = [
  'x = a ? b : c ? d : e\n', 'x = a ?\n b : c\n', 'x = (a ?\n b : c)\n', 'x = 1 +\n 2\n', 'x = [1,\n2,\n]\n', 'x = {a = 1, b = 2}\n', 'x = {a = 1 b = 2}\n',
  'x = {\n a = 1,\n b = 2,\n}\n', 'x = { "a" : 1 }\n', 'x = { (var.k) = 1 }\n', 'x = { a.b = 1 }\n', 'x = { for = 1 }\n', 'x = [for]\n', 'x = [for x in y : x]\n', 'x = {for k, v in y : k => v...}\n',
  'x = {for k, v in y : k => v if v != ""}\n', 'x = [for x in y : x...]\n', 'x = f(a, b...)\n', 'x = f(a..., b)\n', 'x = f(a,)\n', 'x = f()\n', 'x = provider::aws::arn_parse(y)\n', 'x = a::b\n',
  'x = a.0.b\n', 'x = a.*.b\n', 'x = a[*].b[0]\n', 'x = a[*]\n', 'x = a. b\n', 'x = a .b\n', 'x = a\n.b\n', 'x = "\\q"\n', 'x = "\\u00e9"\n', 'x = "\\u00g9"\n', 'x = "\\U0001F600"\n', 'x = "a\nb"\n',
  'x = "${a}"\n', 'x = "${a"\n', 'x = "${ a ~}"\n', 'x = "%{ if a }b%{ endif }"\n', 'x = "%{ if a }b"\n', 'x = "%{ endif }"\n', 'x = "%{ foo }"\n', 'x = "$${a}"\n', 'x = "%%{a}"\n', 'x = "$"\n', 'x = "%"\n',
  'x = <<EOT\nhi\nEOT\n', 'x = <<EOT\nhi\n  EOT\n', 'x = <<-EOT\n  hi\n  EOT\n', 'x = <<EOT\nhi\n', 'x = <<EOT hi\nEOT\n', 'x = <<EOT\n${a}\nEOT\n', 'x = <<EOT\n\\q\nEOT\n',
  'b {\n}\n', 'b {}\n', 'b { a = 1 }\n', 'b { a = 1, }\n', 'b { c {} }\n', 'b "l" {}\n', 'b l {}\n', 'b "${x}" {}\n', 'b { a = 1 } c = 2\n', 'b {\n} c {}\n', 'b {\n', '}\n', 'a = 1\na = 2\n', 'a = 1\nb { a = 2 }\n',
  'a = 1 b = 2\n', 'a = 1 # c\n', 'a = 1 /* c */\n', 'a = /* c */ 1\n', '/* unterminated\n', 'a = 1\r\nb = 2\r\n', '\uFEFFa = 1\n', 'a = -1\n', 'a = !true\n', 'a = - - 1\n', 'a = 1 == 2 == 3\n', 'a = 1 < 2 < 3\n',
  'a = 1.5e3\n', 'a = 1.\n', 'a = .5\n', 'a = 0x10\n', 'a = 1e\n', 'a-b = 1\n', 'é = 1\n', '_a = 1\n', '1a = 1\n', 'a = b-c\n', 'a = b - c\n', 'a = "x" "y"\n', 'a = (1)\n', 'a = ()\n', 'a = [\n# c\n1]\n',
  'a = {\n# c\nb = 1}\n', 'a = { b = 1 # c\n}\n', 'a = f(\n1\n)\n', 'a = x[\n1\n]\n', 'a = true.x\n', 'a = null\n', 'a = a ? b\n', 'a = `x`\n', "a = 'x'\n", 'a = @\n', 'a = 1;\n', 'a = 1\n;\n',
  'a = b[0].c["d"][*]\n', 'a = "${a}${b}"\n', 'a = "${{a = 1}}"\n', 'a = {\n}\n', 'a = { }\n', 'a = [ ]\n', 'a = [,]\n', 'a = {,}\n', 'a = {a = 1,, b = 2}\n', 'b {\n  a = 1\n}\n\n\n', 'b\n{\n}\n', 'b "x"\n{}\n',
  'a = <<EOT\n%{ if x }\nEOT\n', 'a = <<EOT\n%{ for x in y }${x}%{ endfor }\nEOT\n', 'a = "%{ for x in y }${x}%{ endfor }"\n', 'a = "%{ for k, v in y }${x}%{ endfor }"\n', 'a = "%{for x y}z%{endfor}"\n', 'a = "%{ if x }a%{ else }b%{ else }c%{ endif }"\n',
  'a = "${ for x in y : x }"\n', 'a = x.y.z(1)\n', 'a = f (1)\n', 'a = f\n(1)\n', 'a = [f\n(1)]\n', 'a = "\\x"\n', 'a = 1\u00a0\n', 'a = "\u0000"\n', 'a = {"k" = 1, "k" = 2}\n', 'b {\n a = 1\n a = 2\n}\n', 'a = {\n  b = 1\n  b = 2\n}\n',
  // block paths that hcl2json's JSON form cannot hold
  'item {\n}\nitem "x" {\n}\n', 'item "x" {\n}\nitem {\n}\n', 'item "x" {\n}\nitem "x" "y" {\n}\n', 'item "x" "y" {\n}\nitem "z" {\n}\n', 'item "x" {\n}\nitem "x" {\n}\n', 'a {\n  b {}\n  b "x" {}\n}\n', 'item = 1\nitem {\n}\n',
  'a = x ... \n', 'a = [for x in y : x if]\n', 'a = [for x, y, z in w : x]\n', 'a = { for x in y : x }\n', 'a = [ for x in y : x => x ]\n', 'a = "${x}\\\n"\n', 'a=1\n', 'a =1\n', 'b{}\n', 'b{\n}\n', 'b "x"{}\n',
];

function r(range: Range): [number, number, number, number] {
  return [range.start.line, range.start.column, range.end.line, range.end.column];
}

describe("the grammar's edges", () => {
  it(`accepts and rejects what hcl2json does, on ${String(CASES.length)} snippets`, async () => {
    const disagreements: string[] = [];
    let rejected = 0;
    for (const text of CASES) {
      const ours = parseFile("/m/main.tf", text, "tf");
      const theirs = await referenceParse("main.tf", text);
      if (!theirs.ok) rejected++;
      if (text.includes("\0")) continue;
      if ((ours.syntaxErrors.length === 0) !== theirs.ok) disagreements.push(`${JSON.stringify(text)}: ours ${ours.syntaxErrors[0]?.message ?? "ok"}, theirs ${theirs.ok ? "ok" : theirs.error.slice(0, 160)}`);
    }
    expect(rejected).toBeGreaterThan(40);
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['x = "\\q"\n', "Invalid escape sequence: The symbol after the backslash is not a valid escape sequence selector.", [1, 6, 1, 8]],
    ["a = 1\na = 2\n", "Attribute redefined: The argument was already set at line 1, column 1. Each argument may be set only once.", [2, 1, 2, 2]],
    ["b {\n", "Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", [1, 3, 1, 4]],
    ["a = 1 b = 2\n", "Missing newline after argument: An argument definition must end with a newline.", [1, 7, 1, 8]],
    ["a = \n", "Invalid expression: Expected the start of an expression, but found an invalid expression token.", [1, 5, 2, 1]],
    ["a = ", "Missing expression: Expected the start of an expression, but found the end of the file.", [1, 5, 1, 5]],
    ["a = @\n", "Invalid character: This character is not used within the language.", [1, 5, 1, 6]],
    ['a = "%{ ghp_secretsecretsecret }"\n', "Invalid template control keyword: The word after \"%{\" is not a valid template control keyword (if, else, endif, for or endfor).", [1, 6, 1, 9]],
    ["a = {b = 1 c = 2}\n", "Missing attribute separator: Expected a newline or comma to mark the beginning of the next attribute.", [1, 12, 1, 13]],
    ['a = "x\0y"\n', "Invalid character: NUL characters are not used within the language.", [1, 7, 1, 8]],
  ] as const)("%j: %s", (text, message, range) => {
    const file = parseFile("/m/main.tf", text, "tf");
    expect(file.syntaxErrors.map((e) => [e.message, r(e.range)])).toEqual([[message, range]]);
  });

  it("never quotes the source text in a message (it may hold a secret)", () => {
    const token = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    for (const text of [`a = "%{ ${token} }"\n`, `${token} = 1\n${token} = 2\n`, `a = "\\q${token}"\n`, `a = ${token} ${token}\n`, `${token} {\n`]) {
      const error = parseFile("/m/main.tf", text, "tf").syntaxErrors[0];
      expect(error?.message).toBeDefined();
      expect(error?.message).not.toContain(token.slice(4, 12));
    }
  });
});
