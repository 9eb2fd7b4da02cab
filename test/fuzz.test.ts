import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";
import type { LintMessage } from "../src/engine/results.js";
import { FIXTURES } from "./helpers.js";

/**
 * Property-based tests with a fixed seed (FUZZ_SEED / FUZZ_RUNS for longer campaigns, see README).
 * The linter must return normally on any input, keep every position inside the file, be
 * deterministic, and move findings by one line when a comment line is added above.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const dir = mkdtempSync(join(tmpdir(), "csl-fuzz-"));
const config = resolveConfig({ cwd: dir, noConfigLookup: true });

async function lintText(text: string, name = "main.tf"): Promise<LintMessage[]> {
  const path = join(dir, name);
  const run = await lint({ paths: [dir], cwd: dir, config, overrides: new Map([[path, text]]), concurrency: 1 });
  return run.results.find((r) => r.filePath === path)?.messages ?? [];
}

function insideFile(text: string, m: LintMessage): boolean {
  const lines = text.split("\n");
  const fits = (line: number, column: number): boolean => line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1;
  const ordered = m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column);
  return fits(m.line, m.column) && fits(m.endLine, m.endColumn) && ordered;
}

const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const safeText = fc.stringMatching(/^[A-Za-z0-9 _.:\/-]{0,20}$/);
const reference = fc.constantFrom("var.api_token", "local.value", "random_password.db.result", "data.coder_workspace_owner.me.session_token", "data.coder_parameter.p.value", "each.value", "count.index");
const leaf = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.boolean().map(String),
  safeText.map((s) => JSON.stringify(s)),
  reference,
  fc.tuple(safeText, reference, safeText).map(([a, r, b]) => `"${a}\${${r}}${b}"`),
);
const expr = fc.oneof(
  leaf,
  fc.array(leaf, { maxLength: 3 }).map((items) => `[${items.join(", ")}]`),
  fc.array(fc.tuple(ident, leaf), { maxLength: 3 }).map((items) => `{ ${items.map(([k, v]) => `${k} = ${v}`).join(", ")} }`),
  fc.tuple(fc.constantFrom("upper", "sha256", "join", "nonsensitive", "sensitive"), leaf).map(([f, a]) => `${f}(${a})`),
  fc.tuple(reference, leaf, leaf).map(([c, a, b]) => `${c} != "" ? ${a} : ${b}`),
  fc.tuple(reference, leaf).map(([c, v]) => `[for x in ${c} : ${v}]`),
  fc.tuple(safeText, reference).map(([a, r]) => `<<-EOT\n    ${a} \${${r}}\n    echo %{ if true }yes%{ endif }\n  EOT`),
);
const attribute = fc.tuple(ident, expr).map(([k, v]) => `  ${k} = ${v}`);
const comment = fc.tuple(fc.constantFrom("#", "//"), safeText).map(([c, t]) => `  ${c} ${t}`);
const block = fc
  .tuple(
    fc.constantFrom('resource "coder_agent" "main"', 'resource "coder_metadata" "m"', 'data "coder_parameter" "p"', "locals", 'variable "api_token"', 'resource "coder_env" "e"', 'resource "coder_script" "s"'),
    fc.array(fc.oneof(attribute, attribute, comment), { maxLength: 5 }),
    fc.boolean(),
  )
  // an argument is set once per block (HCL rejects a redefinition): keep the first of each name
  .map(([header, lines, item]) => [header, lines.filter((line, i) => !/^  \w+ =/.test(line) || lines.findIndex((other) => other.split(" = ")[0] === line.split(" = ")[0]) === i), item] as const)
  .map(([header, lines, item]) => `${header} {\n${lines.join("\n")}${item ? "\n  item {\n    key   = \"k\"\n    value = var.api_token\n  }" : ""}\n}`);
const template = fc.array(block, { minLength: 1, maxLength: 5 }).map((blocks) => blocks.join("\n\n") + "\n");

describe("fuzzing (fixed seed)", () => {
  it("generated templates: normal return, positions inside the file, deterministic, stable under an added comment line", async () => {
    let findings = 0;
    await fc.assert(
      fc.asyncProperty(template, async (text) => {
        const first = await lintText(text);
        findings += first.length;
        for (const m of first) expect(insideFile(text, m)).toBe(true);
        expect(await lintText(text)).toEqual(first);
        const shifted = await lintText("# an unrelated comment\n" + text);
        expect(shifted.map((m) => [m.ruleId, m.line - 1, m.column, m.endLine - 1, m.endColumn, m.message])).toEqual(first.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message]));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // the generator reaches the rules: the property is not passing on empty results
    expect(findings).toBeGreaterThan(RUNS / 10);
  }, 300_000);

  const seeds = ["flows/bad/main.tf", "no-secret-in-scripts/bad/main.tf", "no-hardcoded-credentials/named/main.tf", "require-sensitive-metadata/good/main.tf"].map((f) => readFileSync(join(FIXTURES, f), "utf8"));
  const mutation = fc.oneof(
    fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([n, b]) => (t: string) => {
      const i = n % Math.max(1, t.length);
      return t.slice(0, i) + String.fromCharCode(b) + t.slice(i + 1);
    }),
    fc.tuple(fc.nat(), fc.constantFrom("{", "}", '"', "${", "%{", "<<EOT\n", "[", "(", "\\")).map(([n, s]) => (t: string) => {
      const i = n % (t.length + 1);
      return t.slice(0, i) + s + t.slice(i);
    }),
    fc.tuple(fc.nat(), fc.string({ unit: "grapheme", maxLength: 6 })).map(([n, s]) => (t: string) => {
      const i = n % (t.length + 1);
      return t.slice(0, i) + s + t.slice(i);
    }),
  );

  it("mutated templates (truncation, byte flips, braces, quotes, unicode): normal return, positions inside the file", async () => {
    let fatal = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (seedText, mutations) => {
        const text = mutations.reduce((t, m) => m(t), seedText);
        const messages = await lintText(text);
        if (messages.some((m) => m.fatal)) fatal++;
        for (const m of messages) expect(insideFile(text, m)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // many mutations break the syntax: the parse-error path is exercised too
    expect(fatal).toBeGreaterThan(0);
  }, 300_000);
});
