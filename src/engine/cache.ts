import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { moduleFiles } from "../discover/discover.js";
import { type LintResult, withMaskedFixes } from "./results.js";

/**
 * `--cache`: results per module folder, keyed by a hash of the folder's template files (and of
 * the local modules they call), the resolved configuration and the tool version, stored like
 * ESLint's `.eslintcache`. A hit skips parsing and analysis. Entries hold results whose messages
 * are already masked; fix texts are masked too (`--fix` does not use the cache).
 */
export const DEFAULT_CACHE_LOCATION = ".coder-secrets-lint-cache";

interface CacheEntry {
  readonly hash: string;
  readonly results: LintResult[];
}

interface CacheFile {
  readonly tool: "coder-secrets-lint";
  readonly key: string;
  readonly folders: Record<string, CacheEntry>;
}

const LOCAL_SOURCE = /\bsource\s*=\s*"(\.\.?\/[^"]*)"/g;

function hashFiles(dir: string, overrides: ReadonlyMap<string, string> | undefined, seen: Set<string>, hash: ReturnType<typeof createHash>): void {
  if (seen.has(dir)) return;
  seen.add(dir);
  for (const file of moduleFiles(dir)) {
    let text: string;
    try {
      text = overrides?.get(file) ?? readFileSync(file, "utf8");
    } catch {
      text = "\0unreadable";
    }
    hash.update(file).update("\0").update(text).update("\0");
    // local child modules change what this folder's findings are
    for (const match of text.matchAll(LOCAL_SOURCE)) hashFiles(resolve(dir, match[1] ?? "."), overrides, seen, hash);
  }
}

export function folderHash(dir: string, overrides?: ReadonlyMap<string, string>): string {
  const hash = createHash("sha256");
  hashFiles(dir, overrides, new Set(), hash);
  return hash.digest("hex");
}

export class LintCache {
  private readonly folders = new Map<string, CacheEntry>();
  private dirty = false;

  constructor(
    readonly location: string,
    private readonly key: string,
  ) {
    try {
      const parsed = JSON.parse(readFileSync(location, "utf8")) as Partial<CacheFile>;
      if (parsed.tool === "coder-secrets-lint" && parsed.key === key && parsed.folders) {
        for (const [dir, entry] of Object.entries(parsed.folders)) this.folders.set(dir, entry);
      }
    } catch {
      // no cache yet, or an unreadable one: start afresh
    }
  }

  /** Cached results for the files of a folder, if the folder's content hash still matches. */
  get(dir: string, hash: string, files: readonly string[]): LintResult[] | null {
    const entry = this.folders.get(dir);
    if (entry?.hash !== hash) return null;
    const byPath = new Map(entry.results.map((r) => [r.filePath, r]));
    const results = files.map((f) => byPath.get(f));
    return results.every((r) => r !== undefined) ? results : null;
  }

  set(dir: string, hash: string, results: readonly LintResult[], secretsOf: (path: string) => readonly string[]): void {
    const safe = results.map((result) => withMaskedFixes(result, secretsOf(result.filePath)));
    this.folders.set(dir, { hash, results: safe });
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    const data: CacheFile = { tool: "coder-secrets-lint", key: this.key, folders: Object.fromEntries(this.folders) };
    writeFileSync(this.location, JSON.stringify(data));
  }
}

/** The part of the cache key that is not file content: tool version and resolved configuration. */
export function cacheKey(version: string, config: unknown): string {
  return createHash("sha256").update(version).update("\0").update(JSON.stringify(config)).digest("hex");
}
