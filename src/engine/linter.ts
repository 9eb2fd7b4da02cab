import { availableParallelism } from "node:os";
import { statSync } from "node:fs";
import { relative } from "node:path";
import { byFolder, discover } from "../discover/discover.js";
import type { LoadedBaseline } from "./baseline.js";
import { folderHash, type LintCache } from "./cache.js";
import type { ResolvedConfig } from "./config.js";
import { type FolderOptions, lintFolders } from "./folders.js";
import { loadArchives } from "./archives.js";
import { type LintMessage, type LintResult, makeResult, nowMs, reportedPath, type Timings, UNREADABLE, withReportedPaths } from "./results.js";

/** The messageId of a file named on the command line that the configuration ignores. */
export const IGNORED = "ignored";

const IGNORED_BY_CONFIG = "File ignored because of a matching ignore pattern (the configuration's ignores). Use --no-warn-ignored to suppress this warning";
const NOT_A_TEMPLATE = "File ignored because it is not a template file (*.tf, *.tf.json, *.tfvars, *.tfvars.json, *.tftpl). Use --no-warn-ignored to suppress this warning";

function ignoredWarning(message: string): LintMessage {
  return {
    ruleId: null,
    severity: 1,
    messageId: IGNORED,
    message,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    nodeType: null,
  };
}
import { lintInWorkers } from "./workers.js";
import { coderPushes } from "../catalog/coder-push.js";

/**
 * The orchestrator: paths -> discovery -> cache -> folders (in this thread or in workers) -> results
 * in folder order. Each stage lives in its own module; this one only wires them.
 */

export interface LintRun {
  readonly results: LintResult[];
  readonly timings: Timings;
  /**
   * Credentials found in files whose messages carry fixes: a fix may re-write a line that holds one,
   * so output formats mask them in fix texts. Never printed.
   */
  readonly secretsByFile: ReadonlyMap<string, readonly string[]>;
  /** Paths given that matched no file (usage error). */
  readonly unmatched: string[];
  /** Some file could not be read or decoded: exit code 3. */
  readonly unreadableCount: number;
}

export interface LintOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly config: ResolvedConfig;
  /** Text to use instead of the file on disk (editors, stdin). */
  readonly overrides?: ReadonlyMap<string, string>;
  readonly onProgress?: (done: number, total: number) => void;
  /** Told what the run does, line by line (`--debug`): files, folders, cache, threads; never file content. */
  readonly onDebug?: (line: string) => void;
  /** Skip what `.gitignore` files ignore in folder scans (default true; `--no-gitignore`). */
  readonly gitignore?: boolean;
  /** Told what a user should know about the run, on stderr (not only under --debug): files linted despite .gitignore, the configuration that turned rules off. */
  readonly onNote?: (line: string) => void;
  /** Discover files from `paths` (default true); false lints the `overrides` only (`--stdin`). */
  readonly discover?: boolean;
  /** Warn about files named on the command line that are ignored or not templates (default true; `--no-warn-ignored`). */
  readonly warnIgnored?: boolean;
  /** Report suppression directives that suppress nothing (`--report-unused-suppressions`). */
  readonly reportUnusedSuppressions?: boolean;
  /** Findings recorded here are suppressed (`--baseline`). */
  readonly baseline?: LoadedBaseline;
  /** Reuse results of unchanged folders (`--cache`). */
  readonly cache?: LintCache;
  /** Worker threads: a number, or "auto" (default: by core count, when there are enough folders). */
  readonly concurrency?: number | "auto";
  /**
   * Told, before the parser is loaded, how much the run will parse: the folders not answered from
   * the cache and the size of their files.
   */
  readonly onPlan?: (plan: LintPlan) => void;
}

export interface LintPlan {
  readonly folders: number;
  readonly files: number;
  readonly bytes: number;
}

