import { availableParallelism } from "node:os";
import { statSync } from "node:fs";
import { dirname } from "node:path";
import { Catalog } from "../catalog/index.js";
import { byFolder, discover, moduleFiles } from "../discover/discover.js";
import { findCredentials } from "../detectors/credentials.js";
import { redact } from "../detectors/mask.js";
import { initTreeSitter } from "../hcl/tree-sitter.js";
import { localModuleCalls, Module } from "../model/module.js";
import { formatMessage, type Report } from "../model/rule.js";
import type { HclFile, Range } from "../model/types.js";
import { ModuleAnalysis } from "../taint/analysis.js";
import { describeTrace } from "../taint/types.js";
import type { ResolvedConfig } from "./config.js";
import { loadFile, type LoadedFile } from "./load.js";
import { applyBaseline, type LoadedBaseline } from "./baseline.js";
import { folderHash, type LintCache } from "./cache.js";
import { lintInWorkers } from "./workers.js";
import { RULES } from "./registry.js";
import { applyDirectives, codeBefore, parseDirectives, type SuppressedMessage, unusedDirectiveMessages } from "./suppressions.js";

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
}

/** Milliseconds spent per phase: `parse`, `analysis` and one entry per rule (as ESLint's TIMING). */
export type Timings = Map<string, number>;

function timed<T>(timings: Timings | undefined, key: string, work: () => T): T {
  if (!timings) return work();
  const start = performance.now();
  try {
    return work();
  } finally {
    timings.set(key, (timings.get(key) ?? 0) + performance.now() - start);
  }
}

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
  /** Report suppression directives that suppress nothing (`--report-unused-suppressions`). */
  readonly reportUnusedSuppressions?: boolean;
  /** Findings recorded here are suppressed (`--baseline`). */
  readonly baseline?: LoadedBaseline;
  /** Reuse results of unchanged folders (`--cache`). */
  readonly cache?: LintCache;
  /** Worker threads: a number, or "auto" (default: by core count, when there are enough folders). */
  readonly concurrency?: number | "auto";
  /**
   * Told, before tree-sitter is loaded, how much the run will parse: the folders not answered from
   * the cache and the size of their files. The CLI picks a WebAssembly compile policy from it.
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

function rangeFields(range: Range): Pick<LintMessage, "line" | "column" | "endLine" | "endColumn"> {
  return { line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

export function buildCatalog(config: ResolvedConfig): Catalog {
  const catalog = new Catalog();
  catalog.addAttributes(config.sensitiveAttributes);
  for (const schema of config.providerSchemas) catalog.addProviderSchemaFile(schema);
  return catalog;
}

/**
 * Files of local child modules kept from one folder to the next: a module that many templates call
 * (`source = "../modules/common"`) is parsed once per thread, not once per calling template. The
 * oldest entries go first past MAX_SHARED_FILES, so memory stays bounded.
 */
const MAX_SHARED_FILES = 256;

/** Loads folders as modules, once each, linking local child modules. */
class ModuleLoader {
  private readonly files = new Map<string, Promise<LoadedFile>>();
  private readonly modules = new Map<string, Promise<Module>>();
  /** Parsed files of child modules, oldest first (a Map keeps insertion order). */
  private readonly shared = new Map<string, Promise<LoadedFile>>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly overrides: ReadonlyMap<string, string> | undefined,
    private readonly timings: Timings,
  ) {}

  file(path: string, asChildModule = false): Promise<LoadedFile> {
    let loaded = this.files.get(path);
    if (!loaded) {
      const override = this.overrides?.get(path);
      loaded = this.shared.get(path) ?? timed(this.timings, "read+parse", () => loadFile(path, this.config.maxFileSize, override));
      this.files.set(path, loaded);
    }
    if (asChildModule) this.keepShared(path, loaded);
    return loaded;
  }

  /** Marks a child-module file most recently used, dropping the oldest past MAX_SHARED_FILES. */
  private keepShared(path: string, loaded: Promise<LoadedFile>): void {
    this.shared.delete(path);
    this.shared.set(path, loaded);
    for (const oldest of this.shared.keys()) {
      if (this.shared.size <= MAX_SHARED_FILES) break;
      this.shared.delete(oldest);
    }
  }

  /** Forgets parsed files and modules: a long run keeps only the folder being linted, and the shared child-module files, in memory. */
  release(): void {
    this.files.clear();
    this.modules.clear();
  }

  module(dir: string, chain: readonly string[] = []): Promise<Module> {
    let module = this.modules.get(dir);
    if (!module) {
      module = this.build(dir, chain);
      this.modules.set(dir, module);
    }
    return module;
  }

  private async build(dir: string, chain: readonly string[]): Promise<Module> {
    const paths = new Set(moduleFiles(dir));
    for (const path of this.overrides?.keys() ?? []) if (dirname(path) === dir) paths.add(path);
    const loaded = await Promise.all([...paths].sort().map((p) => this.file(p, chain.length > 0)));
    // files with syntax errors take no part in the analysis: their model may be partial
    const usable = loaded.flatMap((l) => (l.ok && l.file.syntaxErrors.length === 0 ? [l.file] : []));
    const module = new Module(dir, usable);
    for (const call of localModuleCalls(module, chain)) module.children.set(call.name, await this.module(call.dir, [...chain, dir]));
    return module;
  }
}

