import { findCredentials } from "../detectors/credentials.js";
import { redact } from "../detectors/mask.js";
import type { HclFile } from "../model/types.js";
import type { Module } from "../model/module.js";
import { applyBaseline, type LoadedBaseline } from "./baseline.js";
import type { ResolvedConfig } from "./config.js";
import { createHeapKeeper } from "./heap.js";
import { loadedFileFindings } from "./loaded-files.js";
import { ModuleLoader } from "./module-loader.js";
import { RULES } from "./registry.js";
import { compareMessages, fatalMessage, type LintMessage, type LintResult, makeResult, timed, type Timings, UNREADABLE } from "./results.js";
import { buildCatalog, moduleCallResolutions, runRules, unparsedFileMessages } from "./run-rules.js";
import { applyDirectives, codeBefore, mayHoldDirective, type ParsedDirectives, parseDirectives, unusedDirectiveMessages } from "./suppressions.js";

const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));
const NO_DIRECTIVES: ParsedDirectives = Object.freeze({ directives: [], problems: [] });

/** A file's findings after suppression directives and the baseline, plus its syntax errors. */
export function fileResult(file: HclFile, ruleMessages: readonly LintMessage[], options: FolderOptions): LintResult {
  // a file that spells no directive anywhere has none (most files): its comments are not read
  const { directives, problems } =
    options.config.inlineConfig && mayHoldDirective(file.text)
      ? parseDirectives(file.comments, RULE_IDS, (c) => codeBefore(file.text, c.range.start.offset), options.config.allowBareEslintDirectives)
      : NO_DIRECTIVES;
  const byDirective = applyDirectives(ruleMessages, directives);
  let kept = byDirective.kept;
  const suppressed = byDirective.suppressed;
  if (options.baseline) {
    const byBaseline = applyBaseline(options.baseline, file.path, kept);
    kept = byBaseline.kept;
    for (const message of byBaseline.suppressed) suppressed.push(message);
  }
  const directiveMessages = [...problems, ...(options.reportUnusedSuppressions ? unusedDirectiveMessages(directives) : [])];
  const secrets = directives.length > 0 || problems.length > 0 ? findCredentials(file).map((c) => c.secret) : [];
  const messages = [
    ...file.syntaxErrors.map((e) => fatalMessage(`Parsing error: ${e.message}`, e.range)),
    ...kept,
    // messages about directives quote the comment they are in (rule ids, reasons)
    ...directiveMessages.map((m) => (secrets.length > 0 ? { ...m, message: redact(m.message, secrets) } : m)),
  ];
  // a suppression's justification is its reason as written: a credential typed there is masked
  const maskedSuppressed = secrets.length === 0 ? suppressed : suppressed.map((m) => ({ ...m, suppressions: m.suppressions.map((s) => ({ ...s, justification: redact(s.justification, secrets) })) }));
  return makeResult(file.path, messages, maskedSuppressed.sort(compareMessages));
}

/** The folders of the local child modules a module loaded, transitively (the cache's key covers them). */
export function moduleDependencies(module: Module): string[] {
  const dirs = new Set<string>();
  const stack = [...module.children.values()];
  for (let child = stack.pop(); child; child = stack.pop()) {
    if (dirs.has(child.dir) || child.dir === module.dir) continue;
    dirs.add(child.dir);
    stack.push(...child.children.values());
  }
  return [...dirs].sort();
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
  /** Folders already read by discovery, with their template files (see Discovery.listings). */
  readonly listings?: ReadonlyMap<string, readonly string[]>;
  /** `--debug`: how each module call resolved (this thread only: a function does not cross to a worker). */
  readonly onDebug?: (line: string) => void;
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
  onFolder?: (dir: string, results: LintResult[], dependencies: readonly string[]) => void,
  claim: FolderClaim = inOrder(folders.length),
): Promise<FolderRun> {
  const config = options.config;
  const catalog = buildCatalog(config);
  const timings: Timings = new Map();
  const secretsByFile = new Map<string, readonly string[]>();
  const loader = new ModuleLoader(config, options.overrides, timings, options.listings);
  const results: LintResult[] = [];
  const keepHeap = createHeapKeeper();
  let unreadableCount = 0;
  const loadedSeen = new Set<string>();
  for (let index = claim(); index >= 0; index = claim()) {
    const folder = folders[index];
    if (!folder) break;
    const [dir, files] = folder;
    const folderResults: LintResult[] = [];
    const module = await loader.module(dir);
    const messages = runRules(module, catalog, config, timings);
    if (options.onDebug) for (const line of moduleCallResolutions(module)) options.onDebug(line);
    for (const path of files) {
      const loaded = await loader.file(path);
      if (loaded.ok) {
        // a file that does not parse is not in the module: its credentials are still reported
        const fileMessages = loaded.file.syntaxErrors.length > 0 ? unparsedFileMessages(loaded.file, config) : (messages.get(path) ?? []);
        const result = timed(timings, "suppressions", () => fileResult(loaded.file, fileMessages, options));
        if (result.messages.some((m) => m.fix)) secretsByFile.set(path, findCredentials(loaded.file).map((c) => c.secret));
        folderResults.push(result);
      } else {
        unreadableCount++;
        folderResults.push(makeResult(path, [{ ...fatalMessage(loaded.unreadable.message, null), messageId: UNREADABLE }]));
      }
    }
    // files the module loads (templatefile(), file()): shipped with the template, scanned like it
    const loaded = timed(timings, "loaded-files", () => loadedFileFindings(module, config, loadedSeen));
    for (const { file, messages } of loaded.files) folderResults.push(fileResult(file, messages, options));
    for (const [path, notes] of loaded.notes) {
      const at = folderResults.findIndex((r) => r.filePath === path);
      const result = folderResults[at];
      if (result) folderResults[at] = makeResult(result.filePath, [...result.messages, ...notes], result.suppressedMessages);
    }
    loader.release();
    timed(timings, "heap-collection", keepHeap);
    for (const result of folderResults) results.push(result);
    onFolder?.(dir, folderResults, [...moduleDependencies(module), ...loaded.read]);
  }
  return { results, timings, secretsByFile, unreadableCount };
}

