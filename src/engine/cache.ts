import { loadCrypto } from "./lazy-builtins.js";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { realpathSync, statSync } from "node:fs";
import { moduleFiles } from "../discover/discover.js";
import { readBounded, readBoundedText } from "../discover/read-file.js";
import { type LintResult, withMaskedFixes } from "./results.js";
import { writeErrorText, writeFileSafely, writeRefusal } from "./safe-write.js";

/**
 * `--cache`: results per module folder, keyed by a hash of the folder's template files (and of
 * the local modules they call), the resolved configuration and the tool version, stored like
 * ESLint's `.eslintcache`. A hit skips parsing and analysis. Entries hold results whose messages
 * are already masked; fix texts are masked too (`--fix` does not use the cache).
 *
 * A cache file in a working tree is input like any other: a repository could commit a forged one
 * that marks its folders clean. So every cache file carries an HMAC made with a key that only this
 * user's installation has (a random key in the user's cache folder, outside any working tree,
 * readable by the user alone); a file whose MAC does not verify, because another installation or
 * a repository wrote it or it is corrupt, is ignored with a note and rewritten.
 *
 * The file is written like every other output (engine/safe-write.ts: never through a symbolic link
 * inside the working folder), and its body is base64: results hold text from templates (a resource
 * label `"$(touch PWNED)"`), and a cache file that ended up where a shell or another tool reads it
 * must hold nothing they could run. The first line is the hex MAC, the second the base64 body.
 */
export const DEFAULT_CACHE_LOCATION = ".coder-secrets-lint-cache";

interface CacheEntry {
  readonly hash: string;
  /** The module folders the folder's analysis loaded (local child modules, transitively). */
  readonly dependencies: readonly string[];
  readonly results: LintResult[];
}

interface CacheFile {
  readonly tool: "coder-secrets-lint";
  readonly key: string;
  readonly folders: Record<string, CacheEntry>;
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The largest cache file read (bounded like every other read). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * Hashes the template files of one folder (a link to a file already hashed adds only its name: a
 * folder of links to one big file is read once).
 */
function hashFolder(dir: string, overrides: ReadonlyMap<string, string> | undefined, maxFileSize: number, seenReal: Set<string>, hash: import("node:crypto").Hash): void {
  hash.update("\0dir\0").update(dir);
  // a dependency may be a file the module loads (templatefile()): hashed as one
  const files = isRegularFile(dir) ? [dir] : moduleFiles(dir);
  for (const file of files) {
    let real = file;
    try {
      real = overrides?.has(file) ? file : realpathSync(file);
    } catch {
      // unreadable: hashed as such below
    }
    hash.update(file).update("\0");
    if (seenReal.has(real)) {
      hash.update("\0same-as\0").update(real);
      continue;
    }
    seenReal.add(real);
    // the same bounded read as linting: a device or an endless file hashes as unreadable
    const text = overrides?.get(file) ?? readBoundedText(file, maxFileSize) ?? "\0unreadable";
    hash.update(text).update("\0");
  }
}

/**
 * The content hash of a folder and of the module folders its analysis loaded (`dependencies`, as
 * the module loader resolved them from the model: never a pattern over the text, which an escaped
 * `source = "\u002e./child"` would slip past).
 */
export function folderHash(dir: string, maxFileSize: number, overrides: ReadonlyMap<string, string> | undefined, dependencies: readonly string[]): string {
  const hash = loadCrypto().createHash("sha256");
  const seenReal = new Set<string>();
  hashFolder(dir, overrides, maxFileSize, seenReal, hash);
  for (const dependency of [...dependencies].sort()) hashFolder(dependency, overrides, maxFileSize, seenReal, hash);
  return hash.digest("hex");
}

/** The folder for this user's cache key: `$XDG_CACHE_HOME/coder-secrets-lint`, else `~/.cache/coder-secrets-lint`. */
export function userCacheFolder(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "coder-secrets-lint");
}