function fatalMessage(message: string, range: Range | null): LintMessage {
  return {
    ruleId: null,
    severity: 2,
    fatal: true,
    message,
    nodeType: null,
    ...(range ? rangeFields(range) : { line: 1, column: 1, endLine: 1, endColumn: 1 }),
  };
}

function toMessage(report: Report, ruleId: string, configured: 1 | 2, template: string): LintMessage {
  const trace = report.trace;
  const fix = report.fix;
  return {
    ruleId,
    severity: report.escalate ? 2 : configured,
    message: formatMessage(template, report.data),
    messageId: report.messageId,
    nodeType: null,
    ...rangeFields(report.range),
    ...(fix ? { fix: { range: [fix.range.start.offset, fix.range.end.offset] as const, text: fix.text } } : {}),
    ...(trace
      ? {
          trace: {
            path: describeTrace(trace),
            steps: [
              { label: trace.source.id, filePath: trace.source.file, ...rangeFields(trace.source.range) },
              ...trace.hops.map((h) => ({ label: h.label, filePath: h.file, ...rangeFields(h.range) })),
              { label: ruleId, filePath: report.file, ...rangeFields(report.range) },
            ],
          },
        }
      : {}),
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

export function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || (a.ruleId ?? "").localeCompare(b.ruleId ?? "") || a.message.localeCompare(b.message);
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

/** Runs the rules of one module and returns their reports by file. */
export function runRules(module: Module, catalog: Catalog, config: ResolvedConfig, timings?: Timings): Map<string, LintMessage[]> {
  const byFile = new Map<string, LintMessage[]>();
  const active = RULES.filter((r) => config.rules[r.meta.id]?.severity !== "off");
  if (active.length === 0 || module.files.length === 0) return byFile;
  const analysis = timed(timings, "analysis", () => new ModuleAnalysis(module, catalog));
  for (const rule of active) {
    const setting = config.rules[rule.meta.id];
    const severity = setting?.severity === "warn" ? 1 : 2;
    timed(timings, rule.meta.id, () => {
      try {
        rule.check({
        module,
        analysis,
        options: setting?.options ?? {},
        report(report) {
          const template = rule.meta.messages[report.messageId] ?? report.messageId;
          const list = byFile.get(report.file) ?? [];
          list.push(toMessage(report, rule.meta.id, severity, template));
          byFile.set(report.file, list);
        },
      });
      } catch (error) {
        // one rule failing on one module must not stop the run: say so on the module's files
        const reason = error instanceof Error ? error.message : String(error);
        for (const file of module.files) {
          const list = byFile.get(file.path) ?? [];
          list.push(fatalMessage(`Internal error in rule ${rule.meta.id}: ${reason.slice(0, 200)}`, null));
          byFile.set(file.path, list);
        }
      }
    });
  }
  return byFile;
}

const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));

/** The messageId of a file that could not be linted at all (exit code 3). */
export const UNREADABLE = "unreadable";

/** A file's findings after suppression directives and the baseline, plus its syntax errors. */
function fileResult(file: HclFile, ruleMessages: readonly LintMessage[], options: FolderOptions): LintResult {
  const { directives, problems } = parseDirectives(file.comments, RULE_IDS, (c) => codeBefore(file.text, c.range.start.offset));
  const byDirective = applyDirectives(ruleMessages, directives);
  let kept = byDirective.kept;
  const suppressed = byDirective.suppressed;
  if (options.baseline) {
    const byBaseline = applyBaseline(options.baseline, file.path, file.text, kept);
    kept = byBaseline.kept;
    suppressed.push(...byBaseline.suppressed);
  }
  const messages = [
    ...file.syntaxErrors.map((e) => fatalMessage(`Parsing error: ${e.message}`, e.range)),
    ...kept,
    ...problems,
    ...(options.reportUnusedSuppressions ? unusedDirectiveMessages(directives) : []),
  ];
  return makeResult(file.path, messages, suppressed.sort(compareMessages));
}

/** What linting a set of folders yields: results in folder order, plus timings and secrets. */
export interface FolderRun {
  readonly results: LintResult[];
  readonly timings: Timings;
  readonly secretsByFile: Map<string, readonly string[]>;
  readonly unreadableCount: number;
}

export interface FolderOptions {
  readonly config: ResolvedConfig;
  readonly overrides?: ReadonlyMap<string, string>;
  readonly reportUnusedSuppressions?: boolean;
  readonly baseline?: LoadedBaseline;
}

/** Hands out the index of the next folder to lint, or -1 when none is left. */
export type FolderClaim = () => number;

