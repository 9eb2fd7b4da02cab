import { spawnSync } from "node:child_process";
import { join, relative, resolve } from "node:path";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";
import type { LintResult } from "../src/engine/results.js";
import { RULES } from "../src/engine/registry.js";

export const ROOT = resolve(import.meta.dirname, "..");
export const FIXTURES = join(ROOT, "fixtures");
export const BIN = join(ROOT, "dist", "bundle", "cli.js");

/** A finding as tests compare it: file (relative to the linted folder), rule and exact range. */
export interface Finding {
  readonly file: string;
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function findings(results: readonly LintResult[], base: string): Finding[] {
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      file: relative(base, r.filePath),
      ruleId: m.ruleId,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
    })),
  );
}

/** Lints a fixture folder with the default configuration. */
export async function lintFixture(name: string, options: { rules?: string[]; only?: string } = {}): Promise<{ results: LintResult[]; findings: Finding[] }> {
  const dir = join(FIXTURES, name);
  // `only`: the one rule under test; every other rule is turned off
  const only = options.only ? RULES.filter((r) => r.meta.id !== options.only).map((r) => `${r.meta.id}:off`) : [];
  const overrides = [...(options.rules ?? []), ...only];
  const config = resolveConfig({ cwd: dir, noConfigLookup: true, ...(overrides.length > 0 ? { ruleOverrides: overrides } : {}) });
  const run = await lint({ paths: [dir], cwd: dir, config });
  return { results: run.results, findings: findings(run.results, dir) };
}

export function at(file: string, ruleId: string | null, line: number, column: number, endLine: number, endColumn: number): Finding {
  return { file, ruleId, line, column, endLine, endColumn };
}

/** Runs the built bin as a user would. */
export function runBin(args: readonly string[], cwd: string, env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", NO_COLOR: "1", ...env },
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function messagesOf(results: readonly LintResult[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => m.message));
}
