/**
 * The only form in which a secret is ever printed: a few leading characters (never more than a
 * quarter of it) and its length, e.g. `ghp_…(40 chars)`.
 */
export function mask(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}\u2026(${String(secret.length)} chars)`;
}

/**
 * The forms a secret takes in source text: as decoded, as written in an HCL quoted string (`\"`,
 * `\\`, `\n`, `$${`), and as written in a JSON string. A secret found as a decoded literal value
 * must be masked in raw text (a fix's replacement, a diff, a cache entry) in whichever form it was
 * written.
 */
export function writtenForms(secret: string): string[] {
  const hcl = secret
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(/\$\{/g, "$${")
    .replace(/%\{/g, "%%{");
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, hcl, json])];
}

/** Replaces every occurrence of the given secrets, in each form they can be written in, by their masked form. */
export function redact(text: string, secrets: Iterable<string>): string {
  const forms: { written: string; masked: string }[] = [];
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    const masked = mask(secret);
    for (const written of writtenForms(secret)) forms.push({ written, masked });
  }
  // longest first: a secret that contains another is masked whole
  forms.sort((a, b) => b.written.length - a.written.length);
  let out = text;
  for (const { written, masked } of forms) {
    if (out.includes(written)) out = out.split(written).join(masked);
  }
  return out;
}
