import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fg from "fast-glob";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFile } from "../src/hcl/parse.js";
import { firstDifference } from "./support/model-diff.js";
import { ACCEPTED_DIFFERENCES, withAcceptedDifferences } from "./support/tree-sitter/accepted-differences.js";
import { initTreeSitter, parseWithTreeSitter } from "./support/tree-sitter/old-parse.js";
import { FIXTURES, ROOT } from "./helpers.js";

/**
 * Our HCL parser builds the very model the tree-sitter path built (tree-sitter stays a development
 * dependency for this comparison only), ranges included, on every fixture and every corpus file that
 * both accept; the differences accepted on purpose are listed in ACCEPTED_DIFFERENCES.
 */
const CORPUS = resolve(process.env.CORPUS_DIR ?? join(ROOT, "..", "shared", "corpus"));
const hasCorpus = existsSync(CORPUS);

beforeAll(async () => {
  await initTreeSitter();
});

function differences(files: string[]): string[] {
  const out: string[] = [];
  for (const path of files) {
    const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
    const ours = parseFile(path, text, path.endsWith(".tfvars") ? "tfvars" : "tf");
    const old = parseWithTreeSitter(path, text);
    // files either parser rejects are compared by the accept/reject test against hcl2json
    if (ours.syntaxErrors.length > 0 || old.treeSitterError) continue;
    // our ranges compute line and column when read: compare them as plain JSON
    const plain: unknown = JSON.parse(JSON.stringify({ body: ours.body, comments: ours.comments }));
    const difference = firstDifference(plain, withAcceptedDifferences(old.file));
    if (difference) out.push(`${path}\n  ${difference}`);
  }
  return out;
}

describe("our parser builds the tree-sitter path's model", () => {
  it("lists the differences it accepts, each with its reason", () => {
    expect(ACCEPTED_DIFFERENCES).toHaveLength(2);
  });

  it("on every fixture", () => {
    const files = fg.sync(["**/*.tf", "**/*.tfvars"], { cwd: FIXTURES, absolute: true, dot: true }).sort();
    expect(files.length).toBeGreaterThan(20);
    expect(differences(files)).toEqual([]);
  });

  it.skipIf(!hasCorpus)("on every .tf and .tfvars file of the shared corpus", () => {
    const files = fg.sync(["**/*.tf", "**/*.tfvars"], { cwd: CORPUS, absolute: true, dot: true }).sort();
    expect(files.length).toBeGreaterThan(600);
    expect(differences(files)).toEqual([]);
  });
});
