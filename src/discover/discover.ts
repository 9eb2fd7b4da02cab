import { archiveKindOf } from "./archive-kind.js";
import { type Dirent, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { globMatcher } from "./glob.js";
import { gitNulList } from "./git.js";
import { readBoundedText } from "./read-file.js";

/** Template file names: Terraform, its JSON syntax, variable files and template files. */
const TEMPLATE_NAME = /\.(tf|tf\.json|tfvars|tfvars\.json|tftpl)$/;
/** Folders never linted: provider caches, VCS data, npm packages. */
const SKIPPED_FOLDERS = new Set([".terraform", ".git", "node_modules"]);
export const ALWAYS_IGNORED = [...SKIPPED_FOLDERS].map((name) => `**/${name}/**`);

/**
 * The template files below a folder, dot files included: a walk with an explicit stack (folder depth
 * never becomes stack depth), that enters no symbolic link (to a folder or a file) and skips
 * SKIPPED_FOLDERS and folders it cannot read. A plain walk rather than a glob: for the one pattern
 * it needs, fast-glob spent ~14 ms of every run compiling its patterns before reading anything.
 * On the way it notes the folders that hold a `.gitignore` and each folder's module files (as
 * moduleFiles lists them), so neither is read again.
 */
function templateFilesUnder(root: string, gitignoreFolders: Set<string>, listings: Map<string, string[]>): string[] {
  const found: string[] = [];
  const folders = [root];
  for (let dir = folders.pop(); dir !== undefined; dir = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const listing: string[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) folders.push(childPath(dir, entry.name));
      } else if (isModuleFile(entry)) {
        if (entry.isFile()) found.push(childPath(dir, entry.name));
        listing.push(childPath(dir, entry.name));
      } else if (entry.name === ".gitignore") gitignoreFolders.add(dir);
    }
    listings.set(dir, listing.sort());
  }
  return found;
}

/**
 * An entry of a folder: the folder is absolute and normal (the walk starts from a resolved path) and
 * a name holds no separator, so no join() (path.join normalises every path again: ~9 ms a corpus run).
 */
