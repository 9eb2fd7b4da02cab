import { type Dirent, existsSync, readdirSync, realpathSync } from "node:fs";
import { GlobError, globMatcher } from "../discover/glob.js";
import { fileKindOf, ModelTooLargeError, parseWithinLimits } from "../hcl/parse.js";
import type { ResolvedConfig } from "./config.js";
import { readTemplate } from "./load.js";
import { type LintMessage, noticeMessage, rangeFields } from "./results.js";
import { isWithin } from "./safe-write.js";
import { unparsedFileMessages } from "./run-rules.js";
import { join, relative, resolve, sep } from "node:path";
import { type Module, subExpressions } from "../model/module.js";
import { endOffsetOf, startOffsetOf } from "../model/positions.js";
import type { Body, Expr, HclFile, Range } from "../model/types.js";

/**
 * Files a template loads: `file()`, `templatefile()` and `filebase64()` of a path the template
 * spells out, and the files a `fileset()` pattern matches (`"${path.module}/scripts/start.sh"`, `"./start.sh"`). Their text is pushed with the
 * template and kept in every template version like the `.tf` itself (a `data "template_file"`'s
 * `template = file(...)` is one of these calls), so a credential typed there is a finding, in that
 * file, with the call as a related location.
 */

/** Functions whose first argument is a file the template ships. */
const LOADING_FUNCTIONS = new Set(["file", "templatefile", "filebase64", "fileset"]);

/** The most files one fileset() call is followed to (a pattern over a large tree is bounded). */
const MAX_FILESET_FILES = 256;

/** Files below `dir` whose path relative to it matches `pattern` (Terraform's fileset), at most MAX_FILESET_FILES, no links followed. */
export function filesetMatches(dir: string, pattern: string): string[] {
  let matches: (path: string) => boolean;
  try {
    matches = globMatcher(pattern);
  } catch (error) {
    if (error instanceof GlobError) return [];
    throw error;
  }
  const found: string[] = [];
  const folders = [dir];
  let visited = 0;
  for (let folder = folders.pop(); folder !== undefined && visited < 4096; folder = folders.pop()) {
    visited++;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile() && matches(relative(dir, path).split(sep).join("/"))) {
        found.push(path);
        if (found.length >= MAX_FILESET_FILES) return found.sort();
      }
    }
  }
  return found.sort();
}

/**
 * Where a loading function may be called in a text: each `file(`, `filebase64(` and `fileset(`
 * (`templatefile(` contains `file(`). A native search, not a pattern tried at every position of 4 MB of
 * templates; the walk then checks the call's name exactly.
 */
function loadingCallOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf("file", 0); at !== -1; at = text.indexOf("file", at + 4)) {
    const next = text.charCodeAt(at + 4);
    if (next === 40 /* ( */ || (next === 98 /* b */ && text.startsWith("base64(", at + 4)) || (next === 115 /* s */ && text.startsWith("set(", at + 4))) offsets.push(at);
  }
  return offsets;
}

export interface LoadCall {
  /** The file the call names, resolved. */
  readonly path: string;
  /** Where the call is written. */
  readonly file: string;
  readonly range: Range;
  /** The name written in the call, for messages. */
  readonly written: string;
  /** The function that loads it (file, templatefile, filebase64). */
  readonly loader: string;
}

/** A path argument the template spells out: literal text and `path.module` / `path.root` (the module's folder). */
function staticPath(expr: Expr, moduleDir: string): string | null {
  if (expr.kind === "literal") return typeof expr.value === "string" ? expr.value : null;
  if (expr.kind !== "template") return null;
  let text = "";
  for (const part of expr.parts) {
    if (part.kind === "literal") text += part.value;
    else if (part.kind === "interpolation" && part.expr.kind === "traversal" && part.expr.root === "path") {
      const step = part.expr.steps[0];
      const name = step?.kind === "attr" ? step.name : null;
      if (name !== "module" && name !== "root") return null;
      text += moduleDir;
    } else return null;
  }
  return text;
}

/** The values of the attributes (nested blocks included) whose text holds one of `offsets`: iterative, depth never becomes stack depth. */
function attributeValuesAround(body: Body, offsets: readonly number[]): Expr[] {
  const holds = (range: Range): boolean => offsets.some((at) => at >= startOffsetOf(range) && at < endOffsetOf(range));
  const values: Expr[] = [];
  const bodies: Body[] = [body];
  for (let current = bodies.pop(); current; current = bodies.pop()) {
    for (const item of current.items) {
      if (!holds(item.range)) continue;
      if (item.kind === "attribute") values.push(item.value);
      else bodies.push(item.body);
    }
  }
  return values;
}

