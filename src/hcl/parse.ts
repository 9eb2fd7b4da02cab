import type { FileKind, SyntaxError } from "../model/types.js";
import type { ParsedFile } from "./parsed-file.js";
import { MAX_NESTING, ModelBuilder, NestingTooDeepError } from "./build-model.js";
import { maxNesting, parseJsonFile } from "./json-model.js";
import { snapshot } from "./lite-tree.js";
import { LineIndex } from "../model/positions.js";
import { getParser } from "./tree-sitter.js";

export function fileKindOf(path: string): FileKind | null {
  if (path.endsWith(".tf.json")) return "tf.json";
  if (path.endsWith(".tfvars.json")) return "tfvars.json";
  if (path.endsWith(".tf")) return "tf";
  if (path.endsWith(".tfvars")) return "tfvars";
  if (path.endsWith(".tftpl")) return "tftpl";
  return null;
}

/**
 * A byte-order mark is replaced by a space of the same length so that every offset, line and column
 * stays exact while the parsers see ordinary whitespace.
 */
export function withoutBom(text: string): string {
  return text.startsWith("\uFEFF") ? " " + text.slice(1) : text;
}

export type { ParsedFile };

/** Parses one template file synchronously (tree-sitter must be initialised). */
export function parseFile(path: string, text: string, kind: FileKind): ParsedFile {
  const lines = new LineIndex(text);
  if (kind === "tftpl") {
    return { path, kind, text, body: { items: [] }, comments: [], syntaxErrors: [], suspectErrorOffsets: [] };
  }
  if (kind === "tf.json" || kind === "tfvars.json") return parseJsonFile(path, text, kind, lines);
  // absurd nesting is refused before tree-sitter sees it: parsing it costs hundreds of megabytes
  const nesting = maxNesting(text, MAX_NESTING);
  if (nesting.depth > MAX_NESTING) {
    const error: SyntaxError = { message: `expressions are nested more than ${String(MAX_NESTING)} levels deep`, range: lines.range(nesting.offset, nesting.offset) };
    return { path, kind, text, body: { items: [] }, comments: [], syntaxErrors: [error], suspectErrorOffsets: [] };
  }
  const tree = getParser().parse(withoutBom(text));
  if (!tree) {
    const error: SyntaxError = { message: "tree-sitter could not parse the file", range: lines.range(0, 0) };
    return { path, kind, text, body: { items: [] }, comments: [], syntaxErrors: [error], suspectErrorOffsets: [] };
  }
  try {
    const builder = new ModelBuilder(text, lines);
    const built = builder.build(snapshot(tree, withoutBom(text)));
    return {
      path,
      kind,
      text,
      body: built.body,
      comments: built.comments,
      syntaxErrors: [],
      suspectErrorOffsets: built.errorOffsets,
    };
  } catch (error) {
    if (error instanceof NestingTooDeepError) {
      const syntaxError: SyntaxError = { message: error.message, range: lines.range(error.offset, error.offset) };
      return { path, kind, text, body: { items: [] }, comments: [], syntaxErrors: [syntaxError], suspectErrorOffsets: [] };
    }
    throw error;
  } finally {
    tree.delete();
  }
}
