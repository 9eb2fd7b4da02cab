import type { LiteNode as Node, LiteTree } from "./lite-tree.js";
import type {
  Attribute,
  Block,
  Body,
  Comment,
  Expr,
  ObjectItem,
  Range,
  TemplateExpr,
  TemplatePart,
  TraversalStep,
} from "../../../src/model/types.js";
import { type LineIndex, spanRange } from "../../../src/model/positions.js";
import { decodeHeredoc, decodeQuoted } from "../../../src/hcl/strings.js";

/** Nesting deeper than this is reported as an error instead of risking the call stack. */
export const MAX_NESTING = 400;

export class NestingTooDeepError extends Error {
  constructor(readonly offset: number) {
    super(`expressions are nested more than ${String(MAX_NESTING)} levels deep`);
  }
}

export interface BuiltSyntax {
  readonly body: Body;
  readonly comments: Comment[];
  /** Offsets of tree-sitter ERROR / MISSING nodes: the file has a syntax error there. */
  readonly errorOffsets: number[];
}

const OPERATOR_TOKENS = new Set(["+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!"]);

/**
 * Turns a tree-sitter HCL syntax tree into the typed model. Offsets may be shifted (`offsetShift`)
 * when the text was wrapped before parsing.
 */
export class ModelBuilder {
  private depth = 0;
  readonly comments: Comment[] = [];
  readonly errorOffsets: number[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  build(tree: LiteTree): BuiltSyntax {
    for (const comment of tree.comments) this.comments.push(this.comment(comment));
    for (const error of tree.errors) this.errorOffsets.push(error.startIndex);
    const items: (Attribute | Block)[] = [];
    for (const child of tree.root.namedChildren) {
      if (child.type === "body") items.push(...this.body(child).items);
    }
    return { body: { items }, comments: this.comments, errorOffsets: this.errorOffsets };
  }

  private range(node: Node): Range {
    return this.lines.range(node.startIndex, node.endIndex);
  }

  private comment(node: Node): Comment {
    const text = node.text;
    const style = text.startsWith("#") ? "#" : text.startsWith("//") ? "//" : "/*";
    return { text, style, range: this.range(node) };
  }

  body(node: Node): Body {
    const items: (Attribute | Block)[] = [];
    for (const child of node.namedChildren) {
      if (child.type === "attribute") {
        const attribute = this.attribute(child);
        if (attribute) items.push(attribute);
      } else if (child.type === "block") {
        const block = this.block(child);
        if (block) items.push(block);
      }
    }
    return { items };
  }

  private attribute(node: Node): Attribute | null {
    const name = node.namedChildren.find((c) => c.type === "identifier");
    const value = node.namedChildren.find((c) => c.type === "expression");
    if (!name || !value) return null;
    return {
      kind: "attribute",
      name: name.text,
      nameRange: this.range(name),
      value: this.expression(value),
      range: this.range(node),
    };
  }

  private block(node: Node): Block | null {
    const named = node.namedChildren;
    const typeNode = named[0];
    if (typeNode?.type !== "identifier") return null;
    const labels: string[] = [];
    let headerEnd = typeNode.endIndex;
    let bodyNode: Node | null = null;
    for (const child of named.slice(1)) {
      if (child.type === "string_lit") {
        labels.push(decodeQuoted(this.innerText(child)));
        headerEnd = child.endIndex;
      } else if (child.type === "identifier") {
        labels.push(child.text);
        headerEnd = child.endIndex;
      } else if (child.type === "body") bodyNode = child;
    }
    return {
      kind: "block",
      type: typeNode.text,
      labels,
      headerRange: this.lines.range(typeNode.startIndex, headerEnd),
      body: bodyNode ? this.body(bodyNode) : { items: [] },
      range: this.range(node),
    };
  }

  /** The text between the quotes of a string_lit / quoted_template. */
  private innerText(node: Node): string {
    const start = node.children.find((c) => c.type === "quoted_template_start");
    const end = node.children.find((c) => c.type === "quoted_template_end");
    const from = start ? start.endIndex : node.startIndex;
    const to = end && !end.isMissing ? end.startIndex : node.endIndex;
    return this.text.slice(from, to);
  }

  expression(node: Node): Expr {
    this.depth++;
    try {
      if (this.depth > MAX_NESTING) throw new NestingTooDeepError(node.startIndex);
      return this.termSequence(node.children, node);
    } finally {
      this.depth--;
    }
  }

  /**
   * tree-sitter-hcl flattens postfix operators: `a.b[0]` is (variable_expr)(get_attr)(index) side by
   * side, and binary operands are such runs too. This folds a run of children into one expression.
   */
  private termSequence(children: Node[], whole: Node): Expr {
    const operatorIndex = children.findIndex((c) => !c.isNamed && OPERATOR_TOKENS.has(c.type));
    if (operatorIndex === 0 && children.length > 1) {
      // unary
      const operand = this.termSequence(children.slice(1), whole);
      return {
        kind: "operation",
        operator: children[0]?.type ?? "",
        operands: [operand],
        range: { start: this.lines.position(children[0]?.startIndex ?? whole.startIndex), end: operand.range.end },
      };
    }
    if (operatorIndex > 0) {
      const left = this.termSequence(children.slice(0, operatorIndex), whole);
      const right = this.termSequence(children.slice(operatorIndex + 1), whole);
      return {
        kind: "operation",
        operator: children[operatorIndex]?.type ?? "",
        operands: [left, right],
        range: spanRange(left.range, right.range),
      };
    }
    let base: Expr | null = null;
    let index = 0;
    const first = children[0];
    if (first && !first.isNamed && first.type === "(") {
      const close = children.findIndex((c) => !c.isNamed && c.type === ")");
      const inner = children.find((c) => c.type === "expression");
      const end = close >= 0 ? (children[close]?.endIndex ?? whole.endIndex) : whole.endIndex;
      base = {
        kind: "parens",
        expr: inner ? this.expression(inner) : this.nullAt(first),
        range: this.lines.range(first.startIndex, end),
      };
      index = close >= 0 ? close + 1 : children.length;
    } else if (first) {
      base = this.primary(first);
      index = 1;
    }
    if (!base) return this.nullAt(whole);
    const steps: TraversalStep[] = [];
    for (; index < children.length; index++) {
      const child = children[index];
      if (child) this.postfix(child, steps);
    }
    if (steps.length === 0) return base;
    // ranges are already in file coordinates (they may be shifted): combine them, never re-map offsets
    const range = spanRange(base.range, steps[steps.length - 1]?.range ?? base.range);
    if (base.kind === "traversal") return { ...base, steps: [...base.steps, ...steps], range };
    return { kind: "traversal", root: null, source: base, steps, range };
  }

  private postfix(node: Node, steps: TraversalStep[]): void {
    switch (node.type) {
      case "get_attr": {
        const name = node.namedChildren.find((c) => c.type === "identifier");
        steps.push({ kind: "attr", name: name?.text ?? "", range: this.range(node) });
        break;
      }
      case "index": {
        const inner = node.namedChildren[0];
        if (inner?.type === "new_index") {
          const keyNode = inner.namedChildren.find((c) => c.type === "expression");
          steps.push({ kind: "index", key: keyNode ? this.expression(keyNode) : this.nullAt(inner), range: this.range(node) });
        } else if (inner) {
          // legacy `.0`
          const digits = inner.text.replace(/^\./, "");
          steps.push({
            kind: "index",
            key: { kind: "literal", value: Number(digits), range: this.range(inner) },
            range: this.range(node),
          });
        }
        break;
      }
      case "splat": {
        const kind = node.namedChildren[0];
        if (!kind) break;
        const marker = kind.children[0];
        steps.push({ kind: "splat", range: marker ? this.lines.range(kind.startIndex, kind.children[kind.type === "full_splat" ? 2 : 1]?.endIndex ?? marker.endIndex) : this.range(kind) });
        for (const child of kind.namedChildren) this.postfix(child, steps);
        break;
      }
      default:
        break;
    }
  }

  private nullAt(node: Node): Expr {
    return { kind: "literal", value: null, range: this.lines.range(node.startIndex, node.startIndex) };
  }

  private primary(node: Node): Expr {
    const range = this.range(node);
    switch (node.type) {
      case "expression":
        return this.expression(node);
      case "literal_value":
        return this.literal(node);
      case "variable_expr":
        return { kind: "traversal", root: node.text, source: null, steps: [], range };
      case "template_expr": {
        const inner = node.namedChildren[0];
        return inner ? this.template(inner) : this.nullAt(node);
      }
      case "collection_value": {
        const inner = node.namedChildren[0];
        if (inner?.type === "tuple") {
          return {
            kind: "tuple",
            items: inner.namedChildren.filter((c) => c.type === "expression").map((c) => this.expression(c)),
            range,
          };
        }
        if (inner?.type === "object") return this.object(inner, range);
        return this.nullAt(node);
      }
      case "function_call": {
        const name = node.namedChildren.find((c) => c.type === "identifier");
        const argsNode = node.namedChildren.find((c) => c.type === "function_arguments");
        const args = argsNode
          ? argsNode.namedChildren.filter((c) => c.type === "expression").map((c) => this.expression(c))
          : [];
        return {
          kind: "call",
          name: name?.text ?? "",
          nameRange: name ? this.range(name) : range,
          args,
          expandFinal: argsNode?.namedChildren.some((c) => c.type === "ellipsis") ?? false,
          range,
        };
      }
      case "conditional": {
        const parts = node.namedChildren.filter((c) => c.type === "expression").map((c) => this.expression(c));
        const [condition, then, otherwise] = parts;
        if (!condition || !then || !otherwise) return this.nullAt(node);
        return { kind: "conditional", condition, then, else: otherwise, range };
      }
      case "operation": {
        const inner = node.namedChildren[0];
        if (!inner) return this.nullAt(node);
        return this.termSequence(inner.children, inner);
      }
      case "for_expr":
        return this.forExpr(node, range);
      default:
        return this.nullAt(node);
    }
  }

  private literal(node: Node): Expr {
    const inner = node.namedChildren[0];
    const range = this.range(node);
    switch (inner?.type) {
      case "numeric_lit":
        return { kind: "literal", value: Number(inner.text), range };
      case "bool_lit":
        return { kind: "literal", value: inner.text === "true", range };
      case "null_lit":
        return { kind: "literal", value: null, range };
      case "string_lit":
        return { kind: "literal", value: decodeQuoted(this.innerText(inner)), range };
      default:
        return { kind: "literal", value: null, range };
    }
  }

  private object(node: Node, range: Range): Expr {
    const items: ObjectItem[] = [];
    for (const elem of node.namedChildren) {
      if (elem.type !== "object_elem") continue;
      const keyNode = elem.childForFieldName("key");
      const valNode = elem.childForFieldName("val");
      if (!keyNode || !valNode) continue;
      const key = this.expression(keyNode);
      let keyName: string | null = null;
      if (key.kind === "traversal" && key.root !== null && key.steps.length === 0) keyName = key.root;
      else if (key.kind === "literal" && typeof key.value === "string") keyName = key.value;
      items.push({ key, keyName, value: this.expression(valNode), range: this.range(elem) });
    }
    return { kind: "object", items, range };
  }

  private forExpr(node: Node, range: Range): Expr {
    const inner = node.namedChildren[0];
    if (!inner) return this.nullAt(node);
    const intro = inner.namedChildren.find((c) => c.type === "for_intro");
    const idents = intro?.namedChildren.filter((c) => c.type === "identifier") ?? [];
    const collectionNode = intro?.namedChildren.find((c) => c.type === "expression");
    const exprs = inner.namedChildren.filter((c) => c.type === "expression").map((c) => this.expression(c));
    const condNode = inner.namedChildren.find((c) => c.type === "for_cond");
    const condExpr = condNode?.namedChildren.find((c) => c.type === "expression");
    const isObject = inner.type === "for_object_expr";
    const keyVar = idents.length > 1 ? (idents[0]?.text ?? null) : null;
    const valueVar = idents[idents.length - 1]?.text ?? "";
    const valueExpr = isObject ? exprs[1] : exprs[0];
    if (!collectionNode || !valueExpr) return this.nullAt(node);
    return {
      kind: "for",
      isObject,
      keyVar,
      valueVar,
      collection: this.expression(collectionNode),
      keyExpr: isObject ? (exprs[0] ?? null) : null,
      valueExpr,
      condition: condExpr ? this.expression(condExpr) : null,
      grouping: inner.namedChildren.some((c) => c.type === "ellipsis"),
      range,
    };
  }

  private template(node: Node): TemplateExpr {
    const range = this.range(node);
    if (node.type === "heredoc_template") {
      const identifiers = node.namedChildren.filter((c) => c.type === "heredoc_identifier");
      const start = node.namedChildren.find((c) => c.type === "heredoc_start");
      const open = identifiers[0];
      const close = identifiers.length > 1 ? identifiers[identifiers.length - 1] : undefined;
      const newline = this.text.indexOf("\n", open?.endIndex ?? node.startIndex);
      const contentStart = newline === -1 ? node.endIndex : newline + 1;
      let contentEnd = close ? close.startIndex : node.endIndex;
      // the closing marker may be indented: the content ends at the start of its line
      while (contentEnd > contentStart && this.text[contentEnd - 1] !== "\n") contentEnd--;
      const children = node.namedChildren.filter(
        (c) => (c.type === "template_interpolation" || c.type === "template_directive"),
      );
      return {
        kind: "template",
        parts: this.parts(contentStart, Math.max(contentStart, contentEnd), children, true),
        heredoc: { marker: open?.text ?? "", strip: (start?.text ?? "").startsWith("<<-") },
        range,
      };
    }
    const startTok = node.children.find((c) => c.type === "quoted_template_start");
    const endTok = node.children.find((c) => c.type === "quoted_template_end");
    const from = startTok ? startTok.endIndex : node.startIndex;
    const to = endTok && !endTok.isMissing ? endTok.startIndex : node.endIndex;
    const children = node.namedChildren.filter(
      (c) => (c.type === "template_interpolation" || c.type === "template_directive"),
    );
    return { kind: "template", parts: this.parts(from, to, children, false), heredoc: null, range };
  }

  /** Literal text between interpolations and directives, decoded, with exact ranges. */
  private parts(from: number, to: number, children: Node[], heredoc: boolean): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let cursor = from;
    const pushLiteral = (end: number): void => {
      if (end > cursor) {
        const raw = this.text.slice(cursor, end);
        parts.push({ kind: "literal", value: heredoc ? decodeHeredoc(raw) : decodeQuoted(raw), range: this.lines.range(cursor, end) });
      }
    };
    for (const child of children) {
      if (child.startIndex < cursor || child.startIndex > to) continue;
      pushLiteral(child.startIndex);
      if (child.type === "template_interpolation") {
        const exprNode = child.namedChildren.find((c) => c.type === "expression");
        parts.push({
          kind: "interpolation",
          expr: exprNode ? this.expression(exprNode) : this.nullAt(child),
          range: this.range(child),
        });
      } else {
        const directive = this.directive(child, heredoc);
        if (directive) parts.push(directive);
      }
      cursor = child.endIndex;
    }
    pushLiteral(to);
    return parts;
  }

