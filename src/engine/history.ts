import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { BlobReader, firstParentChildCounts, type GitCommit, GitError, gitOutput, listTree, logCommits, repositoryTop, revisionRefusal } from "../discover/git.js";
import { fileKindOf } from "../hcl/parse.js";
import { Module } from "../model/module.js";
import { offsetInFile } from "../model/positions.js";
import type { HclFile, Range } from "../model/types.js";
import { applyBaseline, type LoadedBaseline } from "./baseline.js";
import { ConfigError, type ResolvedConfig } from "./config.js";
import { fileResult } from "./folders.js";
import { decodeTemplate, parseTemplateText } from "./load.js";
import { RULES_BY_ID } from "./registry.js";
import { fatalMessage, historyNote, type HistoryInfo, type LintMessage, type LintResult, makeResult, type Timings, UNREADABLE } from "./results.js";
import { buildCatalog, runRules, unparsedFileMessages } from "./run-rules.js";

/**
 * `coder-secrets-lint history`: every version of every template file in a repository's git history.
 *
 * Commits come oldest first from `git log --raw` (changes against the first parent), so each commit's
 * set of template files is its first parent's plus its changes. A file version (blob) is linted once,
 * when a commit first brings it; with dataflow rules chosen, the folder at that commit is linted too.
 * A finding is one mistake however many commits carry it: it is reported at the commit that
 * introduced it, with the number of commits whose tree holds it and whether HEAD still does.
 */

/** Literals need no context: the default history rule. */
export const DEFAULT_HISTORY_RULES: readonly string[] = ["no-hardcoded-credentials"];

export interface HistoryOptions {
  readonly cwd: string;
  readonly config: ResolvedConfig;
  /** git revisions (`main..HEAD`, `A..B`); empty for every reachable commit (`--all`). */
  readonly revisions: readonly string[];
  /** `--since REV`: only commits after REV (REV..HEAD). */
  readonly since?: string;
  /** Rule ids to run on history (default: DEFAULT_HISTORY_RULES). */
  readonly rules?: readonly string[];
  readonly onDebug?: (line: string) => void;
  /** Findings recorded in a baseline are suppressed (fingerprints leave out the counts that grow). */
  readonly baseline?: LoadedBaseline;
}

export interface HistoryRun {
  readonly results: LintResult[];
  readonly timings: Timings;
  readonly secretsByFile: Map<string, readonly string[]>;
  readonly unmatched: readonly string[];
  readonly unreadableCount: number;
  readonly commits: number;
  readonly blobs: number;
  /** The repository's top folder: finding paths are under it. */
  readonly top: string;
  /** The `origin` remote (credentials removed) and HEAD, when both exist. */
  readonly repository?: { readonly uri: string; readonly revision: string };
}

/**
 * A remote's URL without credentials (`https://user:token@host/x` keeps `https://host/x`); null for
 * what is not a URL (an scp-like `git@host:x` is given its ssh:// form).
 */
