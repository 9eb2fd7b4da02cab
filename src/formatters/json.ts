import type { LintResult } from "../engine/linter.js";
import { redact } from "../detectors/mask.js";
import type { FormatContext } from "./context.js";

/**
 * ESLint's `--format json`: the results array. A fix that re-writes a line holding a credential
 * shows it masked (`--fix` itself applies the real text).
 */
export function formatJson(results: readonly LintResult[], context: FormatContext): string {
  const safe = results.map((result) => {
    const secrets = context.secretsOf(result.filePath);
    if (secrets.length === 0) return result;
    return {
      ...result,
      messages: result.messages.map((m) => (m.fix ? { ...m, fix: { range: m.fix.range, text: redact(m.fix.text, secrets) } } : m)),
    };
  });
  return JSON.stringify(safe);
}
