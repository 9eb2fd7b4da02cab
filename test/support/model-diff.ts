/**
 * The first difference between two models (or any JSON-like values), as a path and both values:
 * what the parser comparison prints for a file that differs.
 */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return `${path}: ${short(a)} != ${short(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: ${short(a)} != ${short(b)}`;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${String(i)}]`);
      if (d) return d;
    }
    return `${path}: length ${String(a.length)} != ${String(b.length)}`;
  }
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) {
    const d = firstDifference(ra[key], rb[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`);
    if (d) return d;
  }
  return null;
}

function short(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
