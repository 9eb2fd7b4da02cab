import { secretValueName } from "../catalog/secret-names.js";
import { shannonEntropy } from "./checksums.js";
import { isPlaceholder } from "./placeholders.js";

/** A value assigned to a secret-named thing in text (shell, comments). Offsets are of the value. */
export interface NamedValue {
  readonly name: string;
  readonly secretWord: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Words that name a password: any non-placeholder value there is a credential, a weak one included. */
const PASSWORD_WORDS = new Set(["password", "passwd", "pwd", "passphrase", "pass"]);

/** Values that are not secrets whatever they are assigned to. */
const NOT_SECRET_VALUE: readonly RegExp[] = [
  /^(?:sha(?:1|256|384|512)|md5):/i, // image digests, checksums
  /^\$(?:2[abxy]?|5|6|argon2i?d?|y)\$/, // crypt and bcrypt hashes
  /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-ssh-ed25519@\S+) AAAA/, // public keys
  /^-----BEGIN (?:PUBLIC KEY|CERTIFICATE|SSH2 PUBLIC KEY)-----/,
  /^(?:https?|wss?|file|s3|gs):\/\/[^@\s]*$/i, // URLs without credentials
  /^(?:\.{0,2}\/|~\/)[\w./-]*$/, // paths
  /^(?:arn|projects|secrets|kv|vault|aws|gcp|azure):[\w:/.-]*$/i, // references to a secret store
];

/** Does a literal in a secret-named place look like a credential (rather than a name, path or flag)? */
export function isCredentialValue(value: string, secretWord: string, name?: string): boolean {
  const text = value.trim();
  if (text === "" || text.includes("${") || text.includes("%{")) return false;
  const passwordField = PASSWORD_WORDS.has(secretWord);
  if (isPlaceholder(text, { passwordField, ...(name !== undefined ? { name } : {}) })) return false;
  if (NOT_SECRET_VALUE.some((p) => p.test(text))) return false;
  if (passwordField) return text.length >= 3;
  // tokens, keys, secrets: long, no spaces, not a kebab/snake name, and random-looking
  if (text.length < 8 || /\s/.test(text)) return false;
  if (/^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$/.test(text) && !/\d/.test(text.replace(/v\d+$/, ""))) return false;
  const mixed = /[A-Za-z]/.test(text) && /\d/.test(text);
  return shannonEntropy(text) >= 3.0 && (mixed || text.length >= 16);
}

const SHELL_ASSIGNMENT = /(?<![A-Za-z0-9_])(?:export\s{1,10})?([A-Za-z_][A-Za-z0-9_]{0,80})=(?:"([^"\n$`]{1,500})"|'([^'\n]{1,500})'|([^\s;'"`$|&<>()]{1,500}))/g;
const SHELL_FLAG = /(?<![A-Za-z0-9_-])--?((?:[A-Za-z]{1,20}-){0,3}(?:password|passwd|token|secret|api-key|apikey|access-key|secret-key|client-secret)(?:-[A-Za-z]{1,20}){0,2})(?:=|\s{1,5})(?:"([^"\n$`]{1,500})"|'([^'\n]{1,500})'|([^\s;'"`$|&<>()-][^\s;'"`$|&<>()]{0,499}))/g;
const CONFIG_ASSIGNMENT = /(?<![A-Za-z0-9_-])([A-Za-z_][A-Za-z0-9_-]{0,80})["']?\s{0,5}[=:]\s{0,5}(?:"([^"\n]{1,500})"|'([^'\n]{1,500})')/g;

function collect(pattern: RegExp, text: string, offset: number, out: NamedValue[]): void {
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    const name = match[1] ?? "";
    const value = match[2] ?? match[3] ?? match[4];
    if (value === undefined) continue;
    const secretWord = secretValueName(name.replace(/^-+/, ""));
    if (!secretWord || !isCredentialValue(value, secretWord, name.replace(/^-+/, ""))) continue;
    const start = offset + match.index + match[0].lastIndexOf(value);
    out.push({ name, secretWord, value, start, end: start + value.length });
  }
}

/** A URL's query string: `?password=...&token=...` (up to a quote, space, `#` or interpolation). */
const URL_QUERY = /:\/\/[^\s"'?#]{1,500}\?([^\s"'#]{1,2000})/g;
const QUERY_PARAMETER = /(?:^|&)([A-Za-z_][A-Za-z0-9_.\-]{0,60})=([^&$]{1,500})/g;

/** `https://host/x?password=...&api_token=...`: secret-named query parameters with literal values. */
export function scanUrlQueries(text: string, offset = 0): NamedValue[] {
  const out: NamedValue[] = [];
  if (!text.includes("://")) return out;
  URL_QUERY.lastIndex = 0;
  for (const url of text.matchAll(URL_QUERY)) {
    const query = url[1] ?? "";
    const queryStart = url.index + url[0].length - query.length;
    QUERY_PARAMETER.lastIndex = 0;
    for (const parameter of query.matchAll(QUERY_PARAMETER)) {
      const name = parameter[1] ?? "";
      const value = parameter[2] ?? "";
      const secretWord = secretValueName(name);
      if (!secretWord || !isCredentialValue(value, secretWord, name)) continue;
      const start = offset + queryStart + parameter.index + parameter[0].length - value.length;
      out.push({ name, secretWord, value, start, end: start + value.length });
    }
  }
  return out;
}

/** `export API_TOKEN=...`, `PASSWORD='...'`, `--password ...` in shell text (heredocs, `.tftpl`). */
export function scanShell(text: string, offset = 0): NamedValue[] {
  const out: NamedValue[] = [];
  collect(SHELL_ASSIGNMENT, text, offset, out);
  collect(SHELL_FLAG, text, offset, out);
  return out;
}

/** `password = "..."`, `token: '...'` in free text such as comments. */
export function scanConfigAssignments(text: string, offset = 0): NamedValue[] {
  const out: NamedValue[] = [];
  collect(CONFIG_ASSIGNMENT, text, offset, out);
  collect(SHELL_ASSIGNMENT, text, offset, out);
  return out;
}
