import type { LintResult } from "../engine/results.js";
import { visible } from "./escape.js";

const codes = { red: 31, yellow: 33, dim: 2, underline: 4, bold: 1 } as const;

function paint(color: boolean, style: keyof typeof codes, text: string): string {
  return color ? `\u001b[${String(codes[style])}m${text}\u001b[0m` : text;
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** ESLint's default "stylish" output: a block per file, aligned columns, a summary line. */
export function formatStylish(results: readonly LintResult[], options: { color: boolean }): string {
  const { color } = options;
  let output = "";
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    const rows = result.messages.map((m) => [
      `${String(m.line)}:${String(m.column)}`,
      m.severity === 2 ? "error" : "warning",
      visible(m.message.replace(/([^ ])\.$/, "$1")),
      visible(m.ruleId ?? ""),
    ]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
    output += `\n${paint(color, "underline", visible(result.filePath))}\n`;
    for (const [position = "", severity = "", message = "", rule = ""] of rows) {
      const sev = severity === "error" ? paint(color, "red", severity.padEnd(widths[1] ?? 0)) : paint(color, "yellow", severity.padEnd(widths[1] ?? 0));
      output += `  ${paint(color, "dim", position.padEnd(widths[0] ?? 0))}  ${sev}  ${message}  ${paint(color, "dim", rule)}\n`;
    }
  }
  const total = errors + warnings;
  if (total === 0) return "";
  const summary = `\u2716 ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  output += `\n${paint(color, "bold", errors > 0 ? paint(color, "red", summary) : paint(color, "yellow", summary))}\n`;
  return output;
}
