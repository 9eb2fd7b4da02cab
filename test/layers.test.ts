import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const DEPCRUISE = join(ROOT, "node_modules", ".bin", "depcruise");

/** Runs the layer check of `npm run layers` on a copy of the sources with the given imports added. */
function checkWithExtraImports(imports: readonly (readonly [string, string])[]): { status: number | null; output: string } {
  const copy = mkdtempSync(join(tmpdir(), "csl-layers-"));
  copies.push(copy);
  for (const entry of ["src", "rules", ".dependency-cruiser.cjs"]) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  for (const [from, importPath] of imports) appendFileSync(join(copy, from), `\nimport "${importPath}";\n`);
  // colour off: with CI set, the reporter colours its output (and the test reads plain text)
  const run = spawnSync(DEPCRUISE, ["src", "rules", "--config", ".dependency-cruiser.cjs", "--output-type", "err"], { cwd: copy, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  return { status: run.status, output: (run.stdout + run.stderr).replace(/\u001b\[[0-9;]*m/g, "") };
}

const copies: string[] = [];
afterEach(() => {
  for (const copy of copies.splice(0)) rmSync(copy, { recursive: true, force: true });
});

/** Back edges added to one copy of the sources, and the line the layer check must print for each. */
const BACK_EDGES: readonly (readonly [string, string, string])[] = [
  ["src/model/types.ts", "../taint/types.js", "error model-is-the-floor: src/model/types.ts → src/taint/types.ts"],
  ["rules/no-secret-parameters.ts", "../src/engine/linter.js", "error rules-use-the-rule-api: rules/no-secret-parameters.ts → src/engine/linter.ts"],
  ["src/cli/bin.ts", "../hcl/parse.js", "error front-ends-ask-the-engine: src/cli/bin.ts → src/hcl/parse.ts"],
  ["src/eslint/plugin.ts", "../detectors/credentials.js", "error front-ends-ask-the-engine: src/eslint/plugin.ts → src/detectors/credentials.ts"],
  ["src/engine/registry.ts", "../cli/cli.js", "error core-never-imports-front-ends: src/engine/registry.ts → src/cli/cli.ts"],
  ["src/hcl/json-view.ts", "../taint/analysis.js", "error parser-builds-the-model-only: src/hcl/json-view.ts → src/taint/analysis.ts"],
];

describe("the layer check (npm run layers)", () => {
  it("passes on the sources as they are", () => {
    const run = checkWithExtraImports([]);
    expect(run.output).toContain("no dependency violations found");
    expect(run.status).toBe(0);
  });

  it("fails on each deliberately added back edge and on an import circle, naming the files", () => {
    // one copy with every back edge (and a circle: results.ts imports linter.ts back), one run
    const run = checkWithExtraImports([...BACK_EDGES.map(([from, to]) => [from, to] as const), ["src/engine/results.ts", "./linter.js"]]);
    expect(run.status).not.toBe(0);
    for (const [, , line] of BACK_EDGES) expect(run.output).toContain(line);
    expect(run.output).toMatch(/error no-circular: src\/engine\/\S+\.ts → /);
    expect(run.output).toContain("src/engine/linter.ts →");
    expect(run.output).toContain("src/engine/results.ts →");
  });
});
