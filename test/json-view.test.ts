import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";
import { compareWithReference, referenceParse } from "../src/hcl/parity.js";
import { FIXTURES, ROOT } from "./helpers.js";

/** The shared corpus of real templates; set CORPUS_DIR to use another copy. */
const CORPUS = resolve(process.env.CORPUS_DIR ?? join(ROOT, "..", "shared", "corpus"));
const hasCorpus = existsSync(CORPUS);

async function parityFailures(files: string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const file of files) {
    const diffs = await compareWithReference(file, readFileSync(file, "utf8"));
    if (diffs.length > 0) failures.push(`${file}\n  ${diffs.slice(0, 3).join("\n  ")}`);
  }
  return failures;
}

describe("our parser agrees with @cdktf/hcl2json: same files accepted, same JSON view", () => {
  it("on every parseable .tf fixture", async () => {
    const files = fg.sync("**/*.tf", { cwd: FIXTURES, absolute: true, ignore: ["syntax-error/**"] }).sort();
    expect(files.length).toBeGreaterThan(10);
    expect(await parityFailures(files)).toEqual([]);
  });

  it("on the syntax-error fixture: both reject it", async () => {
    const files = fg.sync("syntax-error/*.tf", { cwd: FIXTURES, absolute: true }).sort();
    expect(await parityFailures(files)).toEqual([]);
  });

  it.skipIf(!hasCorpus)("on every .tf and .tfvars file of the shared corpus", async () => {
    const files = fg.sync(["**/*.tf", "**/*.tfvars"], { cwd: CORPUS, absolute: true, dot: true }).sort();
    expect(files.length).toBeGreaterThan(600);
    expect(await parityFailures(files)).toEqual([]);
  });

  it.skipIf(!hasCorpus)("the corpus lints with a fatal error exactly where the reference parser rejects a file", async () => {
    const config = resolveConfig({ cwd: CORPUS, noConfigLookup: true });
    const run = await lint({ paths: [CORPUS], cwd: CORPUS, config });
    expect(run.results.length).toBeGreaterThan(600);
    const rejected: string[] = [];
    for (const result of run.results) {
      if (!/\.(tf|tfvars)$/.test(result.filePath)) continue;
      const reference = await referenceParse(result.filePath, readFileSync(result.filePath, "utf8"));
      if (!reference.ok) rejected.push(result.filePath);
    }
    const fatal = run.results.filter((r) => r.messages.some((m) => m.fatal)).map((r) => r.filePath);
    expect(fatal).toEqual(rejected);
    expect(run.unreadableCount).toBe(0);
  });
});
