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
} from "../model/types.js";
import { endOffsetOf, type LineIndex, startOffsetOf } from "../model/positions.js";
import { decodeHeredoc, decodeQuoted } from "./strings.js";

/**
 * HCL native syntax, parsed by hand into the model of `src/model/types.ts`.
 *
 * One pass over the text with `charCodeAt`, no token array: the scanner is driven by the parser,
 * which knows the mode (body, expression, quoted template, heredoc) that decides what a character
 * means. Newlines end arguments in bodies and separate object items, and are ignored inside
 * parentheses, brackets, interpolations and `for` expressions, as in HashiCorp's hclsyntax.
 *
 * Input depth never becomes unbounded stack depth: every nested body, expression and template
 * directive counts against MAX_NESTING, and long operator chains (built in a loop, not by
 * recursion) count their length, so a hostile file gets a syntax error instead of a stack overflow.
 * The first syntax error ends the parse; messages follow HashiCorp's wording and never quote the
 * source text (it may hold a secret).
 */

/** Nesting deeper than this is reported as a syntax error instead of risking the call stack. */
export const MAX_NESTING = 400;

/** The first syntax error of a file: a summary and detail in hclsyntax's terms, and where. */
export class HclParseError extends Error {
  constructor(
    readonly summary: string,
    readonly detail: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(detail ? `${summary}: ${detail}` : summary);
  }
}

/**
 * The largest model one file may build, counted in source ranges (every node has one; a dense
 * template builds about one per 5 bytes). A model costs ~100 bytes a range, and the analysis and
 * rules hold more on top: past this a file is reported as too large to analyse, alone, instead of
 * taking the machine's memory (`--max-file-size` raised to 25 MB must not need gigabytes).
 */
export const MAX_MODEL_RANGES = 2_500_000;

/**
 * What the models of a run may hold at once, in ranges: shared by the files parsed together (a
 * folder and the modules it calls), so that six dense 4 MB files in one folder do not take the
 * machine's memory. The files that fit are linted; the others are reported as not linted.
 */
export interface ModelBudget {
  readonly total: number;
  remaining: number;
}

/** A file whose model would be larger than MAX_MODEL_RANGES, or than what is left of the budget: not linted (exit code 3). */
export class ModelTooLargeError extends Error {
  constructor(readonly limit: number, overBudget = false) {
    super(
      overBudget
        ? `The templates parsed with this file exceed the memory budget of ${limit.toLocaleString("en-US")} syntax nodes for one folder; not linted`
        : `File is too large to analyse: its syntax tree has more than ${limit.toLocaleString("en-US")} nodes; not linted`,
    );
  }
}

export interface ParsedSyntax {
  readonly body: Body;
  readonly comments: Comment[];
}

// character codes
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const QUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const PERCENT = 37;
const AMP = 38;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COLON = 58;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;
const TILDE = 126;
const BOM = 0xfeff;

const ID_START = /[\p{ID_Start}]/u;
/** Sticky scanners: they always match (maybe nothing) and leave lastIndex after the run. */
const ASCII_ID_CONTINUE = /[A-Za-z0-9_-]*/y;
const QUOTED_TEXT = /[^"\\$%\n\0]*/y;
const ID_CONTINUE = /[\p{ID_Continue}]/u;

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === UNDERSCORE;
}

function isAsciiIdContinue(c: number): boolean {
  return isAsciiIdStart(c) || isDigit(c) || c === MINUS;
}

/** The steps of a bare name (`var`, `local`): shared, as most references have none of their own. */
const NO_STEPS: readonly TraversalStep[] = Object.freeze([]);

type Operator = readonly [string, number];
const OR: Operator = ["||", 1];
const AND: Operator = ["&&", 2];
const EQUAL: Operator = ["==", 3];
const NOT_EQUAL: Operator = ["!=", 3];
const LESS_EQUAL: Operator = ["<=", 4];
const LESS: Operator = ["<", 4];
const GREATER_EQUAL: Operator = [">=", 4];
const GREATER: Operator = [">", 4];
const ADD: Operator = ["+", 5];
const SUBTRACT: Operator = ["-", 5];
const MULTIPLY: Operator = ["*", 6];
const DIVIDE: Operator = ["/", 6];
const MODULO: Operator = ["%", 6];

/** The binary operator at `pos`: [text, precedence] (hclsyntax's levels, 1 = loosest), or null. */
function binaryOperatorAt(text: string, pos: number): Operator | null {
  const c = text.charCodeAt(pos);
  const next = text.charCodeAt(pos + 1);
  switch (c) {
    case PIPE:
      return next === PIPE ? OR : null;
    case AMP:
      return next === AMP ? AND : null;
    case EQ:
      return next === EQ ? EQUAL : null;
    case BANG:
      return next === EQ ? NOT_EQUAL : null;
    case LT:
      return next === EQ ? LESS_EQUAL : next === LT ? null : LESS;
    case GT:
      return next === EQ ? GREATER_EQUAL : GREATER;
    case PLUS:
      return ADD;
    case MINUS:
      return SUBTRACT;
    case STAR:
      return MULTIPLY;
    case SLASH:
      return DIVIDE;
    case PERCENT:
      return MODULO;
    default:
      return null;
  }
}

const NESTING_TOO_DEEP = `expressions are nested more than ${String(MAX_NESTING)} levels deep`;
const MISSING_EXPRESSION = "Expected the start of an expression, but found the end of the file.";
const INVALID_EXPRESSION = "Expected the start of an expression, but found an invalid expression token.";
const INVALID_CHARACTER = "This character is not used within the language.";

/** Bodies with fewer items than this find a redefined attribute by a scan of their items, without a Map. */
const SMALL_BODY = 12;

/** The offset of the attribute named `name` among `items`, if any. */
function earlierAttribute(items: readonly (Attribute | Block)[], name: string): number | undefined {
  for (const item of items) if (item.kind === "attribute" && item.name === name) return startOffsetOf(item.nameRange);
  return undefined;
}

function attributeOffsets(items: readonly (Attribute | Block)[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const item of items) if (item.kind === "attribute") seen.set(item.name, startOffsetOf(item.nameRange));
  return seen;
}

