import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const DEPCRUISE = join(ROOT, "node_modules", ".bin", "depcruise");

/** Runs the layer check of `npm run layers` on a copy of the sources with one import added. */
function checkWithExtraImport(from: string, importPath: string): { status: number | null; output: string } {
  const copy = mkdtempSync(join(tmpdir(), "csl-layers-"));
  copies.push(copy);
  for (const entry of ["src", "rules", ".dependency-cruiser.cjs"]) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  if (from) appendFileSync(join(copy, from), `\nimport "${importPath}";\n`);
  const run = spawnSync(DEPCRUISE, ["src", "rules", "--config", ".dependency-cruiser.cjs", "--output-type", "err"], { cwd: copy, encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

const copies: string[] = [];
afterEach(() => {
  for (const copy of copies.splice(0)) rmSync(copy, { recursive: true, force: true });
});

describe("the layer check (npm run layers)", () => {
  it("passes on the sources as they are", () => {
    const run = checkWithExtraImport("", "");
    expect(run.output).toContain("no dependency violations found");
    expect(run.status).toBe(0);
  });

  it.each([
    ["src/model/types.ts", "../taint/types.js", "model-is-the-floor", "src/model/types.ts → src/taint/types.ts"],
    ["rules/no-secret-parameters.ts", "../src/engine/linter.js", "rules-use-the-rule-api", "rules/no-secret-parameters.ts → src/engine/linter.ts"],
    ["src/cli/bin.ts", "../hcl/parse.js", "front-ends-ask-the-engine", "src/cli/bin.ts → src/hcl/parse.ts"],
    ["src/eslint/plugin.ts", "../detectors/credentials.js", "front-ends-ask-the-engine", "src/eslint/plugin.ts → src/detectors/credentials.ts"],
    ["src/engine/results.ts", "../cli/cli.js", "core-never-imports-front-ends", "src/engine/results.ts → src/cli/cli.ts"],
    ["src/hcl/json-view.ts", "../taint/analysis.js", "parser-builds-the-model-only", "src/hcl/json-view.ts → src/taint/analysis.ts"],
  ])("fails on a back edge %s -> %s, naming both files", (from, importPath, rule, edge) => {
    const run = checkWithExtraImport(from, importPath);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain(`error ${rule}: ${edge}`);
  });

  it("fails on an import circle, naming the files on it", () => {
    const run = checkWithExtraImport("src/engine/results.ts", "./linter.js");
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/error no-circular: src\/engine\/\S+\.ts → /);
    expect(run.output).toContain("src/engine/linter.ts →");
    expect(run.output).toContain("src/engine/results.ts →");
  });
});
