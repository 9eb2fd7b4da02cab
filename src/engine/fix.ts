import type { LintMessage } from "./results.js";

/** Applies non-overlapping fixes in order (later overlapping ones wait for the next pass, as in ESLint). */
export function applyFixes(text: string, messages: readonly LintMessage[]): { output: string; applied: number } {
  const fixes = messages
    .flatMap((m) => (m.fix ? [m.fix] : []))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = "";
  let cursor = 0;
  let applied = 0;
  for (const fix of fixes) {
    const [start, end] = fix.range;
    if (start < cursor || end > text.length) continue;
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    applied++;
  }
  return { output: output + text.slice(cursor), applied };
}

type Op = { kind: " " | "-" | "+"; line: string; ai: number; bi: number };

/** Beyond this many changed lines, the changed middle is shown as one deletion and one addition. */
const MAX_EDIT_DISTANCE = 1000;

/**
 * The line edits from `a` to `b`: common prefix and suffix first, then Myers' O(ND) algorithm on
 * the middle, where D (the number of changed lines) is small for fixes. A full LCS table was
 * quadratic in the file (a fix in a 36,000-line file took 37 s and 5 GB); past MAX_EDIT_DISTANCE
 * the middle is replaced whole, so the cost stays bounded whatever the texts are.
 */
function lineEdits(a: readonly string[], b: readonly string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const ops: Op[] = [];
  for (let i = 0; i < prefix; i++) ops.push({ kind: " ", line: a[i] ?? "", ai: i + 1, bi: i + 1 });
  const n = a.length - prefix - suffix;
  const m = b.length - prefix - suffix;
  for (const op of middleEdits(a, b, prefix, n, m)) ops.push(op);
  for (let s = suffix; s > 0; s--) ops.push({ kind: " ", line: a[a.length - s] ?? "", ai: a.length - s + 1, bi: b.length - s + 1 });
  return ops;
}

/** Myers' greedy diff of a[off..off+n) and b[off..off+m), with the path recovered from saved frontiers. */
function middleEdits(a: readonly string[], b: readonly string[], off: number, n: number, m: number): Op[] {
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const size = 2 * max + 1;
  const trace: Int32Array[] = [];
  let v = new Int32Array(size + 2);
  let found = n === 0 && m === 0 ? 0 : -1;
  for (let d = 0; found === -1 && d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[k - 1 + max] ?? 0) < (v[k + 1 + max] ?? 0));
      let x = down ? (v[k + 1 + max] ?? 0) : (v[k - 1 + max] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[off + x] === b[off + y]) {
        x++;
        y++;
      }
      v[k + max] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found !== -1) trace.push(v.slice());
    v = v.slice();
  }
  if (found === -1) {
    // too many changes: the whole middle, removed then added
    const ops: Op[] = [];
    for (let i = 0; i < n; i++) ops.push({ kind: "-", line: a[off + i] ?? "", ai: off + i + 1, bi: off });
    for (let j = 0; j < m; j++) ops.push({ kind: "+", line: b[off + j] ?? "", ai: off + n, bi: off + j + 1 });
    return ops;
  }
  // walk back from (n, m) through the saved frontiers
  const reversed: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] ?? new Int32Array(0);
    const k = x - y;
    const down = k === -d || (k !== d && (prev[k - 1 + max] ?? 0) < (prev[k + 1 + max] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[prevK + max] ?? 0;
    const prevY = prevX - prevK;
    while (x > (down ? prevX : prevX + 1) && y > (down ? prevY + 1 : prevY)) {
      reversed.push({ kind: " ", line: a[off + x - 1] ?? "", ai: off + x, bi: off + y });
      x--;
      y--;
    }
    if (down) {
      reversed.push({ kind: "+", line: b[off + y - 1] ?? "", ai: off + x, bi: off + y });
      y--;
    } else {
      reversed.push({ kind: "-", line: a[off + x - 1] ?? "", ai: off + x, bi: off + y });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    reversed.push({ kind: " ", line: a[off + x - 1] ?? "", ai: off + x, bi: off + y });
    x--;
    y--;
  }
  return reversed.reverse();
}

/** A unified diff of two texts, hunks with `context` lines around each change. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const ops = lineEdits(before.split("\n"), after.split("\n"));
  const out = [`--- ${path}`, `+++ ${path}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]?.kind === " ") {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      let gap = 0;
      while (end + gap < ops.length && ops[end + gap]?.kind === " ") gap++;
      if (end + gap >= ops.length || gap > context * 2) {
        end = Math.min(ops.length, end + Math.min(gap, context));
        break;
      }
      end += gap + 1;
    }
    const hunk = ops.slice(start, end);
    const aStart = (hunk.find((o) => o.kind !== "+")?.ai ?? 1);
    const bStart = (hunk.find((o) => o.kind !== "-")?.bi ?? 1);
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${String(aStart)},${String(aCount)} +${String(bStart)},${String(bCount)} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    k = end;
  }
  return out.join("\n") + "\n";
}
