import type { LintResult } from "../engine/results.js";
import { type FormatContext, relativeUri } from "./context.js";
import { cdata, xmlSafe } from "./escape.js";

function xml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** JUnit XML for CI systems without SARIF: a test suite per file, a failing test case per finding. */
export function formatJunit(results: readonly LintResult[], context: FormatContext): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', "<testsuites>"];
  for (const result of results) {
    const file = decodeURIComponent(relativeUri(context.root, result.filePath));
    const count = result.messages.length;
    out.push(`  <testsuite package="coder-secrets-lint" time="0" tests="${String(Math.max(1, count))}" errors="0" failures="${String(count)}" name="${xml(file)}">`);
    if (count === 0) out.push(`    <testcase time="0" name="coder-secrets-lint" classname="${xml(file)}" />`);
    for (const m of result.messages) {
      const rule = m.ruleId ?? (m.fatal ? "fatal-error" : "suppression-directive");
      const where = `${file}:${String(m.line)}:${String(m.column)}`;
      out.push(`    <testcase time="0" name="coder-secrets-lint.${xml(rule)}" classname="${xml(file)}">`);
      out.push(`      <failure message="${xml(m.message)}" type="${m.severity === 2 ? "error" : "warning"}">${cdata(`${where} ${m.message} (${rule})`)}</failure>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}
