import { existsSync, lstatSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { readBoundedText } from "../discover/read-file.js";
import { moduleFiles } from "../discover/discover.js";
import { localModuleCalls, Module } from "../model/module.js";
import type { ResolvedConfig } from "./config.js";
import type { ModelBudget } from "../hcl/parse.js";
import { loadFile, type LoadedFile } from "./load.js";
import { compareText, timed, type Timings } from "./results.js";

/**
 * Files of local child modules kept from one folder to the next: a module that many templates call
 * (`source = "../modules/common"`) is parsed once per thread, not once per calling template. The
 * oldest entries go first past MAX_SHARED_FILES, so memory stays bounded.
 */
const MAX_SHARED_FILES = 256;

/**
 * The syntax nodes the files of one folder (with the modules it calls) may hold together: about
 * 300 MB of model, two dense 4 MB files; smaller files are parsed first, so that as many fit as can. Past it, the files that do not fit are reported as not linted, the rest is
 * linted (see ModelBudget).
 */
export const FOLDER_MODEL_BUDGET = 3_000_000;

/**
 * Bytes of symbolic-linked files read for context in one run (each real file once per folder): a
 * folder of 2,000 links to one 4 MB file must not be 8 GB of reading and parsing.
 */
export const MAX_LINKED_BYTES = 64 * 1024 * 1024;

/** The file a symbolic link leads to, or null for a file that is not a link (or a broken one). */
function linkTarget(path: string): { real: string; size: number } | null {
  try {
    if (!lstatSync(path).isSymbolicLink()) return null;
    const real = realpathSync(path);
    return { real, size: statSync(real).size };
  } catch {
    return null;
  }
}

/**
 * `.terraform/modules/modules.json` of a root module: module key -> the folder it was downloaded to
 * (inside the root's folder only; a Dir that leads elsewhere is ignored). Empty without one.
 */
export function readModulesJson(root: string): Map<string, string> {
  const map = new Map<string, string>();
  const path = join(root, ".terraform", "modules", "modules.json");
  // one stat for the many folders that have none (a failed open costs more)
  if (!existsSync(path)) return map;
  const text = readBoundedText(path, 4 * 1024 * 1024);
  if (text === null) return map;
  try {
    const parsed = JSON.parse(text) as { Modules?: { Key?: unknown; Dir?: unknown }[] };
    for (const entry of parsed.Modules ?? []) {
      if (typeof entry.Key !== "string" || entry.Key === "" || typeof entry.Dir !== "string") continue;
      const target = resolve(root, entry.Dir);
      if (target.startsWith(root + sep)) map.set(entry.Key, target);
    }
  } catch {
    // a damaged file: modules stay unresolved
  }
  return map;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Loads folders as modules, once each, linking local child modules. */
export class ModuleLoader {
  private readonly files = new Map<string, Promise<LoadedFile>>();
  private readonly modules = new Map<string, Promise<Module>>();
  /** Parsed files of child modules, oldest first (a Map keeps insertion order). */
  private readonly shared = new Map<string, Promise<LoadedFile>>();
  private budget: ModelBudget = { total: FOLDER_MODEL_BUDGET, remaining: FOLDER_MODEL_BUDGET };

  constructor(
    private readonly config: ResolvedConfig,
    private readonly overrides: ReadonlyMap<string, string> | undefined,
    private readonly timings: Timings,
    private readonly listings?: ReadonlyMap<string, readonly string[]>,
    /** Told about a file not read (`--debug`). */
    private readonly onSkip?: (line: string) => void,
  ) {}

  file(path: string, asChildModule = false): Promise<LoadedFile> {
    let loaded = this.files.get(path);
    if (!loaded) {
      const override = this.overrides?.get(path);
      loaded = this.shared.get(path) ?? timed(this.timings, "read+parse", () => loadFile(path, this.config.maxFileSize, override, this.budget));
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
    this.budget = { total: FOLDER_MODEL_BUDGET, remaining: FOLDER_MODEL_BUDGET };
  }

  module(dir: string, chain: readonly string[] = [], key = ""): Promise<Module> {
    let module = this.modules.get(dir);
    if (!module) {
      module = this.build(dir, chain, key);
      this.modules.set(dir, module);
    }
    return module;
  }

  /** `terraform init`'s map of module keys (`a`, `a.b`) to the folders it downloaded them to, per root module. */
  private readonly downloads = new Map<string, Map<string, string>>();

  private downloadedModules(root: string): Map<string, string> {
    let map = this.downloads.get(root);
    if (!map) {
      map = readModulesJson(root);
      this.downloads.set(root, map);
    }
    return map;
  }

  /** Bytes of linked files read so far in this run (see MAX_LINKED_BYTES). */
  private linkedBytes = 0;

  /**
   * A folder's files without links that add nothing: a link to a file the folder already reads
   * (itself or through another link) is read once, and linked bytes count against the run's budget.
   */
  private withoutRepeatedLinks(dir: string, paths: Iterable<string>): Set<string> {
    const kept = new Set<string>();
    const reals = new Set<string>();
    const links: [string, { real: string; size: number }][] = [];
    for (const path of paths) {
      const target = this.overrides?.has(path) ? null : linkTarget(path);
      if (target) links.push([path, target]);
      else {
        kept.add(path);
        reals.add(path);
      }
    }
    if (links.length === 0) return kept;
    let realDir = dir;
    try {
      realDir = realpathSync(dir);
    } catch {
      // keep the path as given
    }
    for (const path of kept) reals.add(join(realDir, basename(path)));
    for (const [path, target] of links) {
      if (reals.has(target.real)) continue;
      if (this.linkedBytes + target.size > MAX_LINKED_BYTES) {
        this.onSkip?.(`${path}: a symbolic link past the run's budget of ${String(MAX_LINKED_BYTES / 1024 / 1024)} MB of linked files; not read`);
        continue;
      }
      this.linkedBytes += target.size;
      reals.add(target.real);
      kept.add(path);
    }
    return kept;
  }

  private async build(dir: string, chain: readonly string[], key: string): Promise<Module> {
    const paths = this.withoutRepeatedLinks(dir, this.listings?.get(dir) ?? moduleFiles(dir));
    for (const path of this.overrides?.keys() ?? []) if (dirname(path) === dir) paths.add(path);
    // smallest first: when the folder's model budget runs out, the most files fit in it
    const sizes = new Map(paths.size > 1 ? [...paths].map((path) => [path, fileSize(path)]) : []);
    const bySize = [...paths].sort((a, b) => (sizes.get(a) ?? 0) - (sizes.get(b) ?? 0) || compareText(a, b));
    const loadedBySize = new Map<string, LoadedFile>();
    for (const path of bySize) loadedBySize.set(path, await this.file(path, chain.length > 0));
    const loaded = [...paths].sort().map((p) => loadedBySize.get(p)).filter((l): l is LoadedFile => l !== undefined);
    // files with syntax errors take no part in the analysis: their model may be partial
    const usable = loaded.flatMap((l) => (l.ok && l.file.syntaxErrors.length === 0 ? [l.file] : []));
    const module = new Module(dir, usable);
    for (const call of localModuleCalls(module, chain)) module.children.set(call.name, await this.module(call.dir, [...chain, dir]));
    // modules terraform init downloaded (git, registry, http, S3 sources alike), by their key
    const downloaded = this.downloadedModules(chain[0] ?? dir);
    if (downloaded.size > 0) {
      for (const call of module.blocks("module")) {
        const name = call.node.labels[0] ?? "";
        const target = downloaded.get(key === "" ? name : `${key}.${name}`);
        if (module.children.has(name) || !target || target === dir || chain.includes(target)) continue;
        module.children.set(name, await this.module(target, [...chain, dir], key === "" ? name : `${key}.${name}`));
      }
    }
    return module;
  }
}

