/**
 * The typed model of a Terraform/HCL file that every rule sees.
 *
 * It is JSON-shaped (blocks with labels and bodies, attributes with expressions) so that it can print
 * itself as @cdktf/hcl2json does, and every node carries an exact source range. Rules never see
 * tree-sitter nodes or files: only these types.
 */

/** A 1-based line and column (UTF-16 code units, as ESLint counts) plus the 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A source range; `end` is exclusive. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TraversalExpr
  | CallExpr
  | TupleExpr
  | ObjectExpr
  | ConditionalExpr
  | ForExpr
  | OperationExpr
  | ParensExpr
  | SplatExpr;

interface ExprBase {
  readonly range: Range;
}

export interface LiteralExpr extends ExprBase {
  readonly kind: "literal";
  readonly value: string | number | boolean | null;
}

export type TemplatePart = TemplateLiteralPart | TemplateInterpolationPart | TemplateIfPart | TemplateForPart;

export interface TemplateLiteralPart {
  readonly kind: "literal";
  /** Decoded text (escapes resolved, `$${` made `${`); heredoc indentation is not yet stripped. */
  readonly value: string;
  readonly range: Range;
}

export interface TemplateInterpolationPart {
  readonly kind: "interpolation";
  readonly expr: Expr;
  readonly range: Range;
}

export interface TemplateIfPart {
  readonly kind: "if";
  readonly condition: Expr;
  readonly then: readonly TemplatePart[];
  readonly else: readonly TemplatePart[];
  readonly range: Range;
}

export interface TemplateForPart {
  readonly kind: "for";
  readonly keyVar: string | null;
  readonly valueVar: string;
  readonly collection: Expr;
  readonly body: readonly TemplatePart[];
  readonly range: Range;
}

export interface TemplateExpr extends ExprBase {
  readonly kind: "template";
  readonly parts: readonly TemplatePart[];
  /** Set for heredocs: the marker and whether `<<-` asks for indentation to be stripped. */
  readonly heredoc: { readonly marker: string; readonly strip: boolean } | null;
}

export type TraversalStep =
  | { readonly kind: "attr"; readonly name: string; readonly range: Range }
  | { readonly kind: "index"; readonly key: Expr; readonly range: Range }
  | { readonly kind: "splat"; readonly range: Range };

/**
 * A reference such as `var.x`, `data.coder_parameter.p.value`, `aws_instance.x[0].id` or
 * `local.m["k"]`. Traversals that start at another expression (`f(x).y`, `(a).b`) have `source`.
 */
export interface TraversalExpr extends ExprBase {
  readonly kind: "traversal";
  readonly root: string | null;
  readonly source: Expr | null;
  readonly steps: readonly TraversalStep[];
}

export interface SplatExpr extends ExprBase {
  readonly kind: "splat";
  readonly source: Expr;
}

export interface CallExpr extends ExprBase {
  readonly kind: "call";
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expr[];
  readonly expandFinal: boolean;
}

export interface TupleExpr extends ExprBase {
  readonly kind: "tuple";
  readonly items: readonly Expr[];
}

export interface ObjectItem {
  readonly key: Expr;
  /** The key as a static string when it is a bare identifier or a literal string; otherwise null. */
  readonly keyName: string | null;
  readonly value: Expr;
  readonly range: Range;
}

export interface ObjectExpr extends ExprBase {
  readonly kind: "object";
  readonly items: readonly ObjectItem[];
}

export interface ConditionalExpr extends ExprBase {
  readonly kind: "conditional";
  readonly condition: Expr;
  readonly then: Expr;
  readonly else: Expr;
}

export interface ForExpr extends ExprBase {
  readonly kind: "for";
  readonly isObject: boolean;
  readonly keyVar: string | null;
  readonly valueVar: string;
  readonly collection: Expr;
  /** The key expression of `{for k, v in c : KEY => VALUE}`; null for tuple `for`. */
  readonly keyExpr: Expr | null;
  readonly valueExpr: Expr;
  readonly condition: Expr | null;
  readonly grouping: boolean;
}

export interface OperationExpr extends ExprBase {
  readonly kind: "operation";
  readonly operator: string;
  readonly operands: readonly Expr[];
}

export interface ParensExpr extends ExprBase {
  readonly kind: "parens";
  readonly expr: Expr;
}

export interface Attribute {
  readonly kind: "attribute";
  readonly name: string;
  readonly nameRange: Range;
  readonly value: Expr;
  readonly range: Range;
}

export interface Block {
  readonly kind: "block";
  readonly type: string;
  readonly labels: readonly string[];
  /** From the type keyword to the end of the last label: where header findings are reported. */
  readonly headerRange: Range;
  readonly body: Body;
  readonly range: Range;
}

export interface Body {
  /** Attributes and blocks in source order. */
  readonly items: readonly (Attribute | Block)[];
}

export interface Comment {
  readonly text: string;
  /** `#`, `//` or `/*`. */
  readonly style: "#" | "//" | "/*";
  readonly range: Range;
}

export type FileKind = "tf" | "tf.json" | "tfvars" | "tfvars.json" | "tftpl";

export interface SyntaxError {
  readonly message: string;
  readonly range: Range;
}

export interface HclFile {
  /** Absolute path. */
  readonly path: string;
  readonly kind: FileKind;
  readonly text: string;
  readonly body: Body;
  readonly comments: readonly Comment[];
  /** Set when the file could not be parsed; the body then holds what could be recovered (maybe nothing). */
  readonly syntaxErrors: readonly SyntaxError[];
}