function childPath(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** A folder entry that is a file of the folder's module: a template file, or a link to one. */
function isModuleFile(entry: Dirent): boolean {
  return (entry.isFile() || entry.isSymbolicLink()) && TEMPLATE_NAME.test(entry.name);
}

export function isTemplateFile(path: string): boolean {
  return TEMPLATE_NAME.test(path);
}

export interface Discovery {
  /** Absolute paths of the files to report on, sorted. */
  readonly files: string[];
  /** Paths given on the command line that matched nothing. */
  readonly unmatched: string[];
  /** Template files named on the command line that the configuration's `ignores` skip: reported as ignored. */
  readonly ignored: string[];
  /** Files named on the command line that are not template files (`notes.md`, `app.hcl`): reported as ignored. */
  readonly notTemplates: string[];
  /** Archives named on the command line (`.tar`, `.tar.gz`, `.tgz`, `.zip`): linted as folders. */
  readonly archives: string[];
  /**
   * Every folder the walk read, with its template files as moduleFiles lists them: the module
   * loader takes a folder's files from here instead of reading the folder a second time.
   */
  readonly listings: ReadonlyMap<string, readonly string[]>;
  /**
   * Files a `.gitignore` lists that are linted anyway: `coder templates push` uploads them (it does
   * not read `.gitignore`), so a credential there is in every template version though not in git.
   */
  readonly pushedThoughIgnored: readonly string[];
}

export interface DiscoverOptions {
  readonly cwd: string;
  /** Config `ignores`, relative to `baseDir`. */
  readonly ignores: readonly string[];
  readonly baseDir: string;
  /** Skip what `.gitignore` files ignore in folder scans (default true; `--no-gitignore`). */
  readonly gitignore?: boolean;
  /**
   * Whether `coder templates push` uploads a file (its path below the scanned folder): such a file
   * is linted even when a .gitignore lists it (catalog/coder-push.ts, passed in by the engine).
   */
  readonly uploadedByCoder?: (relativePath: string) => boolean;
}

type Matcher = (path: string) => boolean;

/**
 * Whether a file is ignored, with the globs compiled once per discovery. A config glob ignores what
 * it matches and, as a folder, everything below it. Matching never backtracks (see glob.ts): the
 * patterns and the file names may both come from the repository being linted.
 */
function ignoreMatcher(options: DiscoverOptions): Matcher {
  const globs = options.ignores.flatMap((g) => [g, `${g.replace(/\/$/, "")}/**`]);
  const configured: Matcher[] = globs.map((g) => globMatcher(g));
  return (file) => {
    const rel = relative(options.baseDir, file).split(sep).join("/");
    if (inSkippedFolder(rel)) return true;
    if (configured.length === 0 || rel.startsWith("..")) return false;
    return configured.some((matches) => matches(rel));
  };
}

/**
 * Is a path (relative, with `/`) inside one of SKIPPED_FOLDERS? What the ALWAYS_IGNORED globs
 * match, checked on the path's folders instead of by a glob match per file (~18 ms of a corpus run).
 */
function inSkippedFolder(rel: string): boolean {
  const folders = rel.split("/");
  folders.pop();
  return folders.some((folder) => SKIPPED_FOLDERS.has(folder));
}

/**
 * `.gitignore` rules for folder scans, as trivy and gitleaks honour them: the `.gitignore` files of
 * the folders from the repository root (the nearest `.git` above the scanned folder) down to each
 * file's folder, read once each. The deepest file with an opinion on a path decides, as in git (a
 * `!pattern` below re-includes). Parsing is the well-kept `ignore` package's (ESLint's own).
 */
function gitignoreMatcher(scanRoot: string, gitignoreFolders: ReadonlySet<string>): Matcher {
  let repoRoot = scanRoot;
  for (let dir = scanRoot; ; dir = dirname(dir)) {
    if (exists(join(dir, ".git"))) {
      repoRoot = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  const rules = new Map<string, Ignore | null>();
  // the walk saw every folder below the scan root: only those with a .gitignore are read (a failed
  // open per folder cost ~60 ms on the corpus's 748 folders); folders above it are read to find out
  const walked = (dir: string): boolean => dir === scanRoot || dir.startsWith(scanRoot + sep);
  const rulesOf = (dir: string): Ignore | null => {
    if (walked(dir) && !gitignoreFolders.has(dir)) return null;
    let found = rules.get(dir);
    if (found === undefined) {
      const text = readBoundedText(join(dir, ".gitignore"), 1024 * 1024);
      found = text === null ? null : ignore().add(text);
      rules.set(dir, found);
    }
    return found;
  };
  return (file) => {
    if (!file.startsWith(repoRoot + sep)) return false;
    // from the file's folder up to the repository root: the deepest opinion wins
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      // most folders have no .gitignore: the relative path is built only for those that do
      const rules = rulesOf(dir);
      const verdict = rules?.test(relative(dir, file).split(sep).join("/"));
      if (verdict?.ignored) return true;
      if (verdict?.unignored) return false;
      if (dir === repoRoot || dirname(dir) === dir) return false;
    }
  };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Expands files and folders into the template files to lint. */
export function discover(paths: readonly string[], options: DiscoverOptions): Discovery {
  const files = new Set<string>();
  const unmatched: string[] = [];
  const ignored: string[] = [];
  const notTemplates: string[] = [];
  const archives: string[] = [];
  const listings = new Map<string, string[]>();
  const pushedThoughIgnored: string[] = [];
  const isIgnored = ignoreMatcher(options);
  for (const given of paths.length > 0 ? paths : ["."]) {
    const absolute = resolve(options.cwd, given);
    let isDir = false;
    let exists = true;
    try {
      isDir = statSync(absolute).isDirectory();
    } catch {
      exists = false;
    }
    if (!exists) {
      unmatched.push(given);
      continue;
    }
    if (!isDir) {
      // a file named explicitly is linted when it is a template file; config ignores still apply
      if (archiveKindOf(absolute) && !isIgnored(absolute)) archives.push(absolute);
      else if (!isTemplateFile(absolute)) notTemplates.push(absolute);
      else if (isIgnored(absolute)) ignored.push(absolute);
      else files.add(absolute);
      continue;
    }
    const gitignoreFolders = new Set<string>();
    const found = templateFilesUnder(absolute, gitignoreFolders, listings);
    const gitIgnored = options.gitignore === false ? null : gitignoreMatcher(absolute, gitignoreFolders);
    // the walk builds absolute, normal paths from a resolved root
    const ignoredByGit: string[] = [];
    for (const file of found) {
      if (isIgnored(file)) continue;
      if (!gitIgnored?.(file)) files.add(file);
      else if (options.uploadedByCoder?.(relative(absolute, file).split(sep).join("/"))) {
        files.add(file);
        pushedThoughIgnored.push(file);
      } else ignoredByGit.push(file);
    }
    // git never ignores a file it tracks: a committed .gitignore cannot hide a committed template
    for (const file of trackedFiles(absolute, ignoredByGit)) files.add(file);
  }
  return {
    files: [...files].sort(),
    unmatched,
    ignored: [...new Set(ignored)].sort(),
    notTemplates: [...new Set(notTemplates)].sort(),
    archives: [...new Set(archives)].sort(),
    listings,
    pushedThoughIgnored: [...new Set(pushedThoughIgnored)].sort(),
  };
}

/** Which of `files` (below `root`) git tracks; none outside a work tree. Asked only for files a .gitignore lists. */
function trackedFiles(root: string, files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const tracked: string[] = [];
  // a few hundred paths per git call keeps the command line short
  for (let at = 0; at < files.length; at += 200) {
    const batch = files.slice(at, at + 200);
    for (const rel of gitNulList(root, ["ls-files", "-z", "--", ...batch.map((f) => relative(root, f))])) tracked.push(join(root, rel));
  }
  return tracked;
}

/** The template files of one folder (not its subfolders): a Terraform module. */
export function moduleFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter(isModuleFile)
      .map((e) => join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** Groups files by folder, keeping the order. */
export function byFolder(files: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const dir = dirname(file);
    const list = groups.get(dir) ?? [];
    list.push(file);
    groups.set(dir, list);
  }
  return groups;
}
