import { statSync } from "node:fs";
import { dirname } from "node:path";
import type { Catalog } from "../catalog/index.js";
import { moduleFiles } from "../discover/discover.js";
import { fileKindOf, ModelTooLargeError, parseWithinLimits } from "../hcl/parse.js";
import { localModuleCalls, Module } from "../model/module.js";
import type { Comment, HclFile } from "../model/types.js";
import { formatMessage, type Report, type Rule } from "../rule-api/rule.js";
import { ModuleAnalysis } from "../taint/analysis.js";
import { resolveConfig } from "./config.js";
import { readTemplate } from "./load.js";
import { type FoldedReport, foldNote, foldReports, type RuleReport } from "./fold.js";
import { RULES } from "./registry.js";
import { checkRule } from "./check-rule.js";
import { buildCatalog, calledModules } from "./run-rules.js";
import { ALL_SINKS_ON, moduleCallReports } from "./module-calls.js";
import { readModulesJson } from "./module-loader.js";

/**
 * What an editor front end (the ESLint plugin) needs from the engine: parse one text synchronously,
 * and run one rule on it with its folder as context. Sibling files come from disk (the editor has
 * only the current one) and are re-read when they change.
 */
export type { Comment, HclFile };

const MAX_FILE_SIZE = 4 * 1024 * 1024;

export type EditorParse =
  | { readonly ok: true; readonly file: HclFile }
  | { readonly ok: false; readonly error: { readonly message: string; readonly line: number; readonly column: number } };

/**
 * Parses the text of `path` (absolute) synchronously, as the CLI does: a syntax error has the same
 * message and position in both.
 */
export function parseForEditor(path: string, text: string): EditorParse {
  const kind = fileKindOf(path) ?? "tf";
  const parsed = parseWithinLimits(path, text, kind);
  if (parsed instanceof ModelTooLargeError) return { ok: false, error: { message: parsed.message, line: 1, column: 1 } };
  const error = parsed.syntaxErrors[0];
  if (error) return { ok: false, error: { message: error.message, line: error.range.start.line, column: error.range.start.column } };
  return { ok: true, file: parsed };
}

const siblingCache = new Map<string, { stamp: string; file: HclFile | null }>();

function siblingFile(path: string): HclFile | null {
  const kind = fileKindOf(path);
  if (!kind) return null;
  let stamp: string;
  try {
    const stat = statSync(path);
    stamp = `${String(stat.mtimeMs)}:${String(stat.size)}`;
  } catch {
    return null;
  }
  const cached = siblingCache.get(path);
  if (cached?.stamp === stamp) return cached.file;
  const read = readTemplate(path, MAX_FILE_SIZE);
  const file = "text" in read ? parseWithinLimits(path, read.text, kind) : null;
  const usable = file && !(file instanceof ModelTooLargeError) && file.syntaxErrors.length === 0 ? file : null;
  siblingCache.set(path, { stamp, file: usable });
  return usable;
}

function buildModule(dir: string, current: HclFile | null, chain: readonly string[], key = ""): Module {
  const files: HclFile[] = [];
  for (const path of moduleFiles(dir)) {
    if (current && path === current.path) continue;
    const file = siblingFile(path);
    if (file) files.push(file);
  }
  if (current) files.push(current);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const module = new Module(dir, files);
  for (const call of localModuleCalls(module, chain)) module.children.set(call.name, buildModule(call.dir, null, [...chain, dir]));
  // modules terraform init downloaded, as the CLI follows them (engine/module-loader.ts)
  const downloaded = readModulesJson(chain[0] ?? dir);
  for (const call of module.blocks("module")) {
    const name = call.node.labels[0] ?? "";
    const callKey = key === "" ? name : `${key}.${name}`;
    const target = downloaded.get(callKey);
    if (module.children.has(name) || !target || target === dir || chain.includes(target)) continue;
    module.children.set(name, buildModule(target, null, [...chain, dir], callKey));
  }
  return module;
}

const catalogs = new Map<string, Catalog>();

function catalogFor(dir: string): Catalog {
  const config = resolveConfig({ cwd: dir });
  const key = config.configFile ?? "(none)";
  let catalog = catalogs.get(key);
  if (!catalog) {
    catalog = buildCatalog(config);
    catalogs.set(key, catalog);
  }
  return catalog;
}

/** One analysis per linted file, shared by all rules (the editor runs them one after another). */
const analyses = new WeakMap<HclFile, { module: Module; analysis: ModuleAnalysis }>();

function analysisFor(file: HclFile): { module: Module; analysis: ModuleAnalysis } {
  let entry = analyses.get(file);
  if (!entry) {
    const dir = dirname(file.path);
    const module = buildModule(dir, file, []);
    entry = { module, analysis: new ModuleAnalysis(module, catalogFor(dir)) };
    analyses.set(file, entry);
  }
  return entry;
}

/**
 * Every rule's reports on one file's module, folded as the CLI folds them (each mistake once), by
 * whether a secret parameter's downstream findings fold into its no-secret-parameters finding.
 */
const foldedReports = { intoParameters: new WeakMap<HclFile, FoldedReport[]>(), apart: new WeakMap<HclFile, FoldedReport[]>() };

export interface EditorOptions {
  /**
   * List a secret parameter's downstream findings in its no-secret-parameters finding (the default,
   * as the CLI does while that rule is on); they are findings of their own either way. An editor
   * cannot see which rules its configuration turns off: with no-secret-parameters off, set this to
   * false.
   */
  readonly foldIntoParameters?: boolean;
}

function foldedFor(file: HclFile, options: EditorOptions): FoldedReport[] {
  const intoParameters = options.foldIntoParameters ?? true;
  const cache = intoParameters ? foldedReports.intoParameters : foldedReports.apart;
  let folded = cache.get(file);
  if (!folded) {
    const { module, analysis } = analysisFor(file);
    const reports: RuleReport[] = [];
    // .tftpl files are text: only literal credentials can be found in them
    const rules = file.kind === "tftpl" ? RULES.filter((r) => r.meta.id === "no-hardcoded-credentials") : RULES;
    for (const rule of rules) checkRule(rule, module, analysis, {}, 2, reports);
    // secrets passed to local and registry modules, as the CLI reports them (the catalog needs no I/O)
    if (file.kind !== "tftpl" && module.blocks("module").length > 0) reports.push(...moduleCallReports(module, analysis, ALL_SINKS_ON, calledModules(module, analysis.catalog)));
    folded = foldReports(reports, intoParameters);
    cache.set(file, folded);
  }
  return folded;
}

/**
 * Runs `rule` on `file` with its folder as context; `report` gets the findings in `file` only, with
 * the full message when a finding folds others in (repeats, a root cause's downstream findings).
 */
export function checkFile(rule: Rule, file: HclFile, report: (report: Report, foldedMessage?: string) => void, options: EditorOptions = {}): void {
  for (const item of foldedFor(file, options)) {
    // a module is one scope, but a rule reports only in the file being linted
    if (item.ruleId !== rule.meta.id || item.report.file !== file.path) continue;
    const note = foldNote(item);
    report(item.report, note ? `${formatMessage(item.template, item.report.data)} ${note}` : undefined);
  }
}
