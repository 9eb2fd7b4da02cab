import type { Expr, HclFile, Position, Range } from "../../../src/model/types.js";

/**
 * Where the model of our parser (src/hcl/parser.ts) differs from the one the tree-sitter path built,
 * on purpose: bugs of the old path, fixed. The comparison test rewrites the old model by these rules
 * before it compares, so every other difference still fails the test, naming the file and the first
 * difference.
 *
 * 1. Conditionals nest to the right, as in HashiCorp's hclsyntax: `a ? b : c ? d : e` is
 *    `a ? b : (c ? d : e)`. The tree-sitter grammar nested them to the left, `(a ? b : c) ? d : e`,
 *    so the condition of the outer one was a conditional (14 corpus files).
 * 2. The range of an attribute splat step (`.*`) is the two characters `.*`. The old builder's range
 *    ran on to the end of the attribute after it (`.*.value`) (5 corpus files).
 */
export const ACCEPTED_DIFFERENCES = [
  "conditionals nest to the right (hclsyntax), not to the left (tree-sitter grammar)",
  "an attribute splat step's range is `.*`, not `.*` and the attribute after it",
] as const;

type Json = unknown;

function shiftedEnd(start: Position, chars: number): Position {
  return { line: start.line, column: start.column + chars, offset: start.offset + chars };
}

function isNode(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null;
}

/** `(c1 ? a : c2) ? b : e` -> `c1 ? a : (c2 ? b : e)`, until the condition is not a conditional. */
function rightNested(expr: Expr & { kind: "conditional" }): Expr & { kind: "conditional" } {
  let node = expr;
  while (node.condition.kind === "conditional") {
    const inner = node.condition;
    const otherwise: Expr = { kind: "conditional", condition: inner.else, then: node.then, else: node.else, range: { start: inner.else.range.start, end: node.else.range.end } };
    node = { kind: "conditional", condition: inner.condition, then: inner.then, else: otherwise, range: node.range };
  }
  return node;
}

function rewrite(value: Json, text: string): Json {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, text));
  if (!isNode(value)) return value;
  let node: Record<string, Json> = value;
  if (node.kind === "conditional") node = rightNested(node as unknown as Expr & { kind: "conditional" }) as unknown as Record<string, Json>;
  if (node.kind === "splat" && isNode(node.range)) {
    const range = node.range as unknown as Range;
    if (text.startsWith(".*", range.start.offset) && range.end.offset > range.start.offset + 2) {
      node = { ...node, range: { start: range.start, end: shiftedEnd(range.start, 2) } };
    }
  }
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(node)) out[key] = key === "range" || key === "nameRange" || key === "headerRange" ? child : rewrite(child, text);
  return out;
}

/** The old model with the accepted differences applied: what our parser must build exactly. */
export function withAcceptedDifferences(file: HclFile): { body: Json; comments: Json } {
  // ranges compute line and column when read: work on the plain JSON form
  const plain = JSON.parse(JSON.stringify({ body: file.body, comments: file.comments })) as { body: Json; comments: Json };
  return { body: rewrite(plain.body, file.text), comments: plain.comments };
}