/** A block type and its labels, as a path in a tree: `leaf` where a block's path ends. */
interface BlockPathNode {
  leaf: boolean;
  readonly children: Map<string, BlockPathNode>;
}

/** What ended a template sequence: its end, or a directive that closes or splits the enclosing one. */
interface SequenceEnd {
  readonly kind: "end" | "else" | "endif" | "endfor";
  /** Where the closing directive starts and ends (for "end", the position of the terminator). */
  readonly start: number;
  readonly end: number;
}


export class HclParser {
  private pos = 0;
  /** Are newlines significant here (bodies, object items), or whitespace (inside brackets)? */
  private newlines = true;
  private depth = 0;
  private readonly comments: Comment[] = [];
  private lastCommentStart = -1;
  /** Ranges built so far: the size of the model, bounded by MAX_MODEL_RANGES. */
  private ranges = 0;
  private readonly length: number;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly budget: ModelBudget | null = null,
  ) {
    this.length = text.length;
  }

  /** Parses a whole file: a body of attributes and blocks. Throws HclParseError on the first error. */
  parseFile(): ParsedSyntax {
    // a NUL anywhere is an invalid character, never an early end of the file
    const nul = this.text.indexOf("\0");
    if (nul !== -1) this.fail("Invalid character", "NUL characters are not used within the language.", nul, nul + 1);
    if (this.text.charCodeAt(0) === BOM) this.pos = 1;
    const body = this.parseBody(-1);
    return { body, comments: this.comments };
  }

  /** The comments read so far: all of them after a successful parse, those before a syntax error otherwise. */
  commentsSoFar(): Comment[] {
    return this.comments;
  }

  /**
   * Parses the quoted template that spans `start..end` (a JSON string token, whose escapes are a
   * superset of HCL's): the template expression, or null when it is not a valid HCL template.
   */
  parseQuotedTemplateAt(start: number, end: number): Expr | null {
    this.pos = start;
    try {
      const expr = this.parseQuoted();
      return this.pos === end ? expr : null;
    } catch (error) {
      if (error instanceof HclParseError) return null;
      throw error;
    }
  }

  // ---------------------------------------------------------------- errors and positions

  private range(start: number, end: number): Range {
    if (++this.ranges > MAX_MODEL_RANGES) throw new ModelTooLargeError(MAX_MODEL_RANGES);
    if (this.budget && --this.budget.remaining < 0) throw new ModelTooLargeError(this.budget.total, true);
    return this.lines.range(start, end);
  }

  /** The range from the start of `a` to the end of `b` (both built by this parser). */
  private span(a: Range, b: Range): Range {
    return this.range(startOffsetOf(a), endOffsetOf(b));
  }

  private fail(summary: string, detail: string, start = this.pos, end = Math.min(this.length, start + 1)): never {
    throw new HclParseError(summary, detail, start, Math.max(start, end));
  }

  /** The error for a place where an expression should start. */
  private failExpression(): never {
    const c = this.text.charCodeAt(this.pos);
    if (this.pos >= this.length) this.fail("Missing expression", MISSING_EXPRESSION, this.pos, this.pos);
    if (c === LF) this.fail("Invalid expression", INVALID_EXPRESSION, this.pos, this.pos + 1);
    if (this.isInvalidCharacter(c)) this.fail("Invalid character", INVALID_CHARACTER);
    this.fail("Invalid expression", INVALID_EXPRESSION);
  }

  private isInvalidCharacter(c: number): boolean {
    if (c < SPACE) return c !== TAB && c !== LF && c !== CR;
    if (c < 128) return c === 96 /* ` */ || c === 39 /* ' */ || c === 59 /* ; */ || c === 64 /* @ */ || c === 94 /* ^ */ || c === BACKSLASH || c === 127;
    return !this.identStartAt(this.pos);
  }

  private enter(at: number): void {
    if (++this.depth > MAX_NESTING) {
      throw new HclParseError(NESTING_TOO_DEEP, "", at, at);
    }
  }

  private leave(): void {
    this.depth--;
  }

  // ---------------------------------------------------------------- trivia

  /**
   * Where the last skip started and ended, and in which mode: the expression parser looks past the
   * same trivia several times (after a term: a postfix? an operator? a `?`?), and each look after the
   * first jumps to where the first one stopped.
   */
  private skipFrom = -1;
  private skipTo = -1;
  private skipNewlines = true;

  /** Skips spaces, comments and (where they are not significant) newlines. */
  private skip(): void {
    const from = this.pos;
    if (from === this.skipFrom && this.newlines === this.skipNewlines) {
      this.pos = this.skipTo;
      return;
    }
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === SPACE || c === TAB || c === CR) this.pos++;
      else if (c === LF) {
        if (this.newlines) break;
        this.pos++;
      } else if (c === HASH || (c === SLASH && text.charCodeAt(this.pos + 1) === SLASH)) this.lineComment();
      else if (c === SLASH && text.charCodeAt(this.pos + 1) === STAR) this.blockComment();
      else break;
    }
    this.skipFrom = from;
    this.skipTo = this.pos;
    this.skipNewlines = this.newlines;
  }

  /** Skips everything that is not a token, newlines included (between body items and object items). */
  private skipNewlinesToo(): void {
    const saved = this.newlines;
    this.newlines = false;
    this.skip();
    this.newlines = saved;
  }

  private lineComment(): void {
    const start = this.pos;
    let end = this.text.indexOf("\n", start);
    if (end === -1) end = this.length;
    this.pos = end;
    this.addComment(start, end, this.text.charCodeAt(start) === HASH ? "#" : "//");
  }

  private blockComment(): void {
    const start = this.pos;
    const close = this.text.indexOf("*/", start + 2);
    if (close === -1) this.fail("Unterminated comment", "There is no closing marker for this comment.", start, start + 2);
    this.pos = close + 2;
    this.addComment(start, this.pos, "/*");
  }

  private addComment(start: number, end: number, style: Comment["style"]): void {
    if (start <= this.lastCommentStart) return;
    this.lastCommentStart = start;
    this.comments.push({ text: this.text.slice(start, end), style, range: this.range(start, end) });
  }

  /** After an argument or a block: only a newline (or the end of the file) may follow on the line. */
  private atLineEnd(): boolean {
    return this.pos >= this.length || this.text.charCodeAt(this.pos) === LF;
  }

  // ---------------------------------------------------------------- identifiers

  private identStartAt(pos: number): boolean {
    const c = this.text.charCodeAt(pos);
    if (c < 128) return isAsciiIdStart(c);
    if (c === BOM) return false;
    const cp = this.text.codePointAt(pos) ?? 0;
    return ID_START.test(String.fromCodePoint(cp));
  }

  /** Scans an identifier at `pos` (which must start one) and returns its end. */
  private identEnd(pos: number): number {
    const text = this.text;
    let i = pos;
    const first = text.codePointAt(i) ?? 0;
    i += first > 0xffff ? 2 : 1;
    // the ASCII part in one native regex step (a CLI runs cold: JavaScript loops run interpreted)
    ASCII_ID_CONTINUE.lastIndex = i;
    ASCII_ID_CONTINUE.test(text);
    i = ASCII_ID_CONTINUE.lastIndex;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        if (isAsciiIdContinue(c)) i++;
        else return i;
      } else {
        const cp = text.codePointAt(i) ?? 0;
        if (!ID_CONTINUE.test(String.fromCodePoint(cp))) return i;
        i += cp > 0xffff ? 2 : 1;
      }
    }
  }

  /** Is there the keyword `word` at `pos` (an identifier, not a prefix of a longer one)? */
  private keywordAt(pos: number, word: string): boolean {
    return this.text.startsWith(word, pos) && this.identStartAt(pos) && this.identEnd(pos) === pos + word.length;
  }

  // ---------------------------------------------------------------- bodies

  /** Attributes and blocks up to the closing brace (`openBrace` >= 0) or the end of the file. */
  private parseBody(openBrace: number): Body {
    const items: (Attribute | Block)[] = [];
    // attribute names by their offset: a Map only when a body grows past a few attributes (most
    // bodies do not, and a CLI runs cold)
    let seen: Map<string, number> | null = null;
    // label counts by block type: a block path can only extend another of its type when the type is
    // used with two label counts, so the path tree is built only from then on
    let labelCounts: Map<string, number> | null = null;
    let paths: BlockPathNode | null = null;
    const text = this.text;
    for (;;) {
      this.skipNewlinesToo();
      if (this.pos >= this.length) {
        if (openBrace >= 0) {
          this.fail("Unclosed configuration block", "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.", openBrace, openBrace + 1);
        }
        return { items };
      }
      const c = text.charCodeAt(this.pos);
      if (c === RBRACE && openBrace >= 0) {
        this.pos++;
        return { items };
      }
      if (!this.identStartAt(this.pos)) {
        if (this.isInvalidCharacter(c)) this.fail("Invalid character", INVALID_CHARACTER);
        this.fail("Argument or block definition required", "An argument or block definition is required here.");
      }
      const item = this.parseBodyItem(false);
      if (item.kind === "attribute") {
        if (!seen && items.length >= SMALL_BODY) seen = attributeOffsets(items);
        const earlier = seen ? seen.get(item.name) : earlierAttribute(items, item.name);
        if (earlier !== undefined) {
          const at = this.lines.position(earlier);
          this.fail("Attribute redefined", `The argument was already set at line ${String(at.line)}, column ${String(at.column)}. Each argument may be set only once.`, startOffsetOf(item.nameRange), endOffsetOf(item.nameRange));
        }
        seen?.set(item.name, startOffsetOf(item.nameRange));
      } else if (paths) this.checkBlockPath(paths, item);
      else {
        labelCounts ??= new Map();
        const count = labelCounts.get(item.type);
        if (count === undefined) labelCounts.set(item.type, item.labels.length);
        else if (count !== item.labels.length) {
          // the earlier blocks cannot conflict among themselves (each type had one label count)
          paths = { leaf: false, children: new Map() };
          for (const earlier of items) if (earlier.kind === "block") this.checkBlockPath(paths, earlier);
          this.checkBlockPath(paths, item);
        }
      }
      items.push(item);
      this.skip();
      if (!this.atLineEnd()) {
        if (item.kind === "attribute") this.fail("Missing newline after argument", "An argument definition must end with a newline.");
        this.fail("Missing newline after block definition", "A block definition must end with a newline.");
      }
    }
  }

  /**
   * The blocks of one body, by type and labels, must not make one block's path a proper prefix of
   * another's (`item {}` beside `item "x" {}`, `a "x" {}` beside `a "x" "y" {}`). HCL's syntax
   * takes it, but its JSON form cannot hold it and @cdktf/hcl2json rejects such a file; Terraform
   * rejects it too (a block type has one number of labels). A file the reference parser rejects is
   * never linted as if it were fine, so this is a syntax error here as well.
   */
  private checkBlockPath(root: BlockPathNode, block: Block): void {
    let node = root;
    const path = [block.type, ...block.labels];
    for (let i = 0; i < path.length; i++) {
      if (node.leaf && i > 0) this.conflictingLabels(block);
      const key = path[i] ?? "";
      let next = node.children.get(key);
      if (!next) {
        next = { leaf: false, children: new Map() };
        node.children.set(key, next);
      }
      node = next;
    }
    if (node.children.size > 0) this.conflictingLabels(block);
    node.leaf = true;
  }

  private conflictingLabels(block: Block): never {
    return this.fail(
      "Conflicting block labels",
      "Blocks of one type in this body have labels that extend another block's: HCL's JSON form cannot hold both, and Terraform expects one number of labels per block type.",
      startOffsetOf(block.headerRange),
      endOffsetOf(block.headerRange),
    );
  }

  /** An attribute or a block, from its name; `singleLine` inside a one-line block (attribute only). */
  private parseBodyItem(singleLine: boolean): Attribute | Block {
    const text = this.text;
    const nameStart = this.pos;
    const nameEnd = this.identEnd(nameStart);
    const name = text.slice(nameStart, nameEnd);
    this.pos = nameEnd;
    this.skip();
    const c = text.charCodeAt(this.pos);
    if (c === EQ && text.charCodeAt(this.pos + 1) !== EQ) {
      this.pos++;
      this.skip();
      const value = this.parseExpression();
      const nameRange = this.range(nameStart, nameEnd);
      return { kind: "attribute", name, nameRange, value, range: this.span(nameRange, value.range) };
    }
    if (singleLine) {
      this.fail("Invalid single-argument block definition", "A single-line block definition can contain only a single argument. To define a nested block, place it on a line of its own within its parent block.", nameStart, nameEnd);
    }
    return this.parseBlock(name, nameStart, nameEnd);
  }

  private parseBlock(type: string, start: number, typeEnd: number): Block {
    const text = this.text;
    const labels: string[] = [];
    let headerEnd = typeEnd;
    for (;;) {
      this.skip();
      const c = text.charCodeAt(this.pos);
      if (c === LBRACE) break;
      if (c === QUOTE) {
        const labelStart = this.pos;
        const label = this.parseQuoted();
        if (label.kind !== "literal" || typeof label.value !== "string") {
          this.fail("Invalid block label", "Template sequences are not allowed in a block label.", labelStart, this.pos);
        }
        labels.push(label.value);
        headerEnd = this.pos;
      } else if (this.identStartAt(this.pos)) {
        headerEnd = this.identEnd(this.pos);
        labels.push(text.slice(this.pos, headerEnd));
        this.pos = headerEnd;
      } else if (c === EQ || c === COLON) {
        this.fail("Invalid argument name", "Argument names must not be quoted or have more than one part.", start, this.pos);
      } else if (this.pos >= this.length || c === LF) {
        this.fail("Invalid block definition", "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as the block header.", this.pos, this.pos);
      } else {
        this.fail("Invalid block definition", "Either a quoted string block label or an opening brace (\"{\") is expected here.");
      }
    }
    const openBrace = this.pos;
    this.pos++;
    this.enter(openBrace);
    let body: Body;
    this.skip();
    const c = text.charCodeAt(this.pos);
    if (c === RBRACE) {
      this.pos++;
      body = { items: [] };
    } else if (this.atLineEnd()) {
      body = this.parseBody(openBrace);
    } else {
      // a one-line block: `name { argument = value }`
      if (!this.identStartAt(this.pos)) this.fail("Invalid single-argument block definition", "A single-line block definition must contain a single argument or nothing.");
      const item = this.parseBodyItem(true);
      this.skip();
      if (text.charCodeAt(this.pos) !== RBRACE) {
        this.fail("Invalid single-argument block definition", "A single-line block definition must end with a closing brace immediately after its single argument definition.");
      }
      this.pos++;
      body = { items: [item] };
    }
    this.leave();
    const headerRange = this.range(start, headerEnd);
    return { kind: "block", type, labels, headerRange, body, range: this.range(start, this.pos) };
  }

  // ---------------------------------------------------------------- expressions

  /** An expression: a conditional over binary operations. Leaves `pos` after it (trivia not skipped). */
  parseExpression(): Expr {
    this.enter(this.pos);
    const condition = this.parseBinary();
    const afterCondition = this.pos;
    this.skip();
    if (this.text.charCodeAt(this.pos) !== QUESTION) {
      this.pos = afterCondition;
      this.leave();
      return condition;
    }
    this.pos++;
    this.skip();
    const then = this.parseExpression();
    this.skip();
    if (this.text.charCodeAt(this.pos) !== COLON) {
      this.fail("Missing false expression in conditional", "The conditional operator (...?...:...) requires a false expression, delimited by a colon.");
    }
    this.pos++;
    this.skip();
    const otherwise = this.parseExpression();
    this.leave();
    return { kind: "conditional", condition, then, else: otherwise, range: this.span(condition.range, otherwise.range) };
  }

  /**
   * Binary operators by precedence climbing with explicit stacks, not recursion: a chain of a
   * thousand `+` costs no stack, and its length counts against MAX_NESTING (the tree it builds is
   * that deep, and later passes walk it).
   */
  private parseBinary(): Expr {
    // most operands have no prefix operator: straight to the term (one call less per term, cold)
    const c0 = this.text.charCodeAt(this.pos);
    const first = c0 === MINUS || c0 === BANG ? this.parseUnary() : this.parsePostfix();
    // most expressions have no operator: decide that before allocating the stacks
    const afterFirst = this.pos;
    this.skip();
    const firstOperator = binaryOperatorAt(this.text, this.pos);
    this.pos = afterFirst;
    if (!firstOperator) return first;
    const operands: Expr[] = [first];
    const operators: Operator[] = [];
    let chain = 0;
    const reduce = (): void => {
      const right = operands.pop();
      const left = operands.pop();
      const op = operators.pop();
      if (!left || !right || !op) return;
      operands.push({ kind: "operation", operator: op[0], operands: [left, right], range: this.span(left.range, right.range) });
    };
    for (;;) {
      const before = this.pos;
      this.skip();
      const op = binaryOperatorAt(this.text, this.pos);
      if (!op) {
        this.pos = before;
        break;
      }
      if (++chain + this.depth > MAX_NESTING) {
        throw new HclParseError(NESTING_TOO_DEEP, "", this.pos, this.pos);
      }
      while (operators.length > 0 && (operators[operators.length - 1]?.[1] ?? 0) >= op[1]) reduce();
      operators.push(op);
      this.pos += op[0].length;
      this.skip();
      const c = this.text.charCodeAt(this.pos);
      operands.push(c === MINUS || c === BANG ? this.parseUnary() : this.parsePostfix());
    }
    while (operators.length > 0) reduce();
    return operands[0] ?? this.failExpression();
  }

  /** Prefix `-` and `!`, collected in a loop; each counts as a level of nesting. */
  private parseUnary(): Expr {
    const c0 = this.text.charCodeAt(this.pos);
    if (c0 !== MINUS && c0 !== BANG) return this.parsePostfix();
    const starts: number[] = [];
    const ops: string[] = [];
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== MINUS && c !== BANG) break;
      if (starts.length + this.depth >= MAX_NESTING) {
        throw new HclParseError(NESTING_TOO_DEEP, "", this.pos, this.pos);
      }
      starts.push(this.pos);
      ops.push(c === MINUS ? "-" : "!");
      this.pos++;
      this.skip();
    }
    let expr = this.parsePostfix();
    for (let i = ops.length - 1; i >= 0; i--) {
      expr = { kind: "operation", operator: ops[i] ?? "-", operands: [expr], range: this.range(starts[i] ?? 0, endOffsetOf(expr.range)) };
    }
    return expr;
  }

  /** A term followed by attribute access, indexes and splats. */
  private parsePostfix(): Expr {
    const base = this.parsePrimary();
    const text = this.text;
    // most terms have no postfix: look before looping
    {
      const before = this.pos;
      this.skip();
      const c = text.charCodeAt(this.pos);
      this.pos = before;
      if (c !== DOT && c !== LBRACKET) return base;
    }
    const steps: TraversalStep[] = [];
    for (;;) {
      const before = this.pos;
      this.skip();
      const c = text.charCodeAt(this.pos);
      if (c === DOT && !(text.charCodeAt(this.pos + 1) === DOT && text.charCodeAt(this.pos + 2) === DOT)) {
        const dot = this.pos;
        this.pos++;
        this.skip();
        const n = text.charCodeAt(this.pos);
        if (n === STAR) {
          this.pos++;
          steps.push({ kind: "splat", range: this.range(dot, this.pos) });
        } else if (isDigit(n)) {
          const digitsStart = this.pos;
          while (isDigit(text.charCodeAt(this.pos))) this.pos++;
          const range = this.range(dot, this.pos);
          steps.push({ kind: "index", key: { kind: "literal", value: Number(text.slice(digitsStart, this.pos)), range }, range });
        } else if (this.identStartAt(this.pos)) {
          const end = this.identEnd(this.pos);
          steps.push({ kind: "attr", name: text.slice(this.pos, end), range: this.range(dot, end) });
          this.pos = end;
        } else {
          this.fail("Invalid attribute name", "An attribute name is required after a dot.");
        }
      } else if (c === LBRACKET) {
        const open = this.pos;
        const saved = this.newlines;
        this.newlines = false;
        this.pos++;
        this.skip();
        if (text.charCodeAt(this.pos) === STAR) {
          const star = this.pos;
          this.pos++;
          this.skip();
          if (text.charCodeAt(this.pos) !== RBRACKET) this.fail("Missing close bracket on splat index", "The star for a full splat operator must be immediately followed by a closing bracket (\"]\").", star, star + 1);
          this.pos++;
          steps.push({ kind: "splat", range: this.range(open, this.pos) });
        } else {
          const key = this.parseExpression();
          this.skip();
          if (text.charCodeAt(this.pos) !== RBRACKET) this.fail("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").");
          this.pos++;
          steps.push({ kind: "index", key, range: this.range(open, this.pos) });
        }
        this.newlines = saved;
      } else {
        this.pos = before;
        break;
      }
    }
    if (steps.length === 0) return base;
    const last = steps[steps.length - 1];
    const range = this.span(base.range, last ? last.range : base.range);
    if (base.kind === "traversal" && base.source === null) return { kind: "traversal", root: base.root, source: null, steps: base.steps.length === 0 ? steps : base.steps.concat(steps), range };
    return { kind: "traversal", root: null, source: base, steps, range };
  }

  private parsePrimary(): Expr {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === QUOTE) return this.parseQuoted();
    if (c === LT && text.charCodeAt(start + 1) === LT) return this.parseHeredoc();
    if (isDigit(c)) return this.parseNumber();
    if (c === LPAREN) {
      const saved = this.newlines;
      this.newlines = false;
      this.pos++;
      this.skip();
      const inner = this.parseExpression();
      this.skip();
      if (text.charCodeAt(this.pos) !== RPAREN) this.fail("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.");
      this.pos++;
      this.newlines = saved;
      return { kind: "parens", expr: inner, range: this.range(start, this.pos) };
    }
    if (c === LBRACKET) return this.parseTuple();
    if (c === LBRACE) return this.parseObject();
    if (this.identStartAt(start)) {
      let end = this.identEnd(start);
      const word = text.slice(start, end);
      if (word === "true" || word === "false" || word === "null") {
        this.pos = end;
        return { kind: "literal", value: word === "null" ? null : word === "true", range: this.range(start, end) };
      }
      // provider-defined functions: `provider::name::function`
      while (text.charCodeAt(end) === COLON && text.charCodeAt(end + 1) === COLON && this.identStartAt(end + 2)) end = this.identEnd(end + 2);
      this.pos = end;
      const before = this.pos;
      this.skip();
      if (text.charCodeAt(this.pos) === LPAREN) return this.parseCall(start, end);
      this.pos = before;
      if (end !== start + word.length) this.fail("Missing function call", "A provider-defined function name must be followed by its arguments in parentheses.", start, end);
      return { kind: "traversal", root: word, source: null, steps: NO_STEPS, range: this.range(start, end) };
    }
    return this.failExpression();
  }

  private parseNumber(): Expr {
    const text = this.text;
    const start = this.pos;
    while (isDigit(text.charCodeAt(this.pos))) this.pos++;
    if (text.charCodeAt(this.pos) === DOT && isDigit(text.charCodeAt(this.pos + 1))) {
      this.pos++;
      while (isDigit(text.charCodeAt(this.pos))) this.pos++;
    }
    const e = text.charCodeAt(this.pos);
    if (e === 101 || e === 69) {
      let i = this.pos + 1;
      const sign = text.charCodeAt(i);
      if (sign === PLUS || sign === MINUS) i++;
      if (isDigit(text.charCodeAt(i))) {
        while (isDigit(text.charCodeAt(i))) i++;
        this.pos = i;
      }
    }
    return { kind: "literal", value: Number(text.slice(start, this.pos)), range: this.range(start, this.pos) };
  }

  private parseCall(nameStart: number, nameEnd: number): Expr {
    const text = this.text;
    const saved = this.newlines;
    this.newlines = false;
    this.pos++;
    const args: Expr[] = [];
    let expandFinal = false;
    for (;;) {
      this.skip();
      if (text.charCodeAt(this.pos) === RPAREN) break;
      if (expandFinal) this.fail("Missing closing parenthesis", "An expanded function argument (with \"...\") must be immediately followed by closing parentheses.");
      args.push(this.parseExpression());
      this.skip();
      if (text.startsWith("...", this.pos)) {
        expandFinal = true;
        this.pos += 3;
        this.skip();
      }
      const c = text.charCodeAt(this.pos);
      if (c === COMMA) this.pos++;
      else if (c !== RPAREN) {
        if (this.pos >= this.length) this.fail("Unterminated function call", "There is no closing parenthesis for this function call before the end of the file.", nameStart, nameEnd);
        this.fail("Missing argument separator", "A comma is required to separate each function argument from the next.");
      }
    }
    this.pos++;
    this.newlines = saved;
    const nameRange = this.range(nameStart, nameEnd);
    return {
      kind: "call",
      name: text.slice(nameStart, nameEnd),
      nameRange,
      args,
      expandFinal,
      range: this.range(nameStart, this.pos),
    };
  }

  private parseTuple(): Expr {
    const text = this.text;
    const start = this.pos;
    const saved = this.newlines;
    this.newlines = false;
    this.pos++;
    this.skip();
    if (this.keywordAt(this.pos, "for")) {
      const expr = this.parseFor(start, false);
      this.newlines = saved;
      return expr;
    }
    const items: Expr[] = [];
    for (;;) {
      this.skip();
      if (text.charCodeAt(this.pos) === RBRACKET) break;
      items.push(this.parseExpression());
      this.skip();
      const c = text.charCodeAt(this.pos);
      if (c === COMMA) this.pos++;
      else if (c !== RBRACKET) {
        if (this.pos >= this.length) this.fail("Missing item separator", "Expected a comma to mark the beginning of the next item, but found the end of the file.", this.pos, this.pos);
        this.fail("Missing item separator", "Expected a comma to mark the beginning of the next item.");
      }
    }
    this.pos++;
    this.newlines = saved;
    return { kind: "tuple", items, range: this.range(start, this.pos) };
  }

  private parseObject(): Expr {
    const text = this.text;
    const start = this.pos;
    const saved = this.newlines;
    this.pos++;
    this.skipNewlinesToo();
    if (this.keywordAt(this.pos, "for")) {
      this.newlines = false;
      const expr = this.parseFor(start, true);
      this.newlines = saved;
      return expr;
    }
    // object items are separated by commas or newlines
    this.newlines = true;
    const items: ObjectItem[] = [];
    for (;;) {
      this.skipNewlinesToo();
      if (text.charCodeAt(this.pos) === RBRACE) break;
      if (this.pos >= this.length) this.fail("Unterminated object constructor expression", "There is no corresponding closing brace before the end of the file.", start, start + 1);
      const key = this.parseExpression();
      this.skip();
      const c = text.charCodeAt(this.pos);
      if ((c === EQ && text.charCodeAt(this.pos + 1) !== EQ) || c === COLON) this.pos++;
      else this.fail("Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning of the attribute value.");
      this.skip();
      const value = this.parseExpression();
      let keyName: string | null = null;
      if (key.kind === "traversal" && key.root !== null && key.steps.length === 0) keyName = key.root;
      else if (key.kind === "literal" && typeof key.value === "string") keyName = key.value;
      items.push({ key, keyName, value, range: this.span(key.range, value.range) });
      this.skip();
      const sep = text.charCodeAt(this.pos);
      if (sep === COMMA) this.pos++;
      else if (sep !== LF && sep !== RBRACE) {
        if (this.pos >= this.length) this.fail("Unterminated object constructor expression", "There is no corresponding closing brace before the end of the file.", start, start + 1);
        this.fail("Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.");
      }
    }
    this.pos++;
    this.newlines = saved;
    return { kind: "object", items, range: this.range(start, this.pos) };
  }

  /**
   * `k, v in collection` (or `v in collection`) after `for`, in a `for` expression and a `%{ for }`
   * directive alike; `what` names the construct in errors.
   */
  private parseForIntro(what: "expression" | "directive"): { keyVar: string | null; valueVar: string; collection: Expr } {
    const text = this.text;
    const summary = `Invalid 'for' ${what}`;
    const construct = what === "expression" ? "For expression" : "For directive";
    const idents: string[] = [];
    for (;;) {
      if (!this.identStartAt(this.pos)) this.fail(summary, `${construct} requires a variable name after 'for'.`);
      const end = this.identEnd(this.pos);
      idents.push(text.slice(this.pos, end));
      this.pos = end;
      this.skip();
      if (idents.length === 1 && text.charCodeAt(this.pos) === COMMA) {
        this.pos++;
        this.skip();
        continue;
      }
      break;
    }
    if (!this.keywordAt(this.pos, "in")) this.fail(summary, `${construct} requires the 'in' keyword after its name declarations.`);
    this.pos += 2;
    this.skip();
    const collection = this.parseExpression();
    return { keyVar: idents.length > 1 ? (idents[0] ?? null) : null, valueVar: idents[idents.length - 1] ?? "", collection };
  }

  /** `[for k, v in c : v if cond]` or `{for k, v in c : k => v... if cond}`, from the `for` keyword. */
  private parseFor(start: number, isObject: boolean): Expr {
    const text = this.text;
    this.enter(start);
    this.pos += 3;
    this.skip();
    const { keyVar, valueVar, collection } = this.parseForIntro("expression");
    this.skip();
    if (text.charCodeAt(this.pos) !== COLON) this.fail("Invalid 'for' expression", "For expression requires a colon after the collection expression.");
    this.pos++;
    this.skip();
    let keyExpr: Expr | null = null;
    let valueExpr = this.parseExpression();
    this.skip();
    if (isObject) {
      if (!(text.charCodeAt(this.pos) === EQ && text.charCodeAt(this.pos + 1) === GT)) this.fail("Invalid 'for' expression", "Key expression is required when building an object.");
      this.pos += 2;
      this.skip();
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
      this.skip();
    }
    let grouping = false;
    if (text.startsWith("...", this.pos)) {
      if (!isObject) this.fail("Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when constructing a tuple.");
      grouping = true;
      this.pos += 3;
      this.skip();
    }
    let condition: Expr | null = null;
    if (this.keywordAt(this.pos, "if")) {
      this.pos += 2;
      this.skip();
      condition = this.parseExpression();
      this.skip();
    }
    const close = isObject ? RBRACE : RBRACKET;
    if (text.charCodeAt(this.pos) !== close) this.fail("Invalid 'for' expression", `Extra characters after the end of the 'for' expression.`);
    this.pos++;
    this.leave();
    return { kind: "for", isObject, keyVar, valueVar, collection, keyExpr, valueExpr, condition, grouping, range: this.range(start, this.pos) };
  }

  // ---------------------------------------------------------------- templates

  /** A quoted string: a literal when it holds no interpolation or directive, else a template. */
  private parseQuoted(): Expr {
    const start = this.pos;
    // the common case, a string with no escape, interpolation or directive: one native regex step
    QUOTED_TEXT.lastIndex = start + 1;
    QUOTED_TEXT.test(this.text);
    const stop = QUOTED_TEXT.lastIndex;
    if (this.text.charCodeAt(stop) === QUOTE) {
      this.pos = stop + 1;
      return { kind: "literal", value: this.text.slice(start + 1, stop), range: this.range(start, this.pos) };
    }
    this.pos++;
    this.enter(start);
    const saved = this.newlines;
    const { parts, end } = this.parseSequence(false, -1);
    if (end.kind !== "end") this.unexpectedDirective(end);
    this.pos++; // the closing quote
    this.newlines = saved;
    this.leave();
    const range = this.range(start, this.pos);
    if (parts.every((p) => p.kind === "literal")) {
      return { kind: "literal", value: parts.map((p) => p.value).join(""), range };
    }
    return { kind: "template", parts, heredoc: null, range };
  }

  private parseHeredoc(): TemplateExpr {
    const text = this.text;
    const start = this.pos;
    let i = start + 2;
    const strip = text.charCodeAt(i) === MINUS;
    if (strip) i++;
    if (!this.identStartAt(i)) this.fail("Invalid heredoc", "A heredoc must begin with \"<<\" or \"<<-\" followed by a marker name.", start, i);
    const markerEnd = this.identEnd(i);
    const marker = text.slice(i, markerEnd);
    let contentStart = markerEnd;
    if (text.charCodeAt(contentStart) === CR) contentStart++;
    if (text.charCodeAt(contentStart) !== LF) this.fail("Invalid heredoc", "The heredoc marker must be followed immediately by a newline.", markerEnd, markerEnd + 1);
    contentStart++;
    // the closing marker: a line holding only the marker, maybe indented
    let lineStart = contentStart;
    let closeStart = -1;
    let closeEnd = -1;
    while (lineStart <= this.length) {
      let j = lineStart;
      while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) j++;
      if (text.startsWith(marker, j)) {
        const after = j + marker.length;
        // spaces may follow the marker on its line
        let k = after;
        while (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB || text.charCodeAt(k) === CR) k++;
        if (k >= this.length || text.charCodeAt(k) === LF) {
          closeStart = j;
          closeEnd = after;
          break;
        }
      }
      const nl = text.indexOf("\n", lineStart);
      if (nl === -1) break;
      lineStart = nl + 1;
    }
    if (closeStart < 0) this.fail("Unterminated template string", "No closing marker was found for the heredoc.", start, markerEnd);
    this.enter(start);
    const saved = this.newlines;
    this.pos = contentStart;
    const { parts, end } = this.parseSequence(true, lineStart);
    if (end.kind !== "end") this.unexpectedDirective(end);
    this.newlines = saved;
    this.leave();
    this.pos = closeEnd;
    return { kind: "template", parts, heredoc: { marker, strip }, range: this.range(start, closeEnd) };
  }

  private unexpectedDirective(end: SequenceEnd): never {
    this.fail(`Unexpected "${end.kind}" directive`, "The control directive cannot appear here.", end.start, end.end);
  }

  /**
   * Template text up to its end (the closing quote, or `limit` for a heredoc) or a directive that
   * closes or splits the enclosing one (`else`, `endif`, `endfor`). Leaves `pos` at the closing quote
   * or limit, or after the directive.
   */
  private parseSequence(heredoc: boolean, limit: number): { parts: TemplatePart[]; end: SequenceEnd } {
    const text = this.text;
    const parts: TemplatePart[] = [];
    let literalStart = this.pos;
    const pushLiteral = (end: number): void => {
      if (end > literalStart) {
        const raw = text.slice(literalStart, end);
        parts.push({ kind: "literal", value: heredoc ? decodeHeredoc(raw) : decodeQuoted(raw), range: this.range(literalStart, end) });
      }
    };
    // the next `$` and `%` of a heredoc, found again only once passed: searching afresh after each
    // interpolation would scan to the end of the file each time when one of them never occurs
    let dollar = -2;
    let percent = -2;
    for (;;) {
      if (heredoc) {
        // literal text runs to the next `$` or `%`
        if (dollar !== -1 && dollar < this.pos) dollar = text.indexOf("$", this.pos);
        if (percent !== -1 && percent < this.pos) percent = text.indexOf("%", this.pos);
        let next = dollar === -1 ? percent : percent === -1 ? dollar : Math.min(dollar, percent);
        if (next === -1 || next >= limit) next = limit;
        this.pos = next;
        if (next === limit) {
          pushLiteral(limit);
          return { parts, end: { kind: "end", start: limit, end: limit } };
        }
      } else {
        const c = text.charCodeAt(this.pos);
        if (c === QUOTE) {
          pushLiteral(this.pos);
          return { parts, end: { kind: "end", start: this.pos, end: this.pos } };
        }
        if (this.pos >= this.length) this.fail("Unterminated template string", "No closing marker was found for the string.", this.pos, this.pos);
        if (c === LF) {
          this.fail("Invalid multi-line string", "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax.");
        }
        if (c === BACKSLASH) {
          this.pos += this.escapeLength(this.pos);
          continue;
        }
        if (c !== DOLLAR && c !== PERCENT) {
          if (c === 0) this.fail("Invalid character", "NUL characters are not allowed in templates.");
          // plain text up to the next character that means something, in one native regex step
          QUOTED_TEXT.lastIndex = this.pos + 1;
          QUOTED_TEXT.test(text);
          this.pos = QUOTED_TEXT.lastIndex;
          continue;
        }
      }
      const c = text.charCodeAt(this.pos);
      const n = text.charCodeAt(this.pos + 1);
      if (n === c && text.charCodeAt(this.pos + 2) === LBRACE) {
        this.pos += 3; // `$${` or `%%{`: literal
        continue;
      }
      if (n !== LBRACE) {
        this.pos++;
        continue;
      }
      pushLiteral(this.pos);
      if (c === DOLLAR) {
        parts.push(this.parseInterpolation());
      } else {
        const directiveStart = this.pos;
        const keyword = this.directiveKeyword();
        if (keyword === "else" || keyword === "endif" || keyword === "endfor") {
          this.closeDirective();
          return { parts, end: { kind: keyword, start: directiveStart, end: this.pos } };
        }
        parts.push(keyword === "if" ? this.parseIf(directiveStart, heredoc, limit) : this.parseTemplateFor(directiveStart, heredoc, limit));
      }
      if (heredoc && this.pos > limit) this.fail("Unterminated template string", "No closing marker was found for the heredoc.", this.pos, this.pos);
      literalStart = this.pos;
    }
  }

  /** Length of the escape sequence at `pos` (a backslash); an invalid one is a syntax error. */
  private escapeLength(pos: number): number {
    const text = this.text;
    const c = text.charCodeAt(pos + 1);
    switch (c) {
      case 110: // n
      case 114: // r
      case 116: // t
      case QUOTE:
      case BACKSLASH:
        return 2;
      case 117: // u
      case 85: {
        // U
        const width = c === 117 ? 4 : 8;
        for (let i = 0; i < width; i++) {
          if (!isHex(text.charCodeAt(pos + 2 + i))) this.fail("Invalid escape sequence", `The \\${c === 117 ? "u" : "U"} escape must be followed by ${width === 4 ? "four" : "eight"} hexadecimal digits.`, pos, pos + 2);
        }
        return 2 + width;
      }
      default:
        return this.fail("Invalid escape sequence", "The symbol after the backslash is not a valid escape sequence selector.", pos, pos + 2);
    }
  }

  /** `${ expr }` with optional strip markers, from its `$`. */
  private parseInterpolation(): TemplatePart {
    const text = this.text;
    const start = this.pos;
    const saved = this.newlines;
    this.newlines = false;
    this.pos += 2;
    if (text.charCodeAt(this.pos) === TILDE) this.pos++;
    this.skip();
    const expr = this.parseExpression();
    this.skip();
    if (text.charCodeAt(this.pos) === TILDE) this.pos++;
    if (text.charCodeAt(this.pos) !== RBRACE) {
      if (this.pos >= this.length) this.fail("Unclosed template interpolation", "There is no closing brace for this interpolation.", start, start + 2);
      this.fail("Extra characters after interpolation expression", "Expected a closing brace to end the interpolation expression, but found extra characters.");
    }
    this.pos++;
    this.newlines = saved;
    return { kind: "interpolation", expr, range: this.range(start, this.pos) };
  }

  /** Reads `%{ keyword`, leaving `pos` after the keyword. */
  private directiveKeyword(): string {
    const start = this.pos;
    this.newlines = false;
    this.pos += 2;
    if (this.text.charCodeAt(this.pos) === TILDE) this.pos++;
    this.skip();
    if (this.identStartAt(this.pos)) {
      const end = this.identEnd(this.pos);
      const word = this.text.slice(this.pos, end);
      if (word === "if" || word === "else" || word === "endif" || word === "for" || word === "endfor") {
        this.pos = end;
        return word;
      }
    }
    return this.fail("Invalid template control keyword", "The word after \"%{\" is not a valid template control keyword (if, else, endif, for or endfor).", start, this.pos);
  }

  /** The end of a directive: optional strip marker and `}`. */
  private closeDirective(): void {
    this.skip();
    if (this.text.charCodeAt(this.pos) === TILDE) this.pos++;
    if (this.text.charCodeAt(this.pos) !== RBRACE) this.fail("Invalid template directive", "A template directive must end with a closing brace.");
    this.pos++;
  }

  private parseIf(start: number, heredoc: boolean, limit: number): TemplatePart {
    this.enter(start);
    this.skip();
    const condition = this.parseExpression();
    this.closeDirective();
    const first = this.parseSequence(heredoc, limit);
    let otherwise: TemplatePart[] = [];
    let end = first.end;
    if (end.kind === "else") {
      const second = this.parseSequence(heredoc, limit);
      otherwise = second.parts;
      end = second.end;
    }
    if (end.kind !== "endif") {
      if (end.kind === "end") this.fail("Unterminated template directive", "There is no %{ endif } for this %{ if }.", start, start + 2);
      this.unexpectedDirective(end);
    }
    this.leave();
    return { kind: "if", condition, then: first.parts, else: otherwise, range: this.range(start, this.pos) };
  }

  private parseTemplateFor(start: number, heredoc: boolean, limit: number): TemplatePart {
    this.enter(start);
    this.skip();
    const { keyVar, valueVar, collection } = this.parseForIntro("directive");
    this.closeDirective();
    const body = this.parseSequence(heredoc, limit);
    if (body.end.kind !== "endfor") {
      if (body.end.kind === "end") this.fail("Unterminated template directive", "There is no %{ endfor } for this %{ for }.", start, start + 2);
      this.unexpectedDirective(body.end);
    }
    this.leave();
    return {
      kind: "for",
      keyVar,
      valueVar,
      collection,
      body: body.parts,
      range: this.range(start, this.pos),
    };
  }
}