export function publicRemoteUrl(remote: string): string | null {
  const scp = /^([\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(remote);
  const text = scp ? `ssh://${scp[2] ?? ""}/${scp[3] ?? ""}` : remote;
  try {
    const url = new URL(text);
    url.username = "";
    url.password = "";
    url.search = "";
    url.hash = "";
    return url.protocol === "file:" ? null : url.href;
  } catch {
    return null;
  }
}

/** A finding the first time it is seen, and everything learnt about it since. */
interface Sighting {
  readonly message: LintMessage;
  readonly commit: GitCommit;
  readonly path: string;
  readonly order: number;
  /** File versions it was reported in: a commit whose tree holds one of them carries it. */
  readonly blobs: Set<string>;
  commits: number;
  inHead: boolean;
}

/** Template files of one commit: path (relative to the top, `/`-separated) -> blob. */
type TreeState = Map<string, string>;

const REGULAR_FILE = /^100(644|755)$/;
/** Commits read ahead of the one being linted, their new file versions requested from git. */
const LOOKAHEAD = 64;
/** File texts kept for reuse (siblings of the next commits' files): about 64 MB of characters. */
const MAX_CACHED_CHARS = 32 * 1024 * 1024;

function isTemplate(path: string): boolean {
  return fileKindOf(path) !== null;
}

function withoutFix(message: LintMessage): LintMessage {
  if (!message.fix) return message;
  const copy: { -readonly [K in keyof LintMessage]?: LintMessage[K] } = { ...message };
  delete copy.fix;
  return copy as LintMessage;
}

/**
 * What makes two findings the same mistake. A literal credential is its value, wherever it sits (a
 * secret moved to another file is still the one to rotate); a dataflow finding is its rule, file and
 * message. Hashed in memory only: nothing derived from a secret is written anywhere.
 */
function identityOf(message: LintMessage, path: string, file: HclFile): string {
  const hash = createHash("sha256").update(message.ruleId ?? "");
  if (message.ruleId === "no-hardcoded-credentials") {
    hash.update("\0value\0").update(file.text.slice(offsetInFile(file, message.line, message.column), offsetInFile(file, message.endLine, message.endColumn)));
  } else hash.update("\0").update(path).update("\0").update(message.message);
  return hash.digest("hex");
}

/** The config with only the history rules on (each keeps its configured severity; off stays off). */
function historyConfig(config: ResolvedConfig, ruleIds: readonly string[]): ResolvedConfig {
  for (const id of ruleIds) if (!RULES_BY_ID.has(id)) throw new ConfigError(`--history-rules: unknown rule "${id}"`);
  const chosen = new Set(ruleIds);
  const rules = Object.fromEntries(Object.entries(config.rules).map(([id, setting]) => [id, chosen.has(id) ? setting : { ...setting, severity: "off" as const }]));
  return { ...config, rules };
}

export async function scanHistory(options: HistoryOptions): Promise<HistoryRun> {
  const top = repositoryTop(options.cwd);
  if (!top) throw new ConfigError(`history: ${options.cwd} is not inside a git repository`);
  const ruleIds = options.rules ?? DEFAULT_HISTORY_RULES;
  const config = historyConfig(options.config, ruleIds);
  // literal rules read one file version alone; the others need the folder at that commit
  const folderWise = ruleIds.some((id) => id !== "no-hardcoded-credentials");
  const catalog = buildCatalog(config);
  const timings: Timings = new Map();
  for (const revision of options.revisions) {
    const refusal = revisionRefusal(revision);
    if (refusal) throw new ConfigError(`history: refusing the revision "${revision}": ${refusal}`);
  }
  if (options.since !== undefined) {
    const refusal = revisionRefusal(options.since);
    if (refusal) throw new ConfigError(`history: refusing --since "${options.since}": ${refusal}`);
    if (gitOutput(top, ["rev-parse", "--verify", "-q", "--end-of-options", `${options.since}^{commit}`]) === null) {
      throw new ConfigError(`history: --since "${options.since}" is not a commit of this repository`);
    }
  }
  // no revisions: every reachable commit (--all)
  const revisions = [...options.revisions, ...(options.since !== undefined ? [`${options.since}..HEAD`] : [])];
  const head = gitOutput(top, ["rev-parse", "--verify", "-q", "HEAD^{commit}"]);
  // a commit's state is kept until every commit built on it as first parent is done
  const children = await firstParentChildCounts(top, revisions);
  const states = new Map<string, TreeState>();
  const seenBlobs = new Set<string>();
  const texts = new Map<string, Promise<string | null>>();
  const sightings = new Map<string, Sighting>();
  /** blob -> identities reported in it */
  const carriedBy = new Map<string, Set<string>>();
  const reader = new BlobReader(top, config.maxFileSize);
  let commits = 0;
  let linted = 0;

  /**
   * File versions that could not be linted (not in this clone, over --max-file-size, binary, not
   * UTF-8, a syntax error), each once, at the first commit that brought it: exit code 3, never a
   * silent pass.
   */
  const notLinted = new Map<string, NotLinted>();
  const noteNotLinted = (commit: GitCommit, order: number, path: string, blob: string, reason: string, at: Range | null = null): void => {
    const key = versionKey(blob, path);
    if (!notLinted.has(key)) notLinted.set(key, { commit, order, path, reason, at });
  };
  /** Why a blob's text could not be had, and the raw bytes (as latin1) of one that is not text. */
  const reasons = new Map<string, string>();
  const rawTexts = new Map<string, string>();

  const textOf = (blob: string, path: string): Promise<string | null> => {
    let text = texts.get(blob);
    if (!text) {
      text = readText(blob, path).then((read) => {
        remember(blob, read?.length ?? 0);
        return read;
      });
      texts.set(blob, text);
    }
    return text;
  };
  // texts of the commits in flight and of their folders: the oldest go past MAX_CACHED_CHARS
  const textSizes = new Map<string, number>();
  let cachedChars = 0;
  const remember = (blob: string, size: number): void => {
    textSizes.set(blob, size);
    cachedChars += size;
    for (const [oldest, oldSize] of textSizes) {
      if (cachedChars <= MAX_CACHED_CHARS || oldest === blob) break;
      textSizes.delete(oldest);
      texts.delete(oldest);
      cachedChars -= oldSize;
    }
  };
  const readText = async (blob: string, path: string): Promise<string | null> => {
    const read = await reader.read(blob);
    let text: string | null = null;
    if ("bytes" in read) {
      const decoded = decodeTemplate(path, read.bytes);
      if ("text" in decoded) text = decoded.text;
      else {
        reasons.set(blob, decoded.message);
        rawTexts.set(blob, read.bytes.toString("latin1"));
      }
    } else reasons.set(blob, read.skipped === "too-large" ? `File is ${String(read.size)} bytes, over the --max-file-size limit; not linted` : "This file version is not in this clone (a partial or shallow clone); not linted");
    if (text === null) options.onDebug?.(`history: ${path} (blob ${blob.slice(0, 12)}) skipped: ${reasons.get(blob) ?? ""}`);
    return text;
  };

  const record = (commit: GitCommit, order: number, file: HclFile, path: string, blob: string, messages: readonly LintMessage[]): void => {
    for (const message of messages) {
      if (!message.ruleId) continue;
      const id = identityOf(message, path, file);
      let sighting = sightings.get(id);
      if (!sighting) {
        // no fixes: the version it would apply to is history
        sighting = { message: withoutFix(message), commit, path, order, blobs: new Set(), commits: 0, inHead: false };
        sightings.set(id, sighting);
      }
      sighting.blobs.add(blob);
      const ids = carriedBy.get(blob) ?? new Set<string>();
      ids.add(id);
      carriedBy.set(blob, ids);
    }
  };

  /** Lints files of one commit as one module; reports go to `record`. */
  const lintUnit = async (commit: GitCommit, order: number, dir: string, entries: readonly (readonly [string, string])[]): Promise<void> => {
    const files: { file: HclFile; path: string; blob: string }[] = [];
    for (const [path, blob] of entries) {
      const text = await textOf(blob, path);
      if (text === null) {
        noteNotLinted(commit, order, path, blob, reasons.get(blob) ?? "not linted");
        // binary or not UTF-8: known credential formats are still looked for in the raw bytes
        const raw = rawTexts.get(blob);
        rawTexts.delete(blob);
        if (raw !== undefined) {
          const loaded = parseTemplateText(join(top, path), raw.replace(/\0/g, " "));
          if (loaded.ok) record(commit, order, loaded.file, path, blob, unparsedFileMessages(loaded.file, config));
        }
        continue;
      }
      const loaded = parseTemplateText(join(top, path), text);
      if (!loaded.ok) noteNotLinted(commit, order, path, blob, loaded.unreadable.message);
      else if (loaded.file.syntaxErrors.length === 0) files.push({ file: loaded.file, path, blob });
      else {
        const error = loaded.file.syntaxErrors[0];
        noteNotLinted(commit, order, path, blob, `Parsing error: ${(error?.message ?? "syntax error").replace(/\.$/, "")}; the other rules did not run on this version`, error?.range ?? null);
        // the credential scan needs no parse
        record(commit, order, loaded.file, path, blob, unparsedFileMessages(loaded.file, config));
      }
    }
    if (files.length === 0) return;
    linted += files.length;
    const module = new Module(join(top, dir), files.map((f) => f.file));
    const byFile = runRules(module, catalog, config, timings);
    for (const { file, path, blob } of files) {
      const messages = byFile.get(file.path) ?? [];
      if (messages.length === 0) continue;
      // inline suppressions in that version count, as they did when it was linted
      const kept = fileResult(file, messages, { config }).messages.filter((m) => m.ruleId !== null);
      record(commit, order, file, path, blob, kept);
    }
  };

  /** A commit read from the log, with reads of its new file versions already requested. */
  interface Queued {
    readonly commit: GitCommit;
    readonly fresh: readonly (readonly [string, string])[];
  }
  const known = new Set<string>();

  /** The tree before a range starts: what it held was there before, not introduced in the range. */
  const loadBoundary = async (parent: string): Promise<void> => {
    const parentState: TreeState = new Map();
    for (const entry of await listTree(top, parent)) {
      if (entry.type !== "blob" || !REGULAR_FILE.test(entry.mode) || !isTemplate(entry.path)) continue;
      parentState.set(entry.path, entry.blob);
      seenBlobs.add(versionKey(entry.blob, entry.path));
    }
    states.set(parent, parentState);
    known.add(parent);
  };

  /** Reads the log ahead of the linting: blob reads go out while earlier commits are linted. */
  const enqueue = async (commit: GitCommit): Promise<Queued> => {
    const parent = commit.parents[0];
    if (parent && !known.has(parent)) await loadBoundary(parent);
    known.add(commit.sha);
    const fresh: [string, string][] = [];
    for (const change of commit.changes) {
      // a version is its bytes read as one kind of file: the same blob renamed from an unparsable
      // a.tf.json to main.tf is a new version to lint
      if (change.status === "D" || !REGULAR_FILE.test(change.mode) || !isTemplate(change.path) || seenBlobs.has(versionKey(change.blob, change.path))) continue;
      seenBlobs.add(versionKey(change.blob, change.path));
      fresh.push([change.path, change.blob]);
      void textOf(change.blob, change.path).catch(() => null);
    }
    return { commit, fresh };
  };

  const lintCommit = async ({ commit, fresh }: Queued): Promise<void> => {
    const order = commits++;
    const parent = commit.parents[0];
    let state: TreeState;
    const parentState = parent ? states.get(parent) : undefined;
    if (!parent || !parentState) state = new Map();
    else {
      const left = (children.get(parent) ?? 1) - 1;
      children.set(parent, left);
      // the last child to build on a state takes it over; the others copy it
      if (left <= 0) {
        states.delete(parent);
        state = parentState;
      } else state = new Map(parentState);
    }
    const touched = new Set<string>();
    for (const change of commit.changes) {
      if (!isTemplate(change.path)) continue;
      touched.add(dirname(change.path));
      // deleted, or now a symlink or submodule: never followed
      if (change.status === "D" || !REGULAR_FILE.test(change.mode)) state.delete(change.path);
      else state.set(change.path, change.blob);
    }
    if (folderWise) {
      for (const dir of touched) {
        const prefix = dir === "." ? "" : `${dir}/`;
        const entries = [...state].filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes("/"));
        await lintUnit(commit, order, dir, entries);
      }
    } else {
      for (const entry of fresh) await lintUnit(commit, order, dirname(entry[0]), [entry]);
    }
    // which findings this commit's tree carries
    const carried = new Set<string>();
    for (const blob of state.values()) for (const id of carriedBy.get(blob) ?? []) carried.add(id);
    for (const id of carried) {
      const sighting = sightings.get(id);
      if (sighting) sighting.commits++;
    }
    if (commit.sha === head) for (const id of carried) (sightings.get(id) as Sighting).inHead = true;
    if ((children.get(commit.sha) ?? 0) > 0) states.set(commit.sha, state);
  };

  try {
    const queue: Queued[] = [];
    for await (const commit of logCommits(top, revisions)) {
      queue.push(await enqueue(commit));
      if (queue.length >= LOOKAHEAD) await lintCommit(queue.shift() as Queued);
    }
    for (const queued of queue) await lintCommit(queued);
  } catch (error) {
    if (error instanceof GitError) throw new ConfigError(`history: ${error.message}`);
    throw error;
  } finally {
    reader.close();
  }
  options.onDebug?.(`history: ${String(commits)} commit(s), ${String(seenBlobs.size)} template file version(s), ${String(linted)} file lint(s), ${String(sightings.size)} finding(s)`);
  const found = [...historyResults(top, [...sightings.values()]), ...notLintedResults(top, [...notLinted.values()])];
  const results = options.baseline ? found.map((result) => withBaseline(result, options.baseline as LoadedBaseline)) : found;
  const remote = gitOutput(top, ["remote", "get-url", "origin"]);
  const uri = remote ? publicRemoteUrl(remote) : null;
  return { results, timings, secretsByFile: new Map(), unmatched: [], unreadableCount: notLinted.size, commits, blobs: seenBlobs.size, top, ...(uri && head ? { repository: { uri, revision: head } } : {}) };
}

/** A file version history could not lint, and where it first appeared. */
interface NotLinted {
  readonly commit: GitCommit;
  readonly order: number;
  readonly path: string;
  readonly reason: string;
  /** Where in the version the problem is (a syntax error); null for the version's start. */
  readonly at: Range | null;
}

/** A file version: its blob as one kind of template file. */
function versionKey(blob: string, path: string): string {
  return `${blob}\0${fileKindOf(path) ?? ""}`;
}

/** One fatal message per version that could not be linted, at the commit that introduced it (exit code 3). */
function notLintedResults(top: string, versions: readonly NotLinted[]): LintResult[] {
  return [...versions]
    .sort((a, b) => a.order - b.order || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((version) => {
      const where = `In commit ${version.commit.sha.slice(0, 12)} (${version.commit.date.slice(0, 10)}) as ${version.path}.`;
      return makeResult(join(top, version.path), [{ ...fatalMessage(`${version.reason}. ${where}`, version.at), messageId: UNREADABLE }]);
    });
}

function withBaseline(result: LintResult, baseline: LoadedBaseline): LintResult {
  const { kept, suppressed } = applyBaseline(baseline, result.filePath, result.messages);
  return makeResult(result.filePath, kept, suppressed);
}

/** One result per (commit, path), oldest commit first; each message says where the mistake began. */
function historyResults(top: string, sightings: readonly Sighting[]): LintResult[] {
  const groups = new Map<string, { sighting: Sighting; messages: LintMessage[] }>();
  for (const sighting of [...sightings].sort((a, b) => a.order - b.order || a.path.localeCompare(b.path))) {
    const key = `${sighting.commit.sha}\0${sighting.path}`;
    const group = groups.get(key) ?? { sighting, messages: [] };
    const info: HistoryInfo = {
      commit: sighting.commit.sha,
      date: sighting.commit.date,
      path: sighting.path,
      commits: sighting.commits,
      inHead: sighting.inHead,
    };
    group.messages.push({ ...sighting.message, message: `${sighting.message.message} ${historyNote(info)}`, history: info });
    groups.set(key, group);
  }
  return [...groups.values()].map(({ sighting, messages }) => makeResult(join(top, sighting.path), messages));
}
