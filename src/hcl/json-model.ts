import { parse as parseJson } from "@humanwhocodes/momoa";
import type { AnyNode, MemberNode, ObjectNode, ValueNode } from "@humanwhocodes/momoa";
import type { Attribute, Block, Body, Expr, FileKind, HclFile, ObjectItem, Range, SyntaxError } from "../model/types.js";
import type { LineIndex } from "../model/positions.js";
import { HclParser, MAX_NESTING } from "./parser.js";

/**
 * Terraform's JSON syntax (`*.tf.json`, `*.tfvars.json`) mapped onto the same model as native HCL.
 * JSON cannot tell a nested block from a map attribute, so the block schema is spelled out here for
 * the blocks that our rules look into; strings holding `${` or `%{` are parsed as HCL templates.
 */

/** Labels taken by top-level block types. */
const TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  module: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  check: 1,
};

/** Names that are nested blocks (not map attributes) inside resources, data sources and providers. */
const NESTED_BLOCKS = new Set([
  "item",
  "dynamic",
  "content",
  "validation",
  "option",
  "metadata",
  "display_apps",
  "resources_monitoring",
  "healthcheck",
  "prebuilds",
  "lifecycle",
  "provisioner",
  "connection",
  "required_providers",
  "backend",
]);

/** Labels of nested blocks (`dynamic "item"` takes one). */
const NESTED_LABELS: Record<string, number> = { dynamic: 1, provisioner: 1, backend: 1 };

/**
 * The deepest bracket nesting of a text (quoted strings skipped) and where it is reached; with a
 * limit, stops where the nesting first goes past it (the position reported to the user).
 */
export function maxNesting(text: string, limit = Infinity): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
        if (depth > limit) return { depth, offset: i };
      }
    } else if (ch === "}" || ch === "]") depth--;
  }
  return { depth: max, offset: at };
}

export function parseJsonFile(path: string, text: string, kind: FileKind, lines: LineIndex): HclFile {
  const empty = (error: SyntaxError): HclFile => ({
    path,
    kind,
    text,
    body: { items: [] },
    comments: [],
    syntaxErrors: [error],
  });
  const nesting = maxNesting(text, MAX_NESTING);
  if (nesting.depth > MAX_NESTING) {
    return empty({
      message: `JSON is nested more than ${String(MAX_NESTING)} levels deep`,
      range: lines.range(nesting.offset, nesting.offset + 1),
    });
  }
  let root: ValueNode;
  try {
    root = parseJson(text.replace(/^\uFEFF/, " "), { ranges: true }).body;
  } catch (error) {
    const e = error as { message?: string; line?: number; column?: number };
    const offset = lines.offsetOf(e.line ?? 1, e.column ?? 1);
    return empty({ message: (e.message ?? "invalid JSON").replace(/\s*\(\d+:\d+\)$/, ""), range: lines.range(offset, offset) });
  }
  if (root.type !== "Object") {
    return empty({ message: "a Terraform JSON file must hold an object", range: rangeOf(root, lines) });
  }
  const converter = new JsonConverter(text, lines);
  const body = kind === "tfvars.json" ? converter.attributesOnly(root) : converter.topLevel(root);
  return { path, kind, text, body, comments: [], syntaxErrors: [] };
}

function rangeOf(node: AnyNode, lines: LineIndex): Range {
  return lines.range(node.loc.start.offset, node.loc.end.offset);
}

function memberName(member: MemberNode): string {
  return member.name.type === "String" ? member.name.value : member.name.name;
}

class JsonConverter {
  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  attributesOnly(root: ObjectNode): Body {
    return { items: root.members.map((m) => this.attribute(m)) };
  }

  topLevel(root: ObjectNode): Body {
    const items: (Attribute | Block)[] = [];
    for (const member of root.members) {
      const type = memberName(member);
      const labels = TOP_LEVEL_LABELS[type];
      if (labels === undefined) items.push(this.attribute(member));
      else for (const block of this.blocks(type, member, labels, [])) items.push(block);
    }
    return { items };
  }

  /** Unfolds `{ "label": { "label2": {body} } }` (or arrays of bodies) into blocks. */
  private blocks(type: string, member: MemberNode, labelCount: number, labels: string[]): Block[] {
    const value = member.value;
    const header = this.lines.range(member.name.loc.start.offset, member.name.loc.end.offset);
    if (labels.length < labelCount) {
      if (value.type !== "Object") return [];
      return value.members.flatMap((m) => this.blocks(type, m, labelCount, [...labels, memberName(m)]));
    }
    // one body: the header is its key; several: each element object is its own header
    const bodies = value.type === "Array" ? value.elements.map((e) => e.value) : [value];
    return bodies
      .filter((b): b is ObjectNode => b.type === "Object")
      .map((b) => ({
        kind: "block" as const,
        type,
        labels,
        headerRange: value.type === "Array" ? rangeOf(b, this.lines) : header,
        body: this.body(b),
        range: rangeOf(b, this.lines),
      }));
  }

  private body(node: ObjectNode): Body {
    const items: (Attribute | Block)[] = [];
    for (const member of node.members) {
      const name = memberName(member);
      if (NESTED_BLOCKS.has(name) && (member.value.type === "Object" || member.value.type === "Array")) {
        for (const block of this.blocks(name, member, NESTED_LABELS[name] ?? 0, [])) items.push(block);
      } else items.push(this.attribute(member));
    }
    return { items };
  }

  private attribute(member: MemberNode): Attribute {
    return {
      kind: "attribute",
      name: memberName(member),
      nameRange: rangeOf(member.name, this.lines),
      value: this.expr(member.value),
      range: rangeOf(member, this.lines),
    };
  }

  private expr(node: ValueNode): Expr {
    const range = rangeOf(node, this.lines);
    switch (node.type) {
      case "String":
        return node.value.includes("${") || node.value.includes("%{") ? this.template(node.loc.start.offset, node.loc.end.offset) : { kind: "literal", value: node.value, range };
      case "Number":
        return { kind: "literal", value: node.value, range };
      case "Boolean":
        return { kind: "literal", value: node.value, range };
      case "Null":
        return { kind: "literal", value: null, range };
      case "Array":
        return { kind: "tuple", items: node.elements.map((e) => this.expr(e.value)), range };
      case "Object": {
        const items: ObjectItem[] = node.members.map((m) => ({
          key: { kind: "literal", value: memberName(m), range: rangeOf(m.name, this.lines) },
          keyName: memberName(m),
          value: this.expr(m.value),
          range: rangeOf(m, this.lines),
        }));
        return { kind: "object", items, range };
      }
      default:
        return { kind: "literal", value: null, range };
    }
  }

  /**
   * JSON string escapes are a superset of HCL's quoted-string escapes, so the raw JSON token is parsed
   * as an HCL quoted template where it stands (positions are the JSON file's); a string that is not a
   * valid HCL template stays a literal.
   */
  private template(start: number, end: number): Expr {
    const parsed = new HclParser(this.text, this.lines).parseQuotedTemplateAt(start, end);
    return parsed ?? { kind: "literal", value: this.text.slice(start + 1, end - 1), range: this.lines.range(start, end) };
  }
}
