import type { HclFile } from "../../../src/model/types.js";
import { LineIndex } from "../../../src/model/positions.js";
import { ModelBuilder } from "./build-model.js";
import { snapshot } from "./lite-tree.js";
import { getParser, initTreeSitter } from "./tree-sitter.js";

export { initTreeSitter };

/**
 * The model as the tree-sitter path built it (before src/hcl/parser.ts), for `.tf`/`.tfvars` text,
 * and whether tree-sitter saw an error. Test support only.
 */
export function parseWithTreeSitter(path: string, text: string): { file: HclFile; treeSitterError: boolean } {
  const source = text.startsWith("\uFEFF") ? " " + text.slice(1) : text;
  const tree = getParser().parse(source);
  if (!tree) throw new Error("tree-sitter could not parse the file");
  try {
    const built = new ModelBuilder(text, new LineIndex(text)).build(snapshot(tree, source));
    return {
      file: { path, kind: path.endsWith(".tfvars") ? "tfvars" : "tf", text, body: built.body, comments: built.comments, syntaxErrors: [] },
      treeSitterError: built.errorOffsets.length > 0,
    };
  } finally {
    tree.delete();
  }
}
