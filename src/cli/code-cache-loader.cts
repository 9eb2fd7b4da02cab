/**
 * Runs a bundle of the CLI (or of its worker) from V8's code cache: `dist/bundle/load.js`.
 *
 * A CLI runs once, cold: before linting anything, V8 compiles the bundle's source (~330 KB) and
 * then each function on its first call. Node 20 has no compile cache of its own for that
 * (`module.enableCompileCache` is Node 22), so the build (scripts/bundle.ts) runs the CLI once on
 * the examples and keeps the bytecode V8 made (`createCachedData`) beside the bundle; a later start
 * deserialises it instead of compiling. Measured on one template folder: 188 -> 150 ms, against
 * 124 ms for a bare `node -e ""`.
 *
 * The cache is used only when it can be trusted to match: it is named by V8's version and the
 * architecture, written only into the package's own folder (by the build, or by the first run on a
 * Node that has none; never into a shared temporary folder, where another user could plant
 * bytecode), not older than the bundle it was made from, and
 * V8 itself rejects it when the source length or V8's flags differ (then the bundle compiles as
 * usual). Nothing here is needed for correctness: without a cache the bundle runs the same.
 */
import { accessSync, constants, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/** Set by the build to write the cache after a run: `write`. */
const WRITE_CACHE_ENV = "CODER_SECRETS_LINT_CODE_CACHE";

type BundleFunction = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
  importModule: (specifier: string) => Promise<unknown>,
) => void;

function cachePath(code: string): string {
  return `${code.slice(0, -".js".length)}.${process.versions.v8}-${process.arch}.cache`;
}

/** How a bundle was compiled: from its cache, or from source (no cache for this V8, a cache older than the bundle, one V8 rejected, or the build writing it). */
export type CacheUse = "used" | "absent" | "stale" | "rejected" | "writing";

/** The cache beside `code`, when there is one made from this bundle (not older than it). */
function readCache(code: string, cache: string): Buffer | "absent" | "stale" {
  try {
    if (statSync(cache).mtimeMs < statSync(code).mtimeMs) return "stale";
    return readFileSync(cache);
  } catch {
    return "absent";
  }
}

/** Compiles `<name>-code.js` beside this file, from its code cache when there is a usable one. */
export function compileBundle(name: string, directory = __dirname): { readonly run: BundleFunction; readonly code: string; readonly cacheUse: CacheUse; readonly script: Script; readonly cache: string } {
  const code = join(directory, `${name}-code.js`);
  const cache = cachePath(code);
  const writing = process.env[WRITE_CACHE_ENV] === "write";
  const cached = writing ? "writing" : readCache(code, cache);
  const cachedData = typeof cached === "string" ? undefined : cached;
  // the parameters of Node's own CommonJS wrapper, and one more: the bundle's way to import()
  // (see src/formatters/import-module.ts)
  const source = `(function (exports, require, module, __filename, __dirname, __importModule) {${readFileSync(code, "utf8")}\n})`;
  const script = new Script(source, { filename: code, ...(cachedData ? { cachedData } : {}) });
  const cacheUse: CacheUse = typeof cached === "string" ? cached : script.cachedDataRejected === true ? "rejected" : "used";
  return { run: script.runInThisContext() as BundleFunction, code, cacheUse, script, cache };
}

/**
 * Writes the cache after the run (it then holds the bytecode of every function the run called):
 * when the build asks, and when there is none for this V8 yet (an npm install ships none: it would
 * fit only the publisher's Node). Into the bundle's own folder only, through a temporary file and a
 * rename, so that a CLI starting meanwhile reads a whole cache or none; a folder this user cannot
 * write (a system-wide install) simply keeps compiling from source.
 */
function writeCacheAtExit(script: Script, cache: string): void {
  process.once("exit", () => {
    const temporary = `${cache}.${String(process.pid)}.tmp`;
    try {
      // a folder this user cannot write: do not serialise a cache (5-10 ms) only to drop it
      accessSync(dirname(cache), constants.W_OK);
    } catch {
      return;
    }
    try {
      writeFileSync(temporary, script.createCachedData(), { flag: "wx" });
      renameSync(temporary, cache);
    } catch {
      rmSync(temporary, { force: true });
    }
  });
}

/**
 * Runs `<name>-code.js` beside this file, as Node would run it as a CommonJS module. `writeCache`:
 * may this run write the cache when there is none? Not a worker thread's: the main thread ends it
 * with `terminate()`, which can cut a write short, and several workers would race for one file.
 */
export function runBundle(name: string, writeCache = true): void {
  const { run, code, cacheUse, script, cache } = compileBundle(name);
  if (writeCache && (cacheUse === "writing" || cacheUse === "absent" || cacheUse === "stale")) writeCacheAtExit(script, cache);
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(code), module, code, dirname(code), (specifier) => import(specifier));
}
