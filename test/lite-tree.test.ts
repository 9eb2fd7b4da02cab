import { readFileSync } from "node:fs";
import { join } from "node:path";
import fg from "fast-glob";
import { beforeAll, describe, expect, it } from "vitest";
import { type LiteNode, snapshot, snapshotPublic } from "../src/hcl/lite-tree.js";
import { getParser, initTreeSitter, planCompile, rawCursorApi, SHORT_RUN_BYTES } from "../src/hcl/tree-sitter.js";

/**
 * The tree copy is made through web-tree-sitter's internal cursor functions (fast path) when they
 * are reachable. It must be exactly the copy the public TreeCursor API gives.
 */
beforeAll(async () => {
  await initTreeSitter();
});

type Shape = [string, boolean, boolean, number, number, Shape[]];

function shape(node: LiteNode): Shape {
  return [node.type, node.isNamed, node.isMissing, node.startIndex, node.endIndex, node.children.map(shape)];
}

/** Both copies as JSON text: one string compare instead of a deep compare of a million nodes. */
function bothWalks(text: string): { fast: string; reference: string } {
  const tree = getParser().parse(text);
  if (!tree) throw new Error("no tree");
  try {
    const fast = snapshot(tree, text);
    const reference = snapshotPublic(tree, text);
    return {
      fast: JSON.stringify({ root: shape(fast.root), comments: fast.comments.map(shape), errors: fast.errors.map(shape) }),
      reference: JSON.stringify({ root: shape(reference.root), comments: reference.comments.map(shape), errors: reference.errors.map(shape) }),
    };
  } finally {
    tree.delete();
  }
}

describe("tree copy", () => {
  it("uses the direct cursor functions of the pinned web-tree-sitter", () => {
    expect(rawCursorApi()).not.toBeNull();
  });

  it("is the same through both walkers on every fixture, syntax errors included", () => {
    const files = fg.sync("fixtures/**/*.{tf,tftpl,tfvars}", { absolute: true });
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const { fast, reference } = bothWalks(readFileSync(file, "utf8"));
      expect(fast, file).toBe(reference);
    }
  });

  it("is the same on MISSING nodes, non-ASCII text and a tree large enough to grow WebAssembly memory", () => {
    const broken = 'locals {\n  a = (1 + \n  b = "é🙂${var.x"\n}\nresource "x" {\n';
    const { fast, reference } = bothWalks(broken);
    expect(fast).toBe(reference);
    expect(fast).toContain('"ERROR"');
    const heapBefore = rawCursorApi()?.heap32().length ?? 0;
    const big = `locals {\n${Array.from({ length: 12_000 }, (_, i) => `  v${String(i)} = ["ü", { k = var.x[${String(i)}] }]\n`).join("")}}\n`;
    const large = bothWalks(big);
    expect(rawCursorApi()?.heap32().length).toBeGreaterThan(heapBefore);
    expect(large.fast).toBe(large.reference);
  });

  it("is the same on the corpus when it is present", () => {
    const corpus = process.env.CORPUS_DIR ?? join(process.cwd(), "..", "shared", "corpus");
    const files = fg.sync("**/*.{tf,tftpl}", { cwd: corpus, absolute: true }).slice(0, 200);
    for (const file of files) {
      const { fast, reference } = bothWalks(readFileSync(file, "utf8"));
      expect(fast, file).toBe(reference);
    }
  });
});

describe("compile plan", () => {
  it("uses the baseline compiler below SHORT_RUN_BYTES and the optimising one from there on", () => {
    expect(planCompile(0)).toBe("baseline");
    expect(planCompile(SHORT_RUN_BYTES - 1)).toBe("baseline");
    expect(planCompile(SHORT_RUN_BYTES)).toBe("optimising");
    expect(planCompile(3_000_000)).toBe("optimising");
  });
});