/** Bytes in the files to parse; a file that cannot be stat'ed counts as empty (load reports it). */
function planOf(pending: readonly (readonly [string, readonly string[]])[], overrides: ReadonlyMap<string, string> | undefined): LintPlan {
  let files = 0;
  let bytes = 0;
  for (const [, paths] of pending) {
    for (const path of paths) {
      files++;
      const override = overrides?.get(path);
      if (override !== undefined) bytes += override.length;
      else {
        try {
          bytes += statSync(path).size;
        } catch {
          // unreadable: reported when loaded
        }
      }
    }
  }
  return { folders: pending.length, files, bytes };
}

/**
 * Folders are linted in worker threads too when there are enough of them, enough text to parse and
 * more than one core. A worker needs ~150 ms to load the linter and warm its JIT, while one thread
 * now parses and lints about 3 MB a second: measured on the corpus (4 MB, 2 cores), two threads took
 * 1.62 s and one 1.42 s, so below a few megabytes a worker does not repay its start.
 */
const MIN_FOLDERS_FOR_WORKERS = 24;
const MIN_BYTES_FOR_WORKERS = 8 * 1024 * 1024;

/** Threads in all, this one included. */
function threadCount(requested: number | "auto" | undefined, folders: number, bytes: number): number {
  if (requested === undefined || requested === "auto") {
    if (folders < MIN_FOLDERS_FOR_WORKERS || bytes < MIN_BYTES_FOR_WORKERS) return 1;
    return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(folders / 8)));
  }
  return Math.max(1, Math.min(requested, folders));
}

