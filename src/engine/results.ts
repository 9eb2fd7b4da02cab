import { redact } from "../detectors/mask.js";
import type { Range } from "../model/types.js";

/**
 * The result types of a run, in ESLint's shapes, and the small helpers that build them. Everything
 * after the rules (suppressions, baseline, cache, formatters, front ends) imports them from here,
 * downward; nothing here imports the engine's other parts.
 */

/** One location on a secret's path, for `trace` in JSON and SARIF code flows. */
export interface TraceStep {
  readonly label: string;
  readonly filePath: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** ESLint's message shape, plus `trace` for dataflow findings. */
export interface LintMessage {
  readonly ruleId: string | null;
  readonly severity: 1 | 2;
  readonly message: string;
  readonly messageId?: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fatal?: true;
  readonly nodeType: null;
  readonly trace?: { readonly path: string; readonly steps: readonly TraceStep[] };
  /** ESLint's fix shape: replace the text between two offsets. */
  readonly fix?: { readonly range: readonly [number, number]; readonly text: string };
  /** A finding of `coder-secrets-lint history`: where in git history it began. */
  readonly history?: HistoryInfo;
  /** The same mistake elsewhere, folded into this finding (SARIF relatedLocations). */
  readonly related?: readonly RelatedLocation[];
}

/** Another place of a finding: a repeat of it, or a finding it is the root cause of (a labelled place, as a trace step is). */
export type RelatedLocation = TraceStep;

/** Where a history finding began, and how far it spread. */
export interface HistoryInfo {
  /** The commit that introduced it (full SHA). */
  readonly commit: string;
  /** That commit's author date (ISO 8601). */
  readonly date: string;
  /** The file's path at that commit, relative to the repository's top. */
  readonly path: string;
  /** How many commits' trees hold it. */
  readonly commits: number;
  /** Whether HEAD's tree still holds it. */
  readonly inHead: boolean;
}

/**
 * The part of a history message that changes as the repository grows (counts, HEAD): left out of
 * baseline fingerprints, so an accepted finding stays accepted.
 */
export const HISTORY_SPREAD = / \[\d+ commits? carr(?:y|ies) it; (?:still in HEAD|not in HEAD any more)\]$/;

/** The sentence a history finding ends with: the commit, the advice, then the spread. */
export function historyNote(info: HistoryInfo): string {
  const spread = `${String(info.commits)} ${info.commits === 1 ? "commit carries" : "commits carry"} it; ${info.inHead ? "still in HEAD" : "not in HEAD any more"}`;
  return `Introduced in commit ${info.commit.slice(0, 12)} (${info.date.slice(0, 10)}) as ${info.path}: rotate it, since deleting it from the template leaves it in the git history. [${spread}]`;
}

/** ESLint's shape for a suppressed message. */
export interface SuppressedMessage extends LintMessage {
  readonly suppressions: readonly { readonly kind: "directive" | "external"; readonly justification: string }[];
}

/** ESLint's result shape. */
export interface LintResult {
  readonly filePath: string;
  readonly messages: LintMessage[];
  readonly suppressedMessages: SuppressedMessage[];
  readonly errorCount: number;
  readonly fatalErrorCount: number;
  readonly warningCount: number;
  readonly fixableErrorCount: number;
  readonly fixableWarningCount: number;
  readonly usedDeprecatedRules: never[];
  /** With `--fix-dry-run` and a machine format: the fixed text of the file, credentials masked (as ESLint's `output`). */
  readonly output?: string;
}

/** Milliseconds spent per phase: `parse`, `analysis` and one entry per rule (as ESLint's TIMING). */
export type Timings = Map<string, number>;

/** Runs `work`, adding its time to `timings[key]` when timings are kept. */
export function timed<T>(timings: Timings | undefined, key: string, work: () => T): T {
  if (!timings) return work();
  const start = nowMs();
  try {
    return work();
  } finally {
    timings.set(key, (timings.get(key) ?? 0) + nowMs() - start);
  }
}

/**
 * A monotonic clock in milliseconds. `process.hrtime` rather than `performance.now()`: the
 * `performance` global loads Node's perf_hooks modules on first use (~1 ms of every start).
 */
export function nowMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}

/**
 * A file inside an archive is linted as `<archive>:/<path inside>`, so that its folder is a folder
 * of the archive's, and reported as `<archive>:<path inside>` (`coder-v3.tar:main.tf`).
 */
export function archiveMemberPath(archive: string, inner: string): string {
  return `${archive}:/${inner}`;
}

const ARCHIVE_MEMBER = /(\.(?:tar|tar\.gz|tgz|zip)):\//i;

/** The path a file is reported under: archive members lose the `/` after the archive's colon. */
export function reportedPath(path: string): string {
  return path.replace(ARCHIVE_MEMBER, "$1:");
}

/** A result with archive member paths in their reported form (file, trace steps). */
export function withReportedPaths(result: LintResult): LintResult {
  if (!ARCHIVE_MEMBER.test(result.filePath) && !result.messages.some((m) => m.trace)) return result;
  const rename = (m: LintMessage): LintMessage => (m.trace ? { ...m, trace: { path: m.trace.path, steps: m.trace.steps.map((s) => ({ ...s, filePath: reportedPath(s.filePath) })) } } : m);
  return { ...result, filePath: reportedPath(result.filePath), messages: result.messages.map(rename), suppressedMessages: result.suppressedMessages.map((m) => ({ ...rename(m), suppressions: m.suppressions })) };
}

/** The messageId of a file that could not be linted at all (exit code 3). */
export const UNREADABLE = "unreadable";

export function rangeFields(range: Range): Pick<LintMessage, "line" | "column" | "endLine" | "endColumn"> {
  return { line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

/**
 * A message about the run that is not a rule's finding and not fatal: a bound reached, a file not
 * followed, an archive read another way than Coder reads it (severity 2 where it must fail the run).
 */
export function noticeMessage(message: string, severity: 1 | 2, range: Range | null): LintMessage {
  return { ruleId: null, severity, message, nodeType: null, ...(range ? rangeFields(range) : { line: 1, column: 1, endLine: 1, endColumn: 1 }) };
}

/** A message that is not a rule's finding: a syntax error, an unreadable file, a failing rule. */
export function fatalMessage(message: string, range: Range | null): LintMessage {
  return {
    ruleId: null,
    severity: 2,
    fatal: true,
    message,
    nodeType: null,
    ...(range ? rangeFields(range) : { line: 1, column: 1, endLine: 1, endColumn: 1 }),
  };
}

/**
 * A result whose fix texts show the given credentials masked: for anything written out (JSON, the
 * cache). `--fix` applies the real texts, from the unmasked result.
 */
export function withMaskedFixes(result: LintResult, secrets: readonly string[]): LintResult {
  if (secrets.length === 0) return result;
  return { ...result, messages: result.messages.map((m) => (m.fix ? { ...m, fix: { range: m.fix.range, text: redact(m.fix.text, secrets) } } : m)) };
}

/**
 * Code-unit order of two strings. Not `localeCompare`: its first call loads ICU's collator, ~9 ms
 * of a CLI's start (a one-folder run takes ~30 ms over bare Node), and output order must not depend
 * on the locale anyway.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Messages by position, then rule, then text: the order of every output. */
export function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || compareText(a.ruleId ?? "", b.ruleId ?? "") || compareText(a.message, b.message);
}

export function makeResult(filePath: string, messages: LintMessage[], suppressedMessages: SuppressedMessage[] = []): LintResult {
  messages.sort(compareMessages);
  return {
    filePath,
    messages,
    suppressedMessages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
    fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
    usedDeprecatedRules: [],
  };
}
