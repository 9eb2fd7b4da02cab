import type { Position, Range } from "./types.js";

/**
 * Maps 0-based UTF-16 offsets to 1-based line/column positions. Lines end at `\n`; a `\r` before it
 * belongs to the line, so CRLF files keep exact columns.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - (this.lineStarts[lo] ?? 0) + 1, offset: clamped };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset of a 1-based line and column (clamped to the text). */
  offsetOf(line: number, column: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))] ?? 0;
    return Math.min(start + column - 1, this.text.length);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

export function spanRange(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}

const indexes = new WeakMap<object, LineIndex>();

/** The range of offsets `start..end` of a file's text (line tables are built once per file). */
export function rangeInFile(file: { readonly text: string }, start: number, end: number): Range {
  let index = indexes.get(file);
  if (!index) {
    index = new LineIndex(file.text);
    indexes.set(file, index);
  }
  return index.range(start, end);
}
