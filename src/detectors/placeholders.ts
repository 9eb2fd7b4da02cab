/**
 * Values that stand for a credential without being one: documentation placeholders, masks, vendor
 * example values. Reporting them is the noise that makes users turn secret scanners off.
 */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^<[^<>]{0,80}>$/, // <your-token>
  /^\{\{[^{}]{0,80}\}\}$/, // {{ token }}
  /^\$\{[^{}]{0,200}\}$/, // ${VAR} kept literally in shell text
  /^\$[A-Za-z_][A-Za-z0-9_]{0,80}$/, // $TOKEN
  /^(.)\1{2,}$/, // xxxxxxxx, ********, 00000000
  /x{4}/i, // ACXXXXXXXXXXXXXXXX
  /\*{3}/, // ab***cd
  /\.{3}/, // ghp_...
  /example/i, // AKIAIOSFODNN7EXAMPLE, example-password
  /dummy|placeholder|sample|redacted|fake|foobar/i,
  /replace[\s_-]?(me|this|with)/i,
  /^your[\s_-]/i, // your-api-key-here
  /[\s_-]here$/i,
  /^your[A-Z_-]?\w{0,30}here$/i, // YourKeyHere
  /^(?:todo|tbd|tbc|n\/a|none|null|nil|undefined|empty|secret|token|password|passwd|api[_-]?key|\*)$/i,
  /^(?:true|false|yes|no|on|off|enabled|disabled|required|optional)$/i,
  /^0123456789|1234567890|abcdefghij/i,
];

/** A word that, alone, is the name of the field rather than a value: `password = "password"` is weak, not a placeholder. */
export function isPlaceholder(value: string, options: { passwordField?: boolean } = {}): boolean {
  const trimmed = value.trim();
  if (trimmed === "") return true;
  if (options.passwordField && /^(?:secret|token|password|passwd)$/i.test(trimmed)) return false;
  return PLACEHOLDER_PATTERNS.some((p) => p.test(trimmed));
}
