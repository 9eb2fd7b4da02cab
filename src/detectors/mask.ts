/**
 * The only form in which a secret is ever printed: a few leading characters (never more than a
 * quarter of it) and its length, e.g. `ghp_…(40 chars)`.
 */
export function mask(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}\u2026(${String(secret.length)} chars)`;
}

/** Replaces every occurrence of the given secrets in a text by their masked form. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.split(secret).join(mask(secret));
  }
  return out;
}
