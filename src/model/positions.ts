import type { Position, Range } from "./types.js";

/**
 * Maps 0-based UTF-16 offsets to 1-based line/column positions. Lines end at `\n`; a `\r` before it
 * belongs to the line, so CRLF files keep exact columns.
 */
export class LineIndex {
  /**
   * Where each line starts, found on the first position asked for: ranges keep offsets and most
   * are never read (a file without findings or directives may never need a line number).
   */
  #starts: number[] | null = null;

  constructor(readonly text: string) {}

  private get lineStarts(): number[] {
    if (this.#starts === null) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.#starts = starts;
    }
    return this.#starts;
  }

  /**
   * The line (0-based) of the last position asked for: parsers ask in nearly ascending order. A
   * native private field: it changes when positions are read, and an observer comparing the model
   * before and after (ESLint's RuleTester) must not see it.
   */
  #lastLine = 0;

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const last = this.#lastLine;
    if ((starts[last] ?? 0) <= clamped && (last + 1 >= starts.length || (starts[last + 1] ?? 0) > clamped)) {
      return { line: last + 1, column: clamped - (starts[last] ?? 0) + 1, offset: clamped };
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    this.#lastLine = lo;
    return { line: lo + 1, column: clamped - (starts[lo] ?? 0) + 1, offset: clamped };
  }

  range(start: number, end: number): Range {
    return new OffsetRange(this, start, end);
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

/**
 * A range that keeps its two offsets and computes line and column when they are read. A model holds
 * millions of ranges for a large file; as plain objects (a range and two positions) they were more
 * than half of its memory, and most are never read. It serialises (JSON, `toJSON`) as the plain
 * `{ start, end }` it stands for.
 */
export class OffsetRange implements Range {
  constructor(
    private readonly index: LineIndex,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get start(): Position {
    return this.index.position(this.startOffset);
  }

  get end(): Position {
    return this.index.position(this.endOffset);
  }

  toJSON(): { start: Position; end: Position } {
    return { start: this.start, end: this.end };
  }
}

/** The offset where a range starts: read without computing a line and column when the range has its offsets. */
export function startOffsetOf(range: Range): number {
  return range instanceof OffsetRange ? range.startOffset : range.start.offset;
}

/** The offset where a range ends (exclusive), as startOffsetOf. */
export function endOffsetOf(range: Range): number {
  return range instanceof OffsetRange ? range.endOffset : range.end.offset;
}

export function spanRange(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}

const indexes = new WeakMap<object, LineIndex>();

function indexOf(file: { readonly text: string }): LineIndex {
  let index = indexes.get(file);
  if (!index) {
    index = new LineIndex(file.text);
    indexes.set(file, index);
  }
  return index;
}

/** The range of offsets `start..end` of a file's text (line tables are built once per file). */
export function rangeInFile(file: { readonly text: string }, start: number, end: number): Range {
  return indexOf(file).range(start, end);
}

/** The offset of a 1-based line and column of a file's text (clamped to it), from the same line table. */
export function offsetInFile(file: { readonly text: string }, line: number, column: number): number {
  return indexOf(file).offsetOf(line, column);
}