/** A claim that takes the folders in order, one after another: the single-threaded run. */
export function inOrder(count: number): FolderClaim {
  let next = 0;
  return () => (next < count ? next++ : -1);
}

/**
 * Lints folders (each with the files to report): the work a worker thread does too. `claim` says
 * which folder is next; threads that share a claim split the folders between them as they go.
 */
export async function lintFolders(
  folders: readonly (readonly [string, readonly string[]])[],
  options: FolderOptions,
  onFolder?: (dir: string, results: LintResult[]) => void,
  claim: FolderClaim = inOrder(folders.length),
): Promise<FolderRun> {
  if (folders.length > 0) await initTreeSitter();
  const config = options.config;
  const catalog = buildCatalog(config);
  const timings: Timings = new Map();
  const secretsByFile = new Map<string, readonly string[]>();
  const loader = new ModuleLoader(config, options.overrides, timings);
  const results: LintResult[] = [];
  let unreadableCount = 0;
  for (let index = claim(); index >= 0; index = claim()) {
    const folder = folders[index];
    if (!folder) break;
    const [dir, files] = folder;
    const folderResults: LintResult[] = [];
    const module = await loader.module(dir);
    const messages = runRules(module, catalog, config, timings);
    for (const path of files) {
      const loaded = await loader.file(path);
      if (loaded.ok) {
        const result = fileResult(loaded.file, messages.get(path) ?? [], options);
        if (result.messages.some((m) => m.fix)) secretsByFile.set(path, findCredentials(loaded.file).map((c) => c.secret));
        folderResults.push(result);
      } else {
        unreadableCount++;
        folderResults.push(makeResult(path, [{ ...fatalMessage(loaded.unreadable.message, null), messageId: UNREADABLE }]));
      }
    }
    loader.release();
    results.push(...folderResults);
    onFolder?.(dir, folderResults);
  }
  return { results, timings, secretsByFile, unreadableCount };
}

/**
 * Folders are linted in worker threads too when there are enough of them and more than one core: a
 * worker needs ~200 ms to load the linter and compile tree-sitter, which a few folders do not repay.
 */
const MIN_FOLDERS_FOR_WORKERS = 24;

/** Threads in all, this one included. */
function threadCount(requested: number | "auto" | undefined, folders: number): number {
  if (requested === undefined || requested === "auto") {
    if (folders < MIN_FOLDERS_FOR_WORKERS) return 1;
    return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(folders / 8)));
  }
  return Math.max(1, Math.min(requested, folders));
}

/** Lints files and folders: the whole pipeline, from paths to ESLint-shaped results. */
export async function lint(options: LintOptions): Promise<LintRun> {
  const config = options.config;
  const discovery = discover(options.paths, { cwd: options.cwd, ignores: config.ignores, baseDir: config.baseDir });
  const reported = [...new Set([...discovery.files, ...(options.overrides?.keys() ?? [])])].sort();
  const folders = [...byFolder(reported)];
  const byDir = new Map<string, LintResult[]>();
  const hashes = new Map<string, string>();
  let unreadableCount = 0;
  const pending: [string, string[]][] = [];
  for (const [dir, files] of folders) {
    const hash = options.cache && !options.baseline ? folderHash(dir, options.overrides) : null;
    const cached = hash ? options.cache?.get(dir, hash, files) : null;
    if (hash) hashes.set(dir, hash);
    if (cached) {
      byDir.set(dir, cached);
      unreadableCount += cached.filter((r) => r.messages.some((m) => m.messageId === UNREADABLE)).length;
    } else pending.push([dir, files]);
  }
  // tree-sitter is loaded by lintFolders, and only when a folder is left to parse
  options.onPlan?.(planOf(pending, options.overrides));
  let done = folders.length - pending.length;
  const onFolder = (dir: string, results: LintResult[]): void => {
    byDir.set(dir, results);
    done++;
    options.onProgress?.(done, folders.length);
  };
  const folderOptions: FolderOptions = {
    config,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.reportUnusedSuppressions ? { reportUnusedSuppressions: true } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
  };
  // the baseline's counters and editor overrides live in this thread: lint those runs here
  const threads = options.baseline || options.overrides ? 1 : threadCount(options.concurrency, pending.length);
  const run = threads > 1 ? await lintInWorkers(pending, folderOptions, threads, onFolder) : await lintFolders(pending, folderOptions, onFolder);
  unreadableCount += run.unreadableCount;
  const results: LintResult[] = [];
  const linted = new Set(pending.map(([dir]) => dir));
  for (const [dir] of folders) {
    const folderResults = byDir.get(dir) ?? [];
    results.push(...folderResults);
    const hash = hashes.get(dir);
    if (hash && linted.has(dir)) options.cache?.set(dir, hash, folderResults, (path) => run.secretsByFile.get(path) ?? []);
  }
  options.cache?.save();
  return { results, timings: run.timings, secretsByFile: run.secretsByFile, unmatched: discovery.unmatched, unreadableCount };
}
