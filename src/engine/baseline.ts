import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { ConfigError } from "./config.js";
import type { LintMessage, LintResult, SuppressedMessage } from "./results.js";

/**
 * A baseline records the findings a repository already has, so that CI fails only on new ones.
 * Entries are keyed by rule, file and a hash of the finding's normalised content (its message and
 * the source text it covers, whitespace removed): never by line number, so unrelated edits do not
 * churn the file, and never holding a secret, only a SHA-256.
 */
export interface BaselineEntry {
  readonly ruleId: string;
  readonly file: string;
  readonly hash: string;
  readonly count: number;
}

export interface BaselineFile {
  readonly tool: "coder-secrets-lint";
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

function rangeText(text: string, m: LintMessage): string {
  const lines = text.split("\n");
  const slice = lines.slice(m.line - 1, m.endLine);
  if (slice.length === 0) return "";
  slice[slice.length - 1] = (slice[slice.length - 1] ?? "").slice(0, m.endColumn - 1);
  slice[0] = (slice[0] ?? "").slice(m.column - 1);
  return slice.join("\n");
}

export function findingHash(message: LintMessage, fileText: string): string {
  const content = rangeText(fileText, message).replace(/\s+/g, "");
  return createHash("sha256").update(`${message.ruleId ?? ""}\0${message.message}\0${content}`).digest("hex");
}

function normalPath(baseDir: string, file: string): string {
  return relative(baseDir, file).split(sep).join("/");
}

function key(ruleId: string, file: string, hash: string): string {
  return `${ruleId}\0${file}\0${hash}`;
}

export function buildBaseline(results: readonly LintResult[], baselinePath: string, readText: (file: string) => string): BaselineFile {
  const baseDir = dirname(resolve(baselinePath));
  const counts = new Map<string, BaselineEntry>();
  for (const result of results) {
    const text = readText(result.filePath);
    for (const m of result.messages) {
      if (!m.ruleId) continue;
      const file = normalPath(baseDir, result.filePath);
      const hash = findingHash(m, text);
      const k = key(m.ruleId, file, hash);
      const entry = counts.get(k);
      counts.set(k, { ruleId: m.ruleId, file, hash, count: (entry?.count ?? 0) + 1 });
    }
  }
  const findings = [...counts.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.hash.localeCompare(b.hash));
  return { tool: "coder-secrets-lint", version: 1, findings };
}

export function writeBaseline(path: string, baseline: BaselineFile): void {
  writeFileSync(path, JSON.stringify(baseline, null, 2) + "\n");
}

export interface LoadedBaseline {
  readonly baseDir: string;
  readonly remaining: Map<string, number>;
}

function isEntry(value: unknown): value is BaselineEntry {
  const e = value as Partial<BaselineEntry> | null;
  return typeof e?.ruleId === "string" && typeof e.file === "string" && typeof e.hash === "string" && typeof e.count === "number";
}

function isBaseline(value: unknown): value is BaselineFile {
  const b = value as Partial<BaselineFile> | null;
  return b?.tool === "coder-secrets-lint" && Array.isArray(b.findings) && b.findings.every(isEntry);
}

export function readBaseline(path: string): LoadedBaseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`--baseline ${path}: cannot read baseline: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!isBaseline(parsed)) throw new ConfigError(`--baseline ${path}: not a coder-secrets-lint baseline`);
  const remaining = new Map<string, number>();
  for (const entry of parsed.findings) remaining.set(key(entry.ruleId, entry.file, entry.hash), entry.count);
  return { baseDir: dirname(resolve(path)), remaining };
}

/** Moves findings recorded in the baseline to the suppressed messages. */
export function applyBaseline(
  baseline: LoadedBaseline,
  filePath: string,
  text: string,
  messages: readonly LintMessage[],
): { kept: LintMessage[]; suppressed: SuppressedMessage[] } {
  const kept: LintMessage[] = [];
  const suppressed: SuppressedMessage[] = [];
  const file = normalPath(baseline.baseDir, filePath);
  for (const m of messages) {
    const k = m.ruleId ? key(m.ruleId, file, findingHash(m, text)) : null;
    const left = k ? (baseline.remaining.get(k) ?? 0) : 0;
    if (k && left > 0) {
      baseline.remaining.set(k, left - 1);
      suppressed.push({ ...m, suppressions: [{ kind: "external", justification: "recorded in the baseline" }] });
    } else kept.push(m);
  }
  return { kept, suppressed };
}
