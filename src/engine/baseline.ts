import { writeFileSafely } from "./safe-write.js";
import { loadCrypto } from "./lazy-builtins.js";
import { dirname, relative, resolve, sep } from "node:path";
import { ConfigError, readJsonFile } from "./config.js";

/** The largest baseline read. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;
import { HISTORY_SPREAD, reportedPath, type LintMessage, type LintResult, type SuppressedMessage } from "./results.js";

/**
 * A baseline records the findings a repository already has, so that CI fails only on new ones.
 * Entries are keyed by rule, file and a fingerprint of the finding's message with every masked
 * secret taken out: never by line number, so unrelated edits do not churn the file.
 *
 * Nothing derived from a secret goes into a baseline. Version 1 hashed the message (which shows a
 * secret's first characters and length) and the source text the finding covered (the secret
 * itself): an unsalted SHA-256 anyone holding the baseline could use to confirm a guessed password
 * offline. The fingerprint is now the rule, the file and what the message says about where and why,
 * none of which depends on the secret's value; equal findings in one file are told apart by count.
 */
export interface BaselineEntry {
  readonly ruleId: string;
  readonly file: string;
  readonly hash: string;
  readonly count: number;
}

export interface BaselineFile {
  readonly tool: "coder-secrets-lint";
  readonly version: 2;
  readonly findings: readonly BaselineEntry[];
}

/** A masked secret in a message: up to four leading characters, an ellipsis and the length. */
const MASKED_SECRET = /[^\s"'`(]{0,4}\u2026\(\d+ chars\)/g;

/** The finding's fingerprint: its rule and its message without any trace of a secret. */
export function findingHash(message: LintMessage): string {
  const text = (message.history ? message.message.replace(HISTORY_SPREAD, "") : message.message).replace(MASKED_SECRET, "\u2026");
  return loadCrypto().createHash("sha256").update(`${message.ruleId ?? ""}\0${text}`).digest("hex");
}

function normalPath(baseDir: string, file: string): string {
  // archive members are keyed as reported (`a.tar:main.tf`), whichever form the caller holds
  return relative(baseDir, reportedPath(file)).split(sep).join("/");
}

function key(ruleId: string, file: string, hash: string): string {
  return `${ruleId}\0${file}\0${hash}`;
}

export function buildBaseline(results: readonly LintResult[], baselinePath: string): BaselineFile {
  const baseDir = dirname(resolve(baselinePath));
  const counts = new Map<string, BaselineEntry>();
  for (const result of results) {
    for (const m of result.messages) {
      if (!m.ruleId) continue;
      const file = normalPath(baseDir, result.filePath);
      const hash = findingHash(m);
      const k = key(m.ruleId, file, hash);
      const entry = counts.get(k);
      counts.set(k, { ruleId: m.ruleId, file, hash, count: (entry?.count ?? 0) + 1 });
    }
  }
  const findings = [...counts.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.hash.localeCompare(b.hash));
  return { tool: "coder-secrets-lint", version: 2, findings };
}

/** Writes a baseline to `given` (relative to `cwd`) under safe-write's policy. */
export function writeBaseline(given: string, cwd: string, baseline: BaselineFile): void {
  writeFileSafely(given, JSON.stringify(baseline, null, 2) + "\n", { cwd });
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
  // bounded, and a parse error names a position only: a baseline may be a file of the repository
  const parsed = readJsonFile(path, MAX_BASELINE_BYTES, "baseline", `--baseline ${path}`);
  if (!isBaseline(parsed)) throw new ConfigError(`--baseline ${path}: not a coder-secrets-lint baseline`);
  if ((parsed as { version: unknown }).version !== 2) {
    throw new ConfigError(`--baseline ${path}: written by an earlier version, whose fingerprints were derived from the secrets themselves; delete it and record it again with --write-baseline`);
  }
  const remaining = new Map<string, number>();
  for (const entry of parsed.findings) remaining.set(key(entry.ruleId, entry.file, entry.hash), entry.count);
  return { baseDir: dirname(resolve(path)), remaining };
}

/** Moves findings recorded in the baseline to the suppressed messages. */
export function applyBaseline(
  baseline: LoadedBaseline,
  filePath: string,
  messages: readonly LintMessage[],
): { kept: LintMessage[]; suppressed: SuppressedMessage[] } {
  const kept: LintMessage[] = [];
  const suppressed: SuppressedMessage[] = [];
  const file = normalPath(baseline.baseDir, filePath);
  for (const m of messages) {
    const k = m.ruleId ? key(m.ruleId, file, findingHash(m)) : null;
    const left = k ? (baseline.remaining.get(k) ?? 0) : 0;
    if (k && left > 0) {
      baseline.remaining.set(k, left - 1);
      suppressed.push({ ...m, suppressions: [{ kind: "external", justification: "recorded in the baseline" }] });
    } else kept.push(m);
  }
  return { kept, suppressed };
}
