import { attributes } from "./module.js";
import { rangeInFile } from "./positions.js";
import type { Attribute, Block, HclFile, Range } from "./types.js";

/** A text edit: replace `range` with `text`. */
export interface Fix {
  readonly range: Range;
  readonly text: string;
}

/**
 * Text edits for fixes, written the way `terraform fmt` would: the block's indentation, and `=`
 * aligned across a group of consecutive one-line attributes when the file aligns them.
 */

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function indentOf(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? "";
}

/** The one-line attributes at the end of a block body that `terraform fmt` aligns as a group. */
function trailingGroup(block: Block): Attribute[] {
  const items = block.body.items;
  const group: Attribute[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind !== "attribute" || item.range.start.line !== item.range.end.line) break;
    const previous = group[0];
    // a blank line or a comment line between two attributes ends the group
    if (previous && previous.range.start.line !== item.range.end.line + 1) break;
    group.unshift(item);
  }
  return group;
}

function equalsColumn(file: HclFile, attribute: Attribute): number {
  const from = attribute.nameRange.end.offset;
  const eq = file.text.indexOf("=", from);
  return eq - lineStart(file.text, eq);
}

/**
 * Adds `name = value` as the last attribute of a block, keeping indentation and alignment. When the
 * new name is longer than the group's, the group is re-aligned, unless `mayRewrite` forbids
 * re-writing one of its lines (it holds a credential that a fix text must never carry): then the
 * new attribute starts a group of its own after a blank line, which `terraform fmt` also accepts.
 */
export function addAttributeFix(file: HclFile, block: Block, name: string, value: string, mayRewrite: (attribute: Attribute) => boolean = () => true): Fix {
  const text = file.text;
  const closeBrace = block.range.end.offset - 1;
  const group = trailingGroup(block);
  const last = group[group.length - 1];
  if (!last) {
    const existing = attributes(block.body)[0] ?? block.body.items[0];
    const blockIndent = indentOf(text, block.range.start.offset);
    const innerIndent = existing ? indentOf(text, existing.range.start.offset) : `${blockIndent}  `;
    const bodyText = text.slice(block.headerRange.end.offset, closeBrace);
    if (!bodyText.includes("\n")) {
      // `variable "x" {}` on one line: open it up
      const open = text.indexOf("{", block.headerRange.end.offset);
      return {
        range: { start: positionAt(file, open), end: block.range.end },
        text: `{\n${innerIndent}${name} = ${value}\n${blockIndent}}`,
      };
    }
    const at = lineStart(text, closeBrace);
    return { range: { start: positionAt(file, at), end: positionAt(file, at) }, text: `${innerIndent}${name} = ${value}\n` };
  }
  const indent = indentOf(text, last.range.start.offset);
  const columns = group.map((a) => equalsColumn(file, a) - indentOf(text, a.range.start.offset).length);
  // a group whose `=` signs share a column is aligned (terraform fmt); otherwise leave it as written
  const aligned = columns.every((c) => c === columns[0]);
  if (!aligned) {
    return { range: { start: last.range.end, end: last.range.end }, text: `\n${indent}${name} = ${value}` };
  }
  const current = (columns[0] ?? 0) - 1;
  if (name.length <= current) {
    return { range: { start: last.range.end, end: last.range.end }, text: `\n${indent}${name.padEnd(current)} = ${value}` };
  }
  if (!group.every(mayRewrite)) {
    return { range: { start: last.range.end, end: last.range.end }, text: `\n\n${indent}${name} = ${value}` };
  }
  // re-align the whole group to the longest name, as terraform fmt does
  const width = Math.max(name.length, ...group.map((a) => a.name.length));
  const first = group[0] ?? last;
  const lines = group.map((a) => {
    const valueText = text.slice(a.value.range.start.offset, a.range.end.offset);
    return `${a.name.padEnd(width)} = ${valueText}`;
  });
  lines.push(`${name.padEnd(width)} = ${value}`);
  return { range: { start: first.range.start, end: last.range.end }, text: lines.join(`\n${indent}`) };
}

function positionAt(file: HclFile, offset: number): Fix["range"]["start"] {
  return rangeInFile(file, offset, offset).start;
}
