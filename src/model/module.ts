import { resolve } from "node:path";
import type { Attribute, Block, Body, Expr, HclFile, TemplatePart } from "./types.js";

/** A block together with the file it was written in. */
export interface Located<T> {
  readonly node: T;
  readonly file: HclFile;
}

/**
 * A Terraform module: the template files of one folder, read as one scope. Local child modules
 * (`source = "./x"`) are linked so that values can be followed through their inputs and outputs.
 */
export class Module {
  readonly children = new Map<string, Module>();
  private readonly byType = new Map<string, Located<Block>[]>();
  /**
   * Blocks of a type by their labels, and locals by name: built on first use so that following a
   * reference is one lookup, not a scan of every block (which made taint quadratic in module size).
   * The first declaration wins, as a scan would find it.
   */
  private readonly byLabels = new Map<string, Map<string, Located<Block>>>();
  private localsByName: Map<string, Located<Attribute>> | null = null;

  constructor(
    readonly dir: string,
    readonly files: readonly HclFile[],
  ) {
    for (const file of files) {
      for (const item of file.body.items) {
        if (item.kind !== "block") continue;
        const list = this.byType.get(item.type) ?? [];
        list.push({ node: item, file });
        this.byType.set(item.type, list);
      }
    }
  }

  /** Top-level blocks of one type (`resource`, `data`, `variable`, `locals`, ...). */
  blocks(type: string): readonly Located<Block>[] {
    return this.byType.get(type) ?? [];
  }

  /** `resource "<type>" "<name>"` blocks (all of them when `type` is omitted). */
  resources(type?: string): Located<Block>[] {
    return this.blocks("resource").filter((b) => type === undefined || b.node.labels[0] === type);
  }

  dataSources(type?: string): Located<Block>[] {
    return this.blocks("data").filter((b) => type === undefined || b.node.labels[0] === type);
  }

  /** The first block of `type` whose first `labels.length` labels are `labels`. */
  private findByLabels(type: string, labels: readonly string[]): Located<Block> | undefined {
    const width = labels.length;
    const key = `${type}\0${String(width)}`;
    let index = this.byLabels.get(key);
    if (!index) {
      index = new Map();
      for (const block of this.blocks(type)) {
        if (block.node.labels.length < width) continue;
        const id = block.node.labels.slice(0, width).join("\0");
        if (!index.has(id)) index.set(id, block);
      }
      this.byLabels.set(key, index);
    }
    return index.get(labels.join("\0"));
  }

  findResource(type: string, name: string): Located<Block> | undefined {
    return this.findByLabels("resource", [type, name]);
  }

  findData(type: string, name: string): Located<Block> | undefined {
    return this.findByLabels("data", [type, name]);
  }

  findVariable(name: string): Located<Block> | undefined {
    return this.findByLabels("variable", [name]);
  }

  findOutput(name: string): Located<Block> | undefined {
    return this.findByLabels("output", [name]);
  }

  findModuleCall(name: string): Located<Block> | undefined {
    return this.findByLabels("module", [name]);
  }

  findLocal(name: string): Located<Attribute> | undefined {
    if (!this.localsByName) {
      this.localsByName = new Map();
      for (const local of this.locals()) if (!this.localsByName.has(local.node.name)) this.localsByName.set(local.node.name, local);
    }
    return this.localsByName.get(name);
  }

  /** Every local value of the module. */
  locals(): Located<Attribute>[] {
    return this.blocks("locals").flatMap((l) =>
      l.node.body.items.filter((i): i is Attribute => i.kind === "attribute").map((a) => ({ node: a, file: l.file })),
    );
  }
}

/**
 * The module calls of a module whose `source` is a local folder (`./x`, `../x`), with that folder
 * resolved; calls back into a folder already on `chain` (a cycle) are left out.
 */
export function localModuleCalls(module: Module, chain: readonly string[]): { name: string; dir: string }[] {
  const calls: { name: string; dir: string }[] = [];
  for (const call of module.blocks("module")) {
    const source = literalString(attr(call.node.body, "source")?.value);
    if (!source || !(source.startsWith("./") || source.startsWith("../"))) continue;
    const dir = resolve(module.dir, source);
    if (dir === module.dir || chain.includes(dir)) continue;
    calls.push({ name: call.node.labels[0] ?? "", dir });
  }
  return calls;
}

/**
 * The value of every attribute of a body, nested blocks included, in source order. Iterative (block
 * depth never becomes stack depth) and an array, not a generator (a CLI runs cold).
 */