/** Lints files and folders: the whole pipeline, from paths to ESLint-shaped results. */
export async function lint(options: LintOptions): Promise<LintRun> {
  const config = options.config;
  const discoverStart = nowMs();
  const discovery =
    options.discover === false
      ? { files: [], unmatched: [], ignored: [], notTemplates: [], archives: [], listings: new Map<string, readonly string[]>(), pushedThoughIgnored: [] }
      : discover(options.paths, { cwd: options.cwd, ignores: config.ignores, baseDir: config.baseDir, gitignore: options.gitignore ?? true, uploadedByCoder: coderPushes });
  const discoverMs = options.discover === false ? null : nowMs() - discoverStart;
  const debug = options.onDebug;
  // archives named on the command line: their template files are linted from memory, like overrides
  const archived = discovery.archives.length > 0 ? await loadArchives(discovery.archives, config.maxFileSize, debug) : null;
  const overrides = archived ? new Map([...(options.overrides ?? []), ...archived.texts]) : options.overrides;
  const reported = [...new Set([...discovery.files, ...(overrides?.keys() ?? [])])].sort();
  if (debug) {
    debug(`configuration: ${config.configFile ?? "none (defaults)"}; ignores: ${String(config.ignores.length)} pattern(s); max file size: ${String(config.maxFileSize)} bytes`);
    for (const path of reported) debug(`file: ${path}`);
    for (const path of discovery.ignored) debug(`skipped (matches an ignore pattern): ${path}`);
    for (const path of discovery.notTemplates) debug(`skipped (not a template file): ${path}`);
    for (const path of discovery.unmatched) debug(`no file matches: ${path}`);
  }
  if (discovery.pushedThoughIgnored.length > 0) {
    const shown = discovery.pushedThoughIgnored.slice(0, 5).map((path) => relative(options.cwd, path));
    const more = discovery.pushedThoughIgnored.length - shown.length;
    options.onNote?.(
      `linted ${String(discovery.pushedThoughIgnored.length)} file(s) that .gitignore lists but \`coder templates push\` uploads (it does not read .gitignore): ${shown.join(", ")}${more > 0 ? ` and ${String(more)} more` : ""}`,
    );
  }
  // a file named on the command line that the configuration ignores is said to be ignored, as
  // ESLint does: an `ignores: ["**"]` committed to a repository must not make a run pass silently
  const warnIgnored = options.warnIgnored ?? true;
  const ignoredResults = warnIgnored
    ? [
        ...discovery.ignored.filter((path) => !overrides?.has(path)).map((path) => makeResult(path, [ignoredWarning(IGNORED_BY_CONFIG)])),
        ...discovery.notTemplates.map((path) => makeResult(path, [ignoredWarning(NOT_A_TEMPLATE)])),
      ]
    : [];
  const folders = [...byFolder(reported)];
  const byDir = new Map<string, LintResult[]>();
  const cacheableDirs = new Set<string>();
  const dependenciesByDir = new Map<string, readonly string[]>();
  let unreadableCount = 0;
  const pending: [string, string[]][] = [];
  for (const [dir, files] of folders) {
    // an archive's folders are not on disk: the cache, keyed by folder content on disk, skips them
    // the cache's key covers the module folders that the folder's last analysis loaded
    const cache = options.cache && !options.baseline && !archived?.texts.has(files[0] ?? "") ? options.cache : null;
    if (cache) cacheableDirs.add(dir);
    const dependencies = cache?.dependenciesOf(dir) ?? null;
    const cached = cache && dependencies ? cache.get(dir, folderHash(dir, config.maxFileSize, overrides, dependencies), files) : null;
    if (cached) {
      debug?.(`from the cache: ${dir}`);
      byDir.set(dir, cached);
      unreadableCount += cached.filter((r) => r.messages.some((m) => m.messageId === UNREADABLE)).length;
    } else pending.push([dir, files]);
  }
  // tree-sitter is loaded by lintFolders, and only when a folder is left to parse
  const plan = planOf(pending, overrides);
  options.onPlan?.(plan);
  let done = folders.length - pending.length;
  const onFolder = (dir: string, results: LintResult[], dependencies: readonly string[]): void => {
    byDir.set(dir, results);
    dependenciesByDir.set(dir, dependencies);
    done++;
    options.onProgress?.(done, folders.length);
  };
  const folderOptions: FolderOptions = {
    config,
    ...(debug ? { onDebug: debug } : {}),
    listings: discovery.listings,
    ...(overrides ? { overrides } : {}),
    ...(options.reportUnusedSuppressions ? { reportUnusedSuppressions: true } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
  };
  // the baseline's counters and editor overrides live in this thread: lint those runs here
  const threads = options.baseline || overrides ? 1 : threadCount(options.concurrency, pending.length, plan.bytes);
  debug?.(`linting ${String(pending.length)} folder(s), ${String(plan.files)} file(s), ${String(plan.bytes)} bytes, in ${String(threads)} thread(s)`);
  const run = threads > 1 ? await lintInWorkers(pending, folderOptions, threads, onFolder) : await lintFolders(pending, folderOptions, onFolder);
  if (discoverMs !== null) run.timings.set("discover", (run.timings.get("discover") ?? 0) + discoverMs);
  unreadableCount += run.unreadableCount + (archived?.unreadableCount ?? 0);
  const results: LintResult[] = [];
  const linted = new Set(pending.map(([dir]) => dir));
  for (const [dir] of folders) {
    const folderResults = byDir.get(dir) ?? [];
    for (const result of folderResults) results.push(result);
    const dependencies = dependenciesByDir.get(dir) ?? [];
    if (cacheableDirs.has(dir) && linted.has(dir)) {
      options.cache?.set(dir, folderHash(dir, config.maxFileSize, overrides, dependencies), dependencies, folderResults, (path) => run.secretsByFile.get(path) ?? []);
    }
  }
  options.cache?.save();
  for (const result of ignoredResults) results.push(result);
  if (!archived) return { results, timings: run.timings, secretsByFile: run.secretsByFile, unmatched: discovery.unmatched, unreadableCount };
  // an archive's notices about a file that was linted join that file's result (one result per file)
  const byPath = new Map(results.map((result, index) => [result.filePath, index]));
  for (const result of archived.results) {
    const at = byPath.get(result.filePath);
    const linted = at === undefined ? undefined : results[at];
    if (at === undefined || !linted) results.push(result);
    else results[at] = makeResult(linted.filePath, [...result.messages, ...linted.messages], linted.suppressedMessages);
  }
  const secretsByFile = new Map([...run.secretsByFile].map(([path, secrets]) => [reportedPath(path), secrets]));
  return { results: results.map(withReportedPaths), timings: run.timings, secretsByFile, unmatched: discovery.unmatched, unreadableCount };
}
