import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";
import { RULES } from "../src/engine/registry.js";
import { withRulesTable } from "../src/engine/rule-table.js";
import { ROOT } from "./helpers.js";

/** The ```hcl blocks that follow "Failing:" and "Passing:" in a rule doc. */
function examples(markdown: string): { failing: string[]; passing: string[] } {
  const out = { failing: [] as string[], passing: [] as string[] };
  const pattern = /^(Failing|Passing):\s*\n\s*```hcl\n([\s\S]*?)```/gm;
  for (const match of markdown.matchAll(pattern)) {
    (match[1] === "Failing" ? out.failing : out.passing).push(match[2] ?? "");
  }
  return out;
}

async function ruleIdsFor(source: string): Promise<(string | null)[]> {
  const dir = mkdtempSync(join(tmpdir(), "csl-doc-"));
  writeFileSync(join(dir, "main.tf"), source);
  const run = await lint({ paths: [dir], cwd: dir, config: resolveConfig({ cwd: dir, noConfigLookup: true }) });
  return run.results.flatMap((r) => r.messages.map((m) => m.ruleId));
}

describe("rule documentation", () => {
  it("the README rule table is generated from meta", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(withRulesTable(readme)).toBe(readme);
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    it(`${id}: one rule file, one doc, one test, and meta pointing at the doc`, () => {
      expect(existsSync(join(ROOT, "rules", `${id}.ts`))).toBe(true);
      expect(existsSync(join(ROOT, "test", "rules", `${id}.test.ts`))).toBe(true);
      expect(existsSync(join(ROOT, "docs", "rules", `${id}.md`))).toBe(true);
      expect(rule.meta.docsUrl.endsWith(`/docs/rules/${id}.md`)).toBe(true);
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(rule.meta.rationale.length).toBeGreaterThan(40);
    });

    it(`${id}: failing examples fail with the rule, passing examples pass`, async () => {
      const doc = examples(readFileSync(join(ROOT, "docs", "rules", `${id}.md`), "utf8"));
      expect(doc.failing.length).toBeGreaterThan(0);
      expect(doc.passing.length).toBeGreaterThan(0);
      for (const source of doc.failing) expect(await ruleIdsFor(source)).toContain(id);
      for (const source of doc.passing) expect(await ruleIdsFor(source)).toEqual([]);
    });
  }
});
