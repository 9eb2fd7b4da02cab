import type { Comment } from "../model/types.js";
import type { LintMessage, SuppressedMessage } from "./results.js";

/**
 * Inline suppressions, written in any comment style:
 *
 *   # coder-secrets-lint-ignore <rule-id>[, <rule-id>] -- <reason>        (this line, or the next one)
 *   // coder-secrets-lint-ignore-file <rule-id> -- <reason>               (the whole file)
 *   /* coder-secrets-lint-ignore no-hardcoded-credentials -- test fixture *\/
 *
 * A directive alone on its line applies to the next line; after code, to its own line. A reason is
 * required, and so are known rule ids: a directive without them is itself reported.
 */
export interface Directive {
  readonly kind: "line" | "file";
  readonly ruleIds: readonly string[];
  readonly reason: string;
  /** The line whose findings it suppresses (0 for file directives). */
  readonly targetLine: number;
  readonly comment: Comment;
  used: boolean;
}

const DIRECTIVE = /^\s*coder-secrets-lint-ignore(-file)?(?=\s|$)(.*)$/s;

/** A comment's text without its markers (`#`, `//`, `/* *\/`): what directives are read from. */
export function commentBody(text: string): string {
  if (text.startsWith("/*")) return text.slice(2, text.endsWith("*/") ? -2 : undefined);
  return text.replace(/^(#|\/\/)/, "");
}

/** Is there code before `offset` on its line? Then a directive there is about that line. */
export function codeBefore(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return text.slice(lineStart, offset).trim() !== "";
}

export interface ParsedDirectives {
  readonly directives: Directive[];
  /** Problems with directives themselves (no reason, unknown rule): reported as errors. */
  readonly problems: LintMessage[];
}

function problem(comment: Comment, message: string): LintMessage {
  return {
    ruleId: null,
    severity: 2,
    message,
    nodeType: null,
    line: comment.range.start.line,
    column: comment.range.start.column,
    endLine: comment.range.end.line,
    endColumn: comment.range.end.column,
  };
}

/**
 * Reads the directives of one file. `lineHasCode(line)` tells whether code precedes the comment on
 * its line (then the directive applies to that line, else to the next).
 */
export function parseDirectives(comments: readonly Comment[], knownRules: ReadonlySet<string>, codeBefore: (comment: Comment) => boolean): ParsedDirectives {
  const directives: Directive[] = [];
  const problems: LintMessage[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(commentBody(comment.text));
    if (!match) continue;
    const kind = match[1] ? "file" : "line";
    const rest = match[2] ?? "";
    const separator = rest.indexOf("--");
    const idsText = separator === -1 ? rest : rest.slice(0, separator);
    const reason = separator === -1 ? "" : rest.slice(separator + 2).trim();
    const ruleIds = idsText
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter((id) => id.length > 0);
    const name = `coder-secrets-lint-ignore${kind === "file" ? "-file" : ""}`;
    if (ruleIds.length === 0) {
      problems.push(problem(comment, `${name} needs the rule ids it suppresses: ${name} <rule-id> -- <reason>.`));
      continue;
    }
    const unknown = ruleIds.filter((id) => !knownRules.has(id));
    if (unknown.length > 0) {
      problems.push(problem(comment, `${name} names unknown rule${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}.`));
      continue;
    }
    if (reason === "") {
      problems.push(problem(comment, `${name} needs a reason after "--": ${name} ${ruleIds.join(", ")} -- <why this is safe>.`));
      continue;
    }
    const targetLine = kind === "file" ? 0 : codeBefore(comment) ? comment.range.start.line : comment.range.end.line + 1;
    directives.push({ kind, ruleIds, reason, targetLine, comment, used: false });
  }
  return { directives, problems };
}

/** Splits messages into reported and suppressed ones, marking the directives that were used. */
export function applyDirectives(messages: readonly LintMessage[], directives: readonly Directive[]): { kept: LintMessage[]; suppressed: SuppressedMessage[] } {
  const kept: LintMessage[] = [];
  const suppressed: SuppressedMessage[] = [];
  for (const message of messages) {
    const matching = message.ruleId
      ? directives.filter((d) => d.ruleIds.includes(message.ruleId ?? "") && (d.kind === "file" || d.targetLine === message.line))
      : [];
    if (matching.length === 0) {
      kept.push(message);
      continue;
    }
    for (const d of matching) d.used = true;
    suppressed.push({ ...message, suppressions: matching.map((d) => ({ kind: "directive" as const, justification: d.reason })) });
  }
  return { kept, suppressed };
}

export function unusedDirectiveMessages(directives: readonly Directive[]): LintMessage[] {
  return directives
    .filter((d) => !d.used)
    .map((d) => ({
      ...problem(d.comment, `Unused coder-secrets-lint-ignore${d.kind === "file" ? "-file" : ""} directive (no problems were reported from ${d.ruleIds.map((id) => `'${id}'`).join(", ")}).`),
      severity: 1 as const,
    }));
}
