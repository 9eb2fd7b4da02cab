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
  /** `line`: one line; `file`: the whole file; `range`: from `targetLine` to `endLine` (ESLint's disable/enable blocks). */
  readonly kind: "line" | "file" | "range";
  /** How it was written, for messages: `coder-secrets-lint-ignore`, `eslint-disable-next-line`, ... */
  readonly name: string;
  readonly ruleIds: readonly string[];
  readonly reason: string;
  /** The line whose findings it suppresses (0 for file directives; the first line of a range). */
  readonly targetLine: number;
  /** The last line of a range (Infinity when never re-enabled). */
  readonly endLine?: number;
  readonly comment: Comment;
  used: boolean;
}

const DIRECTIVE = /^\s*coder-secrets-lint-ignore(-file)?(?=\s|$)(.*)$/s;
/**
 * ESLint's own directives, so that a suppression written in an editor (the ESLint plugin) holds in
 * the CLI, pre-commit and CI too: `eslint-disable[-line|-next-line] [rules] [-- reason]` and
 * `eslint-enable [rules]`, rules named with or without the `coder-secrets/` prefix.
 */
const ESLINT_LABELS = ["eslint-disable-next-line", "eslint-disable-line", "eslint-disable", "eslint-enable"] as const;

/** An ESLint directive's label, rule list and reason, or null (parsed by hand: linear on any comment). */
function eslintDirective(body: string): { label: (typeof ESLINT_LABELS)[number]; rules: string; reason: string } | null {
  const text = body.trim();
  const label = ESLINT_LABELS.find((l) => text.startsWith(l) && (text.length === l.length || /\s/.test(text.charAt(l.length))));
  if (!label) return null;
  const rest = text.slice(label.length);
  const separator = rest.search(/\s--(?:\s|$)/);
  return separator === -1 ? { label, rules: rest.trim(), reason: "" } : { label, rules: rest.slice(0, separator).trim(), reason: rest.slice(separator).replace(/^\s--/, "").trim() };
}

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

/**
 * Can this text hold a directive (ours or ESLint's)? Most comments of most files cannot: one native
 * search per comment (or per file, by the caller) instead of reading each comment.
 */
export function mayHoldDirective(text: string): boolean {
  return text.includes("coder-secrets-lint-ignore") || text.includes("eslint-");
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
export function parseDirectives(comments: readonly Comment[], knownRules: ReadonlySet<string>, codeBefore: (comment: Comment) => boolean, allowBareEslint = false): ParsedDirectives {
  const directives: Directive[] = [];
  const problems: LintMessage[] = [];
  // open `eslint-disable` blocks by rule ("*" for all rules), with the line they start on
  const open = new Map<string, { line: number; comment: Comment; reason: string }>();
  const closeBlock = (ruleId: string, endLine: number): void => {
    const block = open.get(ruleId);
    if (!block) return;
    open.delete(ruleId);
    directives.push({ kind: "range", name: "eslint-disable", ruleIds: [ruleId], reason: block.reason, targetLine: block.line, endLine, comment: block.comment, used: false });
  };
  for (const comment of comments) {
    if (!mayHoldDirective(comment.text)) continue;
    const body = commentBody(comment.text);
    const eslint = eslintDirective(body);
    if (eslint) {
      const label = eslint.label;
      // rules of other ESLint plugins may be named too: only ours count; no list means every rule
      const listed = eslint.rules.split(",").map((id) => id.trim()).filter((id) => id.length > 0);
      const ours = listed.map((id) => id.replace(/^coder-secrets\//, "")).filter((id) => knownRules.has(id));
      if (listed.length > 0 && ours.length === 0) continue;
      const ruleIds = listed.length === 0 ? ["*"] : ours;
      const reason = eslint.reason;
      // a gate is not silenced without a word of why: ESLint's directives need what ours need
      if (label !== "eslint-enable" && !allowBareEslint && (listed.length === 0 || reason === "")) {
        problems.push(problem(comment, `${label} ${listed.length === 0 ? "without rule ids" : "without a reason"} is not honoured: write ${label} ${listed.length === 0 ? "<rule-id>" : eslint.rules} -- <why this is safe> (or set allowBareEslintDirectives in the configuration).`));
        continue;
      }
      if (label === "eslint-disable") {
        for (const id of ruleIds) if (!open.has(id)) open.set(id, { line: comment.range.start.line, comment, reason });
      } else if (label === "eslint-enable") {
        for (const id of listed.length === 0 ? [...open.keys()] : ruleIds) closeBlock(id, comment.range.start.line);
      } else {
        const targetLine = label === "eslint-disable-line" ? comment.range.start.line : comment.range.end.line + 1;
        directives.push({ kind: "line", name: label, ruleIds, reason, targetLine, comment, used: false });
      }
      continue;
    }
    const match = DIRECTIVE.exec(body);
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
    directives.push({ kind, name, ruleIds, reason, targetLine, comment, used: false });
  }
  for (const id of [...open.keys()]) closeBlock(id, Infinity);
  return { directives, problems };
}

function covers(directive: Directive, line: number): boolean {
  if (directive.kind === "file") return true;
  if (directive.kind === "range") return line >= directive.targetLine && line <= (directive.endLine ?? Infinity);
  return line === directive.targetLine;
}

/** Splits messages into reported and suppressed ones, marking the directives that were used. */
export function applyDirectives(messages: readonly LintMessage[], directives: readonly Directive[]): { kept: LintMessage[]; suppressed: SuppressedMessage[] } {
  const kept: LintMessage[] = [];
  const suppressed: SuppressedMessage[] = [];
  for (const message of messages) {
    const matching = message.ruleId
      ? directives.filter((d) => (d.ruleIds.includes(message.ruleId ?? "") || d.ruleIds.includes("*")) && covers(d, message.line))
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
      ...problem(d.comment, `Unused ${d.name} directive (no problems were reported${d.ruleIds.includes("*") ? "" : ` from ${d.ruleIds.map((id) => `'${id}'`).join(", ")}`}).`),
      severity: 1 as const,
    }));
}
