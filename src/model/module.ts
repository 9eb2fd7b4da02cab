import { resolve } from "node:path";
import type { Attribute, Block, Body, Expr, HclFile } from "./types.js";

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

/** Every expression of a body, nested blocks included. */
export function* bodyExpressions(body: Body): Generator<Expr> {
  for (const item of body.items) {
    if (item.kind === "attribute") yield item.value;
    else yield* bodyExpressions(item.body);
  }
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

/** Every expression directly or indirectly inside `expr`, depth first (iterative). */
export function* subExpressions(expr: Expr): Generator<Expr> {
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) break;
    yield current;
    // a loop, not push(...): a tuple of 200,000 items would overflow the call stack as arguments
    for (const child of childExpressions(current)) stack.push(child);
  }
}

export function childExpressions(expr: Expr): Expr[] {
  switch (expr.kind) {
    case "literal":
      return [];
    case "template": {
      const out: Expr[] = [];
      const visit = (parts: typeof expr.parts): void => {
        for (const part of parts) {
          if (part.kind === "interpolation") out.push(part.expr);
          else if (part.kind === "if") {
            out.push(part.condition);
            visit(part.then);
            visit(part.else);
          } else if (part.kind === "for") {
            out.push(part.collection);
            visit(part.body);
          }
        }
      };
      visit(expr.parts);
      return out;
    }
    case "traversal":
      return [...(expr.source ? [expr.source] : []), ...expr.steps.flatMap((s) => (s.kind === "index" ? [s.key] : []))];
    case "splat":
      return [expr.source];
    case "call":
      return [...expr.args];
    case "tuple":
      return [...expr.items];
    case "object":
      return expr.items.flatMap((i) => [i.key, i.value]);
    case "conditional":
      return [expr.condition, expr.then, expr.else];
    case "for":
      return [expr.collection, ...(expr.keyExpr ? [expr.keyExpr] : []), expr.valueExpr, ...(expr.condition ? [expr.condition] : [])];
    case "operation":
      return [...expr.operands];
    case "parens":
      return [expr.expr];
  }
}
