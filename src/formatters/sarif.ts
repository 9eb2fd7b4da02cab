import { loadCrypto } from "../engine/lazy-builtins.js";
import { HISTORY_SPREAD, type HistoryInfo, type LintMessage, type LintResult, type SuppressedMessage, type TraceStep } from "../engine/results.js";
import type { RuleMeta } from "../rule-api/rule.js";
import { type FormatContext, relativeUri } from "./context.js";
import { lineHashes } from "./fingerprint.js";

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, rule metadata generated from each rule's `meta`,
 * relative URIs against `%SRCROOT%`, GitHub's line-hash fingerprints, code flows for dataflow
 * findings and `suppressions` for suppressed ones. Messages hold masked secrets only.
 */
const INFORMATION_URI = "https://github.com/coder-secrets-lint/coder-secrets-lint";

/** Messages without a rule (syntax errors, unreadable files, bad directives) get rules of their own. */
const TOOL_RULES: readonly RuleMeta[] = [
  {
    id: "fatal-error",
    description: "A template file could not be parsed or read",
    rationale: "The file has a syntax error, is not UTF-8 text, is too large or could not be read, so it was not checked for secrets.",
    defaultSeverity: "error",
    docsUrl: `${INFORMATION_URI}#exit-codes`,
    messages: {},
    tags: ["correctness"],
    securitySeverity: 1.0,
  },
  {
    id: "suppression-directive",
    description: "A coder-secrets-lint-ignore directive is invalid or unused",
    rationale: "Suppression directives must name known rules and give a reason; unused ones hide nothing and should be removed.",
    defaultSeverity: "warn",
    docsUrl: `${INFORMATION_URI}#suppressions`,
    messages: {},
    tags: ["maintainability"],
    securitySeverity: 1.0,
  },
];

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase());
}

function level(severity: 1 | 2 | "error" | "warn"): "error" | "warning" {
  return severity === 2 || severity === "error" ? "error" : "warning";
}

function ruleDescriptor(meta: RuleMeta): Record<string, unknown> {
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: {
      text: `${meta.description}. ${meta.rationale} See ${meta.docsUrl}`,
      markdown: `**${meta.description}**\n\n${meta.rationale}\n\n[Rule documentation](${meta.docsUrl})`,
    },
    helpUri: meta.docsUrl,
    defaultConfiguration: { level: level(meta.defaultSeverity) },
    properties: { tags: [...meta.tags], precision: "high", "security-severity": meta.securitySeverity.toFixed(1) },
  };
}

function region(m: { line: number; column: number; endLine: number; endColumn: number }): Record<string, number> {
  // GitHub rejects lines or columns below 1, and an end before the start
  const startLine = Math.max(1, m.line);
  const startColumn = Math.max(1, m.column);
  const endLine = Math.max(startLine, m.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, m.endColumn) : Math.max(1, m.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function location(context: FormatContext, filePath: string, m: { line: number; column: number; endLine: number; endColumn: number }): Record<string, unknown> {
  return { physicalLocation: { artifactLocation: { uri: relativeUri(context.root, filePath), uriBaseId: "%SRCROOT%" }, region: region(m) } };
}

/** The commit that introduced a history finding, its rule and what it says (nothing of the secret). */
function historyFingerprint(m: LintMessage): string {
  return loadCrypto().createHash("sha256")
    .update(`${m.history?.commit ?? ""}\0${m.ruleId ?? ""}\0${m.history?.path ?? ""}\0${m.message.replace(HISTORY_SPREAD, "")}`)
    .digest("hex")
    .slice(0, 32);
}

function historyProperties(history: HistoryInfo): Record<string, unknown> {
  return { commit: history.commit, commitDate: history.date, pathAtCommit: history.path, commitsCarrying: history.commits, inHead: history.inHead };
}

function ruleIdOf(m: LintMessage): string {
  if (m.ruleId) return m.ruleId;
  return m.fatal ? "fatal-error" : "suppression-directive";
}

export function formatSarif(results: readonly LintResult[], context: FormatContext, rules: readonly RuleMeta[]): string {
  const allRules = [...rules, ...TOOL_RULES];
  const ruleIndex = new Map(allRules.map((r, i) => [r.id, i]));
  const sarifResults: Record<string, unknown>[] = [];
  for (const result of results) {
    const all: (LintMessage | SuppressedMessage)[] = [...result.messages, ...result.suppressedMessages];
    if (all.length === 0) continue;
    const hashes = lineHashes(context.readText(result.filePath));
    for (const m of all) {
      const id = ruleIdOf(m);
      const fingerprint = hashes.get(Math.max(1, m.line));
      const entry: Record<string, unknown> = {
        ruleId: id,
        ruleIndex: ruleIndex.get(id) ?? 0,
        level: level(m.severity),
        message: { text: m.message },
        locations: [location(context, result.filePath, m)],
        ...(m.history
          ? // an old version's line is not in today's file: the fingerprint is where the finding began
            { partialFingerprints: { "coderSecretsLintHistory/v1": historyFingerprint(m) }, properties: historyProperties(m.history) }
          : fingerprint
            ? { partialFingerprints: { primaryLocationLineHash: fingerprint } }
            : {}),
      };
      if (m.related && m.related.length > 0) {
        // the same mistake elsewhere, and what a root cause causes downstream
        entry.relatedLocations = m.related.map((r, index) => ({ id: index + 1, ...location(context, r.filePath, r), message: { text: r.label } }));
      }
      if (m.trace) {
        entry.codeFlows = [
          {
            message: { text: m.trace.path },
            threadFlows: [
              {
                locations: m.trace.steps.map((step: TraceStep) => ({
                  location: { ...location(context, step.filePath, step), message: { text: step.label } },
                })),
              },
            ],
          },
        ];
      }
      if ("suppressions" in m) {
        entry.suppressions = m.suppressions.map((s) => ({ kind: s.kind === "directive" ? "inSource" : "external", justification: s.justification }));
      }
      sarifResults.push(entry);
    }
  }
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "coder-secrets-lint",
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules: allRules.map(ruleDescriptor),
          },
        },
        ...(context.repository ? { versionControlProvenance: [{ repositoryUri: context.repository.uri, revisionId: context.repository.revision }] } : {}),
        originalUriBaseIds: { "%SRCROOT%": { uri: `file://${encodeURI(context.root.endsWith("/") ? context.root : context.root + "/")}` } },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
