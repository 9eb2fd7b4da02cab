import type { LintResult } from "../engine/results.js";
import { type FormatContext, relativeUri } from "./context.js";

/** Workflow-command escaping: the message may hold `%`, CR and LF; properties also `:` and `,`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions annotations: `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`. */
export function formatGithub(results: readonly LintResult[], context: FormatContext): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = decodeURIComponent(relativeUri(context.root, result.filePath));
    for (const m of result.messages) {
      const command = m.severity === 2 ? "error" : "warning";
      const title = m.ruleId ? `coder-secrets-lint(${m.ruleId})` : "coder-secrets-lint";
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${String(m.line)}`,
        `col=${String(m.column)}`,
        `endLine=${String(m.endLine)}`,
        `endColumn=${String(m.endColumn)}`,
        `title=${escapeProperty(title)}`,
      ].join(",");
      lines.push(`::${command} ${properties}::${escapeData(m.message)}`);
    }
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}
