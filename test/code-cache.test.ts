import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, ROOT } from "./helpers.js";

/**
 * The CLI bundle runs from V8's code cache, made by the build (scripts/bundle.ts) and read by
 * dist/bundle/load.js (src/cli/code-cache-loader.cts). A cache is an optimisation only: when it is
 * missing, older than the bundle or rejected by V8, the bundle compiles from source and lints the same.
 */
const BUNDLE = join(ROOT, "dist", "bundle");
const cacheName = `cli-code.${process.versions.v8}-${process.arch}.cache`;

/** How a fresh `node` (no test runner flags: V8 checks its flags against the cache's) compiles the CLI bundle in `dir`. */
function cacheUseIn(dir: string): string {
  const script = `process.stdout.write(require(${JSON.stringify(join(dir, "load.js"))}).compileBundle("cli").cacheUse)`;
  return spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout;
}

/** A copy of dist/bundle inside the package (the CLI finds its package.json above it). */
const copies: string[] = [];
function bundleCopy(): string {
  const dir = mkdtempSync(join(ROOT, "dist", "bundle-copy-"));
  copies.push(dir);
  cpSync(BUNDLE, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function lintWith(dir: string): { status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [join(dir, "cli.js"), "--no-config-lookup", "-f", "json", join(FIXTURES, "no-hardcoded-credentials", "named")], { encoding: "utf8", cwd: ROOT });
  return { status: run.status, stdout: run.stdout };
}

describe("the CLI's code cache", () => {
  it("is made by the build for this Node's V8, and a fresh CLI uses it", () => {
    expect(readdirSync(BUNDLE).filter((name) => name.endsWith(".cache"))).toEqual([cacheName]);
    expect(cacheUseIn(BUNDLE)).toBe("used");
  });

  it("is not read when it is older than the bundle (an edited bundle compiles from source)", () => {
    const dir = bundleCopy();
    const later = new Date(statSync(join(dir, cacheName)).mtimeMs + 10_000);
    utimesSync(join(dir, "cli-code.js"), later, later);
    expect(cacheUseIn(dir)).toBe("stale");
    expect(lintWith(dir)).toEqual(lintWith(BUNDLE));
  });

  it("rejected by V8 (not a cache of this bundle), leaves the CLI linting as without one", () => {
    const dir = bundleCopy();
    const size = readFileSync(join(dir, cacheName)).length;
    writeFileSync(join(dir, cacheName), Buffer.alloc(size, 0x5a));
    expect(cacheUseIn(dir)).toBe("rejected");
    const run = lintWith(dir);
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as { messages: unknown[] }[]).flatMap((r) => r.messages).length).toBeGreaterThan(5);
    expect(run).toEqual(lintWith(BUNDLE));
  });

  it("when there is none for this V8 (an npm install ships none), the first run writes it beside the bundle and the next uses it", () => {
    const dir = bundleCopy();
    rmSync(join(dir, cacheName));
    expect(cacheUseIn(dir)).toBe("absent");
    expect(lintWith(dir)).toEqual(lintWith(BUNDLE));
    expect(readdirSync(dir).filter((name) => name.endsWith(".cache") || name.endsWith(".tmp"))).toEqual([cacheName]);
    expect(cacheUseIn(dir)).toBe("used");
  });

  it("is never written by a worker thread (terminate() could cut the write short): a threaded run leaves only the CLI's", () => {
    const dir = bundleCopy();
    const run = spawnSync(process.execPath, [join(dir, "cli.js"), "--no-config-lookup", "--concurrency", "2", "-f", "json", join(FIXTURES, "no-hardcoded-credentials")], { encoding: "utf8", cwd: ROOT });
    expect(run.status).toBe(1);
    expect(readdirSync(dir).filter((name) => name.endsWith(".cache") || name.endsWith(".tmp"))).toEqual([cacheName]);
  });

  // root writes whatever a folder's mode says: the case needs another user (on these machines, tests run as root)
  it.skipIf(process.getuid?.() === 0)("in a folder this user cannot write (a system-wide install), runs without one and writes nothing", () => {
    const dir = bundleCopy();
    rmSync(join(dir, cacheName));
    chmodSync(dir, 0o555);
    try {
      expect(lintWith(dir)).toEqual(lintWith(BUNDLE));
      expect(readdirSync(dir).filter((name) => name.endsWith(".cache") || name.endsWith(".tmp"))).toEqual([]);
      expect(cacheUseIn(dir)).toBe("absent");
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
