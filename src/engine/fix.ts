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

/** A unified diff of two texts (line-based LCS; small template files). */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  // LCS table from the end
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] ?? new Uint32Array(0);
    const next = lcs[i + 1] ?? new Uint32Array(0);
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? (next[j + 1] ?? 0) + 1 : Math.max(next[j] ?? 0, row[j + 1] ?? 0);
  }
  type Op = { kind: " " | "-" | "+"; line: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: " ", line: a[i++] ?? "", ai: i, bi: ++j });
    else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) ops.push({ kind: "-", line: a[i++] ?? "", ai: i, bi: j });
    else ops.push({ kind: "+", line: b[j++] ?? "", ai: i, bi: j });
  }
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
