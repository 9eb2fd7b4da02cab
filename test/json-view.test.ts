import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/engine/config.js";
import { lint } from "../src/engine/linter.js";
import { compareWithReference } from "../src/hcl/parity.js";
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

describe("JSON view matches @cdktf/hcl2json", () => {
  it("on every parseable .tf fixture", async () => {
    const files = fg.sync("**/*.tf", { cwd: FIXTURES, absolute: true, ignore: ["syntax-error/**"] }).sort();
    expect(files.length).toBeGreaterThan(10);
    expect(await parityFailures(files)).toEqual([]);
  });

  it.skipIf(!hasCorpus)("on every .tf file of the shared corpus", async () => {
    const files = fg.sync("**/*.tf", { cwd: CORPUS, absolute: true }).sort();
    expect(files.length).toBeGreaterThan(400);
    expect(await parityFailures(files)).toEqual([]);
  });

  it.skipIf(!hasCorpus)("the corpus lints with no fatal error", async () => {
    const config = resolveConfig({ cwd: CORPUS, noConfigLookup: true });
    const run = await lint({ paths: [CORPUS], cwd: CORPUS, config });
    expect(run.results.length).toBeGreaterThan(500);
    const fatal = run.results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}: ${m.message}`));
    expect(fatal).toEqual([]);
    expect(run.unreadableCount).toBe(0);
  });
});
