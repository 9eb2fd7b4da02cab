import { type LintResult, withMaskedFixes } from "../engine/results.js";
import type { FormatContext } from "./context.js";

/**
 * ESLint's `--format json`: the results array. A fix that re-writes a line holding a credential
 * shows it masked (`--fix` itself applies the real text).
 */
export function formatJson(results: readonly LintResult[], context: FormatContext): string {
  return JSON.stringify(results.map((result) => withMaskedFixes(result, context.secretsOf(result.filePath))));
}