/** Every loading call of a module whose path is spelled out, in source order. */
export function loadCalls(module: Module): LoadCall[] {
  const calls: LoadCall[] = [];
  for (const file of module.files) {
    // most files load nothing, and most blocks of those that do: only the blocks around a match are walked
    const offsets = loadingCallOffsets(file.text);
    if (offsets.length === 0) continue;
    for (const expr of attributeValuesAround(file.body, offsets)) {
      for (const sub of subExpressions(expr)) {
        if (sub.kind !== "call" || !LOADING_FUNCTIONS.has(sub.name)) continue;
        const first = sub.args[0];
        const written = first ? staticPath(first, module.dir) : null;
        if (written === null || written === "") continue;
        const shown = (path: string): string => (path.startsWith(module.dir) ? path.slice(module.dir.length + 1) : path);
        if (sub.name !== "fileset") {
          calls.push({ path: resolve(module.dir, written), file: file.path, range: sub.range, written: shown(written), loader: sub.name });
          continue;
        }
        // fileset(dir, pattern): every file the pattern matches, each loaded by this call
        const pattern = sub.args[1] ? staticPath(sub.args[1], module.dir) : null;
        if (pattern === null) continue;
        for (const path of filesetMatches(resolve(module.dir, written), pattern)) calls.push({ path, file: file.path, range: sub.range, written: shown(path), loader: sub.name });
      }
    }
  }
  // in source order (the walk is a stack)
  return calls.sort((a, b) => (a.file === b.file ? startOffsetOf(a.range) - startOffsetOf(b.range) : a.file < b.file ? -1 : 1));
}

/** A path with its links resolved, or null when it cannot be resolved. */
function realPathOf(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** A loaded file's findings and the notes for calls that could not be followed. */
export interface LoadedFileFindings {
  /** Loaded files with their findings (a file loaded twice is reported once): the caller applies suppressions. */
  readonly files: { readonly file: HclFile; readonly messages: LintMessage[] }[];
  /** Notes at calls whose file leaves the template's folder (not read). */
  readonly notes: Map<string, LintMessage[]>;
  /** Files read (the cache's key covers them). */
  readonly read: string[];
}

/**
 * Reads the files a module loads (within `maxFileSize`, inside the module's folder) and scans them
 * for credentials as a template file's text is scanned (known formats, shell/YAML/config
 * assignments, URL queries). `seen` holds the real paths already reported in this run.
 */
export function loadedFileFindings(module: Module, config: ResolvedConfig, seen: Set<string>): LoadedFileFindings {
  const files: { file: HclFile; messages: LintMessage[] }[] = [];
  const notes = new Map<string, LintMessage[]>();
  const read: string[] = [];
  const byPath = new Map<string, LoadCall[]>();
  /** Real paths of the files loaded, by path. */
  const reals = new Map<string, string>();
  let realTree: string | null = null;
  for (const call of loadCalls(module)) {
    // a file that is not there (a checkout without its scripts) is no finding; stat, not a throwing realpath
    if (!existsSync(call.path)) continue;
    // inside the template's folder tree, links resolved
    realTree ??= realPathOf(module.dir) ?? module.dir;
    const real = realPathOf(call.path);
    if (real === null || !isWithin(realTree, real)) {
      const list = notes.get(call.file) ?? [];
      list.push(noticeMessage(`${call.written} is outside the template's folder: not read, so a credential in it is not looked for (a file Coder would not push with this template).`, 1, call.range));
      notes.set(call.file, list);
      continue;
    }
    reals.set(call.path, real);
    const list = byPath.get(call.path) ?? [];
    list.push(call);
    byPath.set(call.path, list);
  }
  for (const [path, calls] of byPath) {
    if (fileKindOf(path) !== null) continue; // a template file is linted as one already
    const real = reals.get(path) ?? path;
    if (seen.has(real)) continue;
    seen.add(real);
    const text = readTemplate(path, config.maxFileSize);
    if (!("text" in text)) continue; // binary (filebase64 of an image) or too large: not text to scan
    read.push(path);
    const parsed = parseWithinLimits(path, text.text, "tftpl");
    if (parsed instanceof ModelTooLargeError) continue;
    // file() does not parse its text: a syntax error of the template reading is no finding here
    const file = { ...parsed, syntaxErrors: [] };
    const related = calls.map((call) => ({ label: `loaded by ${call.loader}() here`, filePath: call.file, ...rangeFields(call.range) }));
    const messages = unparsedFileMessages(file, config).map((m) => ({ ...m, related }));
    files.push({ file, messages });
  }
  return { files, notes, read };
}
