import type { Expr, TemplateExpr, TemplatePart } from "../model/types.js";
import type { Scope, TaintAnalysis } from "./taint.js";
import { functionBehaviour, functionName } from "./functions.js";
import type { Hop, Taint } from "./types.js";

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

/** A tainted interpolation, in the file where it is written, with the locals the text came through. */
export interface TaintedInterpolation {
  readonly interpolation: Interpolation;
  readonly taint: Taint;
  readonly file: string;
  /** The locals between the sink and the template (`local.startup`), outermost first. */
  readonly via: readonly Hop[];
}

/** Locals followed at most this deep. */
const MAX_LOCAL_DEPTH = 32;

/**
 * The interpolations that carry a secret in every template a sink's text is built from: written
 * inline, or in a local (`script = local.startup`), a conditional's branches, the arguments of
 * functions that pass text through (`join`, `format`, `replace`, ...) and tuple items. Each is
 * reported where it is written, with the locals on the way.
 */
export function taintedInterpolations(
  expr: Expr,
  taint: TaintAnalysis,
  scope: Scope,
  visit: (templates: TemplateExpr) => void = () => undefined,
  onTemplatefile: (call: Extract<Expr, { kind: "call" }>, scope: Scope, via: readonly Hop[]) => void = () => undefined,
): TaintedInterpolation[] {
  const found: TaintedInterpolation[] = [];
  const stack: { expr: Expr; scope: Scope; via: readonly Hop[] }[] = [{ expr, scope, via: [] }];
  const followed = new Set<string>();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const current = item.expr;
    if (current.kind === "template") {
      visit(current);
      for (const interpolation of interpolations(current)) {
        const t = taint.taintOf(interpolation.expr, item.scope);
        if (t.length > 0) found.push({ interpolation, taint: t, file: item.scope.file, via: item.via });
      }
      continue;
    }
    if (current.kind === "conditional") stack.push({ ...item, expr: current.else }, { ...item, expr: current.then });
    else if (current.kind === "parens") stack.push({ ...item, expr: current.expr });
    else if (current.kind === "tuple") for (const element of current.items) stack.push({ ...item, expr: element });
    else if (current.kind === "call" && functionName(current.name) === "templatefile") onTemplatefile(current, item.scope, item.via);
    else if (current.kind === "call" && functionBehaviour(current.name) === "passes") {
      for (const arg of current.args) stack.push({ ...item, expr: arg });
    } else if (current.kind === "traversal" && current.root === "local" && current.steps.length === 1 && current.steps[0]?.kind === "attr") {
      const name = current.steps[0].name;
      const local = taint.module.findLocal(name);
      if (!local || followed.has(name) || item.via.length >= MAX_LOCAL_DEPTH) continue;
      followed.add(name);
      const hop: Hop = { label: `local.${name}`, file: local.file.path, range: local.node.nameRange };
      stack.push({ expr: local.node.value, scope: { file: local.file.path, bindings: new Map() }, via: [...item.via, hop] });
    }
  }
  return found;
}
