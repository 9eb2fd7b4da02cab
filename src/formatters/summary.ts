import type { LintResult } from "../engine/results.js";
import { type FormatContext, relativeUri } from "./context.js";
import { markdownText } from "./escape.js";

/** Findings listed in the table; the rest are counted in an "and N more" line. */
const MAX_ROWS = 50;

/** Text for a Markdown table cell: text only (markdownText), whatever the repository wrote. */
function cell(text: string): string {
  return markdownText(text);
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
    return [...lines, ...suppressionLines(results, context)].join("\n");
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
  return [...lines, ...suppressionLines(results, context)].join("\n");
}

/**
 * Every suppression the run honoured (file, line, rule, reason), so that a reviewer sees a pull
 * request that adds one; baseline entries are counted, not listed.
 */
function suppressionLines(results: readonly LintResult[], context: FormatContext): string[] {
  const rows = results.flatMap((r) =>
    r.suppressedMessages.flatMap((m) => m.suppressions.filter((s) => s.kind === "directive").map((s) => ({ file: decodeURIComponent(relativeUri(context.root, r.filePath)), m, reason: s.justification }))),
  );
  const fromBaseline = results.reduce((n, r) => n + r.suppressedMessages.filter((m) => m.suppressions.some((s) => s.kind === "external")).length, 0);
  if (rows.length === 0 && fromBaseline === 0) return [];
  const lines = [`### Suppressed (${String(rows.length)} by directives in the files${fromBaseline > 0 ? `, ${String(fromBaseline)} by the baseline` : ""})`, ""];
  if (rows.length > 0) {
    lines.push("| Location | Rule | Reason |", "| --- | --- | --- |");
    for (const { file, m, reason } of rows.slice(0, MAX_ROWS)) lines.push(`| ${cell(`${file}:${String(m.line)}`)} | ${cell(m.ruleId ?? "")} | ${cell(reason)} |`);
    if (rows.length > MAX_ROWS) lines.push("", `… and ${String(rows.length - MAX_ROWS)} more.`);
    lines.push("");
  }
  return lines;
}
