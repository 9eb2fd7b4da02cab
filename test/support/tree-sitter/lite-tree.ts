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

/** Copies `tree` through web-tree-sitter's public cursor. */
export function snapshot(tree: Tree, source: string): LiteTree {
  return snapshotPublic(tree, source);
}

/** A node factory for one walk: shared by both walkers so they build the very same copy. */
function nodeMaker(tree: Tree, source: string, comments: LiteNode[], errors: LiteNode[]) {
  const { names, named } = tablesFor(tree);
  return (typeId: number, start: number, end: number, isMissing: () => boolean): LiteNode => {
    // MISSING nodes are zero-width; only then is the (costlier) flag read
    const missing = start === end && isMissing();
    // the error symbol (65535) is past the language's own type ids
    const type = typeId < names.length ? (names[typeId] ?? "") : "ERROR";
    const node = new LiteNode(type, named[typeId] ?? false, missing, start, end, source);
    if (type === "comment") comments.push(node);
    else if (missing || type === "ERROR") errors.push(node);
    return node;
  };
}

/**
 * Pre-order walk shared by both walkers: `first`/`next`/`up` move the cursor, `make` copies the node
 * under it.
 */
function walk(make: () => LiteNode, first: () => boolean, next: () => boolean, up: () => boolean): LiteNode {
  const root = make();
  const stack: LiteNode[] = [root];
  for (;;) {
    if (first()) {
      const node = make();
      stack[stack.length - 1]?.children.push(node);
      stack.push(node);
      continue;
    }
    let moved = false;
    while (!moved) {
      stack.pop();
      if (next()) moved = true;
      else if (!up()) return root;
    }
    const node = make();
    stack[stack.length - 1]?.children.push(node);
    stack.push(node);
  }
}

/** The walk through web-tree-sitter's public `TreeCursor`: four buffer copies per cursor call. */
export function snapshotPublic(tree: Tree, source: string): LiteTree {
  const cursor = tree.walk();
  const comments: LiteNode[] = [];
  const errors: LiteNode[] = [];
  const makeNode = nodeMaker(tree, source, comments, errors);
  const isMissing = (): boolean => cursor.nodeIsMissing;
  try {
    const root = walk(
      () => makeNode(cursor.nodeTypeId, cursor.startIndex, cursor.endIndex, isMissing),
      () => cursor.gotoFirstChild(),
      () => cursor.gotoNextSibling(),
      () => cursor.gotoParent(),
    );
    return { root, comments, errors };
  } finally {
    cursor.delete();
  }
}

