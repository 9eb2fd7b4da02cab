import type { Tree } from "web-tree-sitter";

/**
 * A plain JavaScript copy of a tree-sitter syntax tree, made in one cursor walk.
 *
 * web-tree-sitter marshals every node access across the WebAssembly boundary; the model builder
 * looks at most nodes several times, so copying the tree once (type, range, children) is several
 * times faster than walking tree-sitter's own node objects.
 */
export class LiteNode {
  readonly children: LiteNode[] = [];
  private named: LiteNode[] | null = null;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: string,
  ) {}

  get isError(): boolean {
    return this.type === "ERROR";
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): readonly LiteNode[] {
    this.named ??= this.children.filter((c) => c.isNamed);
    return this.named;
  }

  /** Fields are used only by `object_elem` (`key`, `val`): its first and second expression. */
  childForFieldName(field: "key" | "val"): LiteNode | null {
    const expressions = this.namedChildren.filter((c) => c.type === "expression");
    return (field === "key" ? expressions[0] : expressions[1]) ?? null;
  }
}

export interface LiteTree {
  readonly root: LiteNode;
  readonly comments: LiteNode[];
  /** ERROR and MISSING nodes: where tree-sitter saw a syntax error. */
  readonly errors: LiteNode[];
}

/** Type names and named-ness by type id, read once per language: one WebAssembly call per node saved. */
const typeTables = new WeakMap<object, { names: string[]; named: boolean[] }>();

function tablesFor(tree: Tree): { names: string[]; named: boolean[] } {
  const language = tree.language;
  let tables = typeTables.get(language);
  if (!tables) {
    const names: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      names.push(language.nodeTypeForId(id) ?? "");
      named.push(language.nodeTypeIsNamed(id));
    }
    tables = { names, named };
    typeTables.set(language, tables);
  }
  return tables;
}

export function snapshot(tree: Tree, source: string): LiteTree {
  const cursor = tree.walk();
  const comments: LiteNode[] = [];
  const errors: LiteNode[] = [];
  const { names, named } = tablesFor(tree);
  const make = (): LiteNode => {
    const typeId = cursor.nodeTypeId;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    // MISSING nodes are zero-width; only then is the (costlier) flag read
    const missing = start === end && cursor.nodeIsMissing;
    // the error symbol (65535) is past the language's own type ids
    const type = typeId < names.length ? (names[typeId] ?? "") : "ERROR";
    const node = new LiteNode(type, named[typeId] ?? false, missing, start, end, source);
    if (type === "comment") comments.push(node);
    else if (missing || type === "ERROR") errors.push(node);
    return node;
  };
  const root = make();
  const stack: LiteNode[] = [root];
  try {
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const node = make();
        stack[stack.length - 1]?.children.push(node);
        stack.push(node);
        continue;
      }
      let moved = false;
      while (!moved) {
        stack.pop();
        if (cursor.gotoNextSibling()) moved = true;
        else if (!cursor.gotoParent()) return { root, comments, errors };
      }
      const node = make();
      stack[stack.length - 1]?.children.push(node);
      stack.push(node);
    }
  } finally {
    cursor.delete();
  }
}
