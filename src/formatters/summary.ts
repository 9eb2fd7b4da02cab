import type { LintResult } from "../engine/results.js";
import { type FormatContext, relativeUri } from "./context.js";
import { visible } from "./escape.js";

/** Findings listed in the table; the rest are counted in an "and N more" line. */
const MAX_ROWS = 50;

/** Text for a Markdown table cell: control characters visible, pipes and HTML escaped. */
function cell(text: string): string {
  return visible(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A GitHub job summary (`$GITHUB_STEP_SUMMARY`, Markdown), as gitleaks-action writes one: counts by
 * rule and severity, then a table of findings (file:line, rule, masked message), capped. GitHub shows
 * only a few annotations per step; the summary is where the rest are seen.
 */
export function formatSummary(results: readonly LintResult[], context: FormatContext): string {
  const rows = results.flatMap((r) => r.messages.map((m) => ({ file: decodeURIComponent(relativeUri(context.root, r.filePath)), m })));
  const lines = ["## coder-secrets-lint", ""];
  if (rows.length === 0) {
    lines.push("No problems found.", "");
    return lines.join("\n");
  }
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const { m } of rows) {
    const rule = m.ruleId ?? (m.fatal ? "(parsing or reading)" : "(suppression directives)");
    const count = counts.get(rule) ?? { errors: 0, warnings: 0 };
    if (m.severity === 2) count.errors++;
    else count.warnings++;
    counts.set(rule, count);
  }
  const errors = rows.filter(({ m }) => m.severity === 2).length;
  lines.push(`**${String(rows.length)} problem${rows.length === 1 ? "" : "s"}** (${String(errors)} error${errors === 1 ? "" : "s"}, ${String(rows.length - errors)} warning${rows.length - errors === 1 ? "" : "s"})`, "");
  lines.push("| Rule | Errors | Warnings |", "| --- | ---: | ---: |");
  for (const [rule, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`| ${cell(rule)} | ${String(count.errors)} | ${String(count.warnings)} |`);
  lines.push("", "| Location | Severity | Rule | Message |", "| --- | --- | --- | --- |");
  for (const { file, m } of rows.slice(0, MAX_ROWS)) {
    lines.push(`| ${cell(`${file}:${String(m.line)}`)} | ${m.severity === 2 ? "error" : "warning"} | ${cell(m.ruleId ?? "")} | ${cell(m.message)} |`);
  }
  if (rows.length > MAX_ROWS) lines.push("", `… and ${String(rows.length - MAX_ROWS)} more (see the full report: \`--format json\` or the SARIF upload).`);
  lines.push("");
  return lines.join("\n");
}