export function bodyExpressions(body: Body): Expr[] {
  const out: Expr[] = [];
  // bodies still to read, each with the index of its next item
  const stack: [Body, number][] = [[body, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (!top) break;
    const [current, index] = top;
    const item = current.items[index];
    if (!item) {
      stack.pop();
      continue;
    }
    top[1] = index + 1;
    if (item.kind === "attribute") out.push(item.value);
    else stack.push([item.body, 0]);
  }
  return out;
}

export function attr(body: Body, name: string): Attribute | undefined {
  for (const item of body.items) if (item.kind === "attribute" && item.name === name) return item;
  return undefined;
}

export function attributes(body: Body): Attribute[] {
  return body.items.filter((i): i is Attribute => i.kind === "attribute");
}

export function nestedBlocks(body: Body, type?: string): Block[] {
  return body.items.filter((i): i is Block => i.kind === "block" && (type === undefined || i.type === type));
}

/** The value of a literal string, or of a template made only of literal text. */
export function literalString(expr: Expr | undefined): string | null {
  if (!expr) return null;
  if (expr.kind === "literal") return typeof expr.value === "string" ? expr.value : null;
  if (expr.kind !== "template") return null;
  let text = "";
  for (const part of expr.parts) {
    if (part.kind !== "literal") return null;
    text += part.value;
  }
  return text;
}

export function literalBool(expr: Expr | undefined): boolean | null {
  if (expr?.kind === "literal" && typeof expr.value === "boolean") return expr.value;
  if (expr?.kind === "literal" && (expr.value === "true" || expr.value === "false")) return expr.value === "true";
  return null;
}

/** `string`, `number`, `bool`, ... when a `type` attribute is a bare keyword. */
export function typeKeyword(expr: Expr | undefined): string | null {
  if (expr?.kind === "traversal" && expr.root !== null && expr.steps.length === 0) return expr.root;
  if (expr?.kind === "literal" && typeof expr.value === "string") return expr.value;
  return null;
}

/** The static attribute names of a traversal, indexes skipped: `a.b[0].c` -> [a, b, c]. */
export function traversalNames(expr: Expr): string[] | null {
  if (expr.kind !== "traversal" || expr.root === null) return null;
  const names = [expr.root];
  for (const step of expr.steps) {
    if (step.kind === "attr") names.push(step.name);
    else if (step.kind === "splat") continue;
    else if (step.key.kind === "literal" && typeof step.key.value === "string") names.push(step.key.value);
  }
  return names;
}

/**
 * Every expression directly or indirectly inside `expr` (itself first), depth first, iteratively:
 * input depth never becomes stack depth. An array, not a generator: rules walk expressions often,
 * and a CLI runs cold, where generators and per-node arrays cost more than the walk itself.
 */
export function subExpressions(expr: Expr): Expr[] {
  const out: Expr[] = [];
  const stack: Expr[] = [expr];
  for (let current = stack.pop(); current; current = stack.pop()) {
    out.push(current);
    pushChildren(current, stack);
  }
  return out;
}

/** The expressions directly inside `expr`. */
export function childExpressions(expr: Expr): Expr[] {
  const out: Expr[] = [];
  pushChildren(expr, out);
  return out;
}

/** Appends the expressions directly inside `expr` to `out`, one push each (never `push(...)`). */
function pushChildren(expr: Expr, out: Expr[]): void {
  switch (expr.kind) {
    case "literal":
      return;
    case "template":
      pushPartChildren(expr.parts, out);
      return;
    case "traversal":
      if (expr.source) out.push(expr.source);
      for (const step of expr.steps) if (step.kind === "index") out.push(step.key);
      return;
    case "splat":
      out.push(expr.source);
      return;
    case "call":
      for (const arg of expr.args) out.push(arg);
      return;
    case "tuple":
      for (const item of expr.items) out.push(item);
      return;
    case "object":
      for (const item of expr.items) {
        out.push(item.key);
        out.push(item.value);
      }
      return;
    case "conditional":
      out.push(expr.condition, expr.then, expr.else);
      return;
    case "for":
      out.push(expr.collection);
      if (expr.keyExpr) out.push(expr.keyExpr);
      out.push(expr.valueExpr);
      if (expr.condition) out.push(expr.condition);
      return;
    case "operation":
      for (const operand of expr.operands) out.push(operand);
      return;
    case "parens":
      out.push(expr.expr);
      return;
  }
}

/** The expressions inside template parts, directives included (their nesting is bounded by the parser). */
function pushPartChildren(parts: readonly TemplatePart[], out: Expr[]): void {
  for (const part of parts) {
    if (part.kind === "interpolation") out.push(part.expr);
    else if (part.kind === "if") {
      out.push(part.condition);
      pushPartChildren(part.then, out);
      pushPartChildren(part.else, out);
    } else if (part.kind === "for") {
      out.push(part.collection);
      pushPartChildren(part.body, out);
    }
  }
}
