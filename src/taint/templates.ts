import type { Expr, TemplateExpr, TemplatePart } from "../model/types.js";
import type { Scope, TaintAnalysis } from "./taint.js";
import type { Taint } from "./types.js";

/** An interpolation inside a template, with the template's text around it. */
export interface Interpolation {
  readonly expr: Expr;
  readonly part: Extract<TemplatePart, { kind: "interpolation" }>;
  /** The template's literal text before it (interpolations as U+0000), and after it. */
  readonly before: string;
  readonly after: string;
  /** The whole text (`before`, the interpolation's U+0000, `after`): one string for all interpolations of a template. */
  readonly text: string;
}

const HOLE = "\u0000";

type Piece = string | Extract<TemplatePart, { kind: "interpolation" }>;

function flatten(parts: readonly TemplatePart[], out: Piece[]): void {
  for (const part of parts) {
    if (part.kind === "literal") out.push(part.value);
    else if (part.kind === "interpolation") out.push(part);
    else if (part.kind === "if") {
      flatten(part.then, out);
      flatten(part.else, out);
    } else flatten(part.body, out);
  }
}

/** A template's literals and interpolations in order, directive bodies included. */
function piecesOf(template: TemplateExpr): Piece[] {
  const pieces: Piece[] = [];
  flatten(template.parts, pieces);
  return pieces;
}

function textOf(pieces: readonly Piece[]): string {
  return pieces.map((p) => (typeof p === "string" ? p : HOLE)).join("");
}

/**
 * A template's text as `interpolations` sees it: literals in order (directive bodies included),
 * each interpolation as U+0000. Cheap enough to test before any taint is computed.
 */
export function templateText(template: TemplateExpr): string {
  return textOf(piecesOf(template));
}

/** Every interpolation of a template (directive bodies included), with its context. */
export function interpolations(template: TemplateExpr): Interpolation[] {
  const pieces = piecesOf(template);
  const text = textOf(pieces);
  const out: Interpolation[] = [];
  let offset = 0;
  for (const piece of pieces) {
    if (typeof piece === "string") {
      offset += piece.length;
      continue;
    }
    out.push({ expr: piece.expr, part: piece, before: text.slice(0, offset), after: text.slice(offset + 1), text });
    offset += 1;
  }
  return out;
}

/** The interpolations of every template inside an expression that carry a secret. */
export function taintedInterpolations(expr: Expr, taint: TaintAnalysis, scope: Scope, visit: (templates: TemplateExpr) => void = () => undefined): { interpolation: Interpolation; taint: Taint }[] {
  const found: { interpolation: Interpolation; taint: Taint }[] = [];
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) break;
    if (current.kind === "template") {
      visit(current);
      for (const interpolation of interpolations(current)) {
        const t = taint.taintOf(interpolation.expr, scope);
        if (t.length > 0) found.push({ interpolation, taint: t });
      }
      continue;
    }
    if (current.kind === "conditional") stack.push(current.then, current.else);
    else if (current.kind === "call" && ["join", "format", "replace", "trimspace", "chomp"].includes(current.name)) for (const arg of current.args) stack.push(arg);
    else if (current.kind === "parens") stack.push(current.expr);
  }
  return found;
}