  private directive(node: Node, heredoc: boolean): TemplatePart | null {
    const inner = node.namedChildren[0];
    if (!inner) return null;
    const range = this.range(node);
    const named = inner.namedChildren;
    const isBodyChild = (c: Node): boolean => c.type === "template_interpolation" || c.type === "template_directive";
    if (inner.type === "template_if") {
      const intro = named.find((c) => c.type === "template_if_intro");
      const elseIntro = named.find((c) => c.type === "template_else_intro");
      const end = named.find((c) => c.type === "template_if_end");
      const condNode = intro?.namedChildren.find((c) => c.type === "expression");
      if (!intro || !condNode) return null;
      const thenEnd = elseIntro ? elseIntro.startIndex : (end?.startIndex ?? inner.endIndex);
      const thenChildren = named.filter((c) => isBodyChild(c) && c.startIndex >= intro.endIndex && c.endIndex <= thenEnd);
      const elseChildren = elseIntro
        ? named.filter((c) => isBodyChild(c) && c.startIndex >= elseIntro.endIndex)
        : [];
      return {
        kind: "if",
        condition: this.expression(condNode),
        then: this.parts(intro.endIndex, thenEnd, thenChildren, heredoc),
        else: elseIntro ? this.parts(elseIntro.endIndex, end?.startIndex ?? inner.endIndex, elseChildren, heredoc) : [],
        range,
      };
    }
    if (inner.type === "template_for") {
      const start = named.find((c) => c.type === "template_for_start");
      const end = named.find((c) => c.type === "template_for_end");
      if (!start) return null;
      const idents = start.namedChildren.filter((c) => c.type === "identifier");
      const collectionNode = start.namedChildren.find((c) => c.type === "expression");
      if (!collectionNode) return null;
      const bodyChildren = named.filter((c) => isBodyChild(c));
      return {
        kind: "for",
        keyVar: idents.length > 1 ? (idents[0]?.text ?? null) : null,
        valueVar: idents[idents.length - 1]?.text ?? "",
        collection: this.expression(collectionNode),
        body: this.parts(start.endIndex, end?.startIndex ?? inner.endIndex, bodyChildren, heredoc),
        range,
      };
    }
    return null;
  }
}