/** This installation's MAC key, created on first use (32 random bytes, mode 0600). */
function macKey(folder: string): Buffer {
  const path = join(folder, "cache-mac-key");
  const existing = readBounded(path, 1024);
  if (existing.ok && existing.bytes.length === 32) return existing.bytes;
  const key = loadCrypto().randomBytes(32);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileSync(path, key, { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}

function mac(key: Buffer, body: string): string {
  return loadCrypto().createHmac("sha256", key).update(body).digest("hex");
}

export interface CacheOptions {
  /** The working folder: the location is written under safe-write's policy from here. */
  readonly cwd?: string;
  /** Where this installation keeps its MAC key (default: userCacheFolder()). */
  readonly keyFolder?: string;
  /** Told when an existing cache file is ignored, and why. */
  readonly onNote?: (note: string) => void;
}

export class LintCache {
  private readonly folders = new Map<string, CacheEntry>();
  private dirty = false;
  private readonly macKey: Buffer;

  private readonly cwd: string;
  private readonly refusal: string | null;

  /** `location` as the user (or the default) named it, relative to `options.cwd`. */
  constructor(
    readonly location: string,
    private readonly key: string,
    private readonly options: CacheOptions = {},
  ) {
    this.cwd = options.cwd ?? process.cwd();
    this.macKey = macKey(options.keyFolder ?? userCacheFolder());
    // a location the cache may not be written to (a symlink the tree holds) is not read either
    this.refusal = writeRefusal(location, this.cwd);
    if (this.refusal) {
      options.onNote?.(`not using the cache file ${location}: ${this.refusal}`);
      return;
    }
    location = resolve(this.cwd, location);
    const read = readBounded(location, MAX_CACHE_BYTES);
    if (!read.ok) {
      if (read.reason !== "error" || read.code !== "ENOENT") options.onNote?.(`ignoring the cache file ${location}: not a readable regular file of at most 256 MB`);
      return;
    }
    const text = read.bytes.toString("utf8");
    const newline = text.indexOf("\n");
    const body = newline === -1 ? "" : text.slice(newline + 1).trimEnd();
    const expected = Buffer.from(mac(this.macKey, body), "utf8");
    const given = Buffer.from(newline === -1 ? "" : text.slice(0, newline), "utf8");
    if (given.length !== expected.length || !loadCrypto().timingSafeEqual(given, expected)) {
      options.onNote?.(`ignoring the cache file ${location}: it was not written by this installation (or it is corrupt); it will be rewritten`);
      return;
    }
    try {
      const parsed = JSON.parse(Buffer.from(body, "base64").toString("utf8")) as Partial<CacheFile>;
      if (parsed.tool === "coder-secrets-lint" && parsed.key === key && parsed.folders) {
        for (const [dir, entry] of Object.entries(parsed.folders)) this.folders.set(dir, entry);
      }
    } catch {
      options.onNote?.(`ignoring the cache file ${location}: it is corrupt; it will be rewritten`);
    }
  }

  /** The module folders a folder's cached analysis loaded, or null when the folder is not cached. */
  dependenciesOf(dir: string): readonly string[] | null {
    const entry = this.folders.get(dir);
    return entry && Array.isArray(entry.dependencies) ? entry.dependencies : null;
  }

  /** Cached results for the files of a folder, if the folder's content hash still matches. */
  get(dir: string, hash: string, files: readonly string[]): LintResult[] | null {
    const entry = this.folders.get(dir);
    if (entry?.hash !== hash) return null;
    const byPath = new Map(entry.results.map((r) => [r.filePath, r]));
    const results = files.map((f) => byPath.get(f));
    return results.every((r) => r !== undefined) ? results : null;
  }

  set(dir: string, hash: string, dependencies: readonly string[], results: readonly LintResult[], secretsOf: (path: string) => readonly string[]): void {
    const safe = results.map((result) => withMaskedFixes(result, secretsOf(result.filePath)));
    this.folders.set(dir, { hash, dependencies, results: safe });
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty || this.refusal) return;
    const data: CacheFile = { tool: "coder-secrets-lint", key: this.key, folders: Object.fromEntries(this.folders) };
    // the first line is the MAC of the rest; the rest is base64, nothing a shell could run
    const body = Buffer.from(JSON.stringify(data), "utf8").toString("base64");
    try {
      writeFileSafely(this.location, `${mac(this.macKey, body)}\n${body}\n`, { cwd: this.cwd });
    } catch (error) {
      this.options.onNote?.(`the cache was not saved: ${writeErrorText(error)}`);
    }
  }
}

/**
 * The part of the cache key that is not template content: the tool version, the resolved
 * configuration, the options that change results, and the content of the provider schema files the
 * configuration names (a changed schema changes what is secret).
 */
export function cacheKey(version: string, config: { readonly providerSchemas: readonly string[] }, options: Readonly<Record<string, unknown>>, maxFileSize: number): string {
  const hash = loadCrypto().createHash("sha256").update(version).update("\0").update(JSON.stringify(config)).update("\0").update(JSON.stringify(options));
  for (const schema of config.providerSchemas) hash.update("\0").update(readBoundedText(schema, maxFileSize) ?? "\0unreadable");
  return hash.digest("hex");
}
