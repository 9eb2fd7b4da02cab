import type { LintResult } from "../engine/linter.js";

/** ESLint's `--format json`: the results array as it is. */
export function formatJson(results: readonly LintResult[]): string {
  return JSON.stringify(results);
}
