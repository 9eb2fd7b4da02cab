import { mayNameSecret, SECRET_NAME_HINT, secretValueName } from "../catalog/secret-names.js";
import { isPlaceholder } from "./placeholders.js";

/** A value assigned to a secret-named thing in text (shell, comments). Offsets are of the value. */
export interface NamedValue {
  /** The language the value was found in (`shell`, `YAML`, `SQL`, ...), for messages. */
  readonly language?: string;
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
  // a command that reads the secret from somewhere else: `cat /run/secrets/db`, `vault kv get ...`,
  // `op read op://...`; a passphrase of words (`cat dog fish`) has no path or subcommand after the word
  /^cat\s+["']?[/~.$]\S*["']?$/,
  /^(?:vault\s+(?:kv|read|write)|op\s+(?:read|item|inject)|aws\s+(?:secretsmanager|ssm)|gcloud\s+secrets|az\s+keyvault|kubectl\s+get\s+secrets?|gopass\s+show|pass\s+show|bw\s+get|secret-tool\s+lookup|security\s+find-\S+-password)\s\S/,
];

/** Does a literal in a secret-named place look like a credential (rather than a name, path or flag)? */
export function isCredentialValue(value: string, secretWord: string, name?: string): boolean {
  const text = value.trim();
  if (text === "" || text.includes("${") || text.includes("%{")) return false;
  const passwordField = PASSWORD_WORDS.has(secretWord);
  if (isPlaceholder(text, { passwordField, ...(name !== undefined ? { name } : {}) })) return false;
  if (NOT_SECRET_VALUE.some((p) => p.test(text))) return false;
  if (passwordField) return text.length >= 3;
  // tokens, keys, secrets: one word of four characters or more that is not the name of something
  // (`coder-workspace-secret`, `extra_ca`). Weak values count, as for passwords: `rustfsadmin`
  // assigned to `S3_SECRET_ACCESS_KEY` is the key of that service.
  if (text.length < 4 || /\s/.test(text)) return false;
  return !(/^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$/.test(text) && !/\d/.test(text.replace(/v\d+$/, "")));
}

const SHELL_ASSIGNMENT = /(?<![A-Za-z0-9_])(?:export\s{1,10})?([A-Za-z_][A-Za-z0-9_]{0,80})=(?:"([^"\n$`]{1,500})"|'([^'\n]{1,500})'|([^\s;'"`$|&<>()]{1,500}))/g;
const SHELL_FLAG = /(?<![A-Za-z0-9_-])--?((?:[A-Za-z]{1,20}-){0,3}(?:password|passwd|token|secret|api-key|apikey|access-key|secret-key|client-secret)(?:-[A-Za-z]{1,20}){0,2})(?:=|\s{1,5})(?:"([^"\n$`]{1,500})"|'([^'\n]{1,500})'|([^\s;'"`$|&<>()-][^\s;'"`$|&<>()]{0,499}))/g;
const CONFIG_ASSIGNMENT = /(?<![A-Za-z0-9_-])([A-Za-z_][A-Za-z0-9_-]{0,80})["']?\s{0,5}[=:]\s{0,5}(?:"([^"\n]{1,500})"|'([^'\n]{1,500})')/g;

/**
 * `sed 's/PASSWORD=db/PASSWORD=root/'`: an assignment inside a substitution sets what follows the
 * last `/NAME=`, up to the next `/`: the credential is `root`, not the expression.
 */
function substitutedValue(name: string, value: string): { value: string; skip: number } {
  const marker = `/${name}=`;
  const at = value.lastIndexOf(marker);
  if (at === -1) return { value, skip: 0 };
  const rest = value.slice(at + marker.length);
  const slash = rest.indexOf("/");
  return { value: slash === -1 ? rest : rest.slice(0, slash), skip: at + marker.length };
}

function collect(pattern: RegExp, text: string, offset: number, out: NamedValue[], language?: string): void {
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    const name = match[1] ?? "";
    const written = match[2] ?? match[3] ?? match[4];
    if (written === undefined) continue;
    const { value, skip } = substitutedValue(name, written);
    const secretWord = secretValueName(name.replace(/^-+/, ""));
    if (!secretWord || !isCredentialValue(value, secretWord, name.replace(/^-+/, ""))) continue;
    const start = offset + match.index + match[0].lastIndexOf(written) + skip;
    out.push(language === undefined ? { name, secretWord, value, start, end: start + value.length } : { language, name, secretWord, value, start, end: start + value.length });
  }
}

/** Where a URL token ends: whitespace, a quote or a fragment. */
const URL_END = /[\s"'#]/g;
const QUERY_PARAMETER = /(?:^|&)([A-Za-z_][A-Za-z0-9_.\-]{0,60})=([^&$]{1,500})/g;
/** The longest URL read for a query string. */
const MAX_URL = 4096;

/** `https://host/x?password=...&api_token=...`: secret-named query parameters with literal values. */
export function scanUrlQueries(text: string, offset = 0): NamedValue[] {
  const out: NamedValue[] = [];
  if (!mayNameSecret(text)) return out;
  // each URL is read once, from its "://" to its end: linear in the text
  for (let at = text.indexOf("://"); at !== -1; at = text.indexOf("://", at + 3)) {
    // a window of MAX_URL characters at most: no scan runs past it
    const urlStart = at;
    const window = text.slice(urlStart, urlStart + MAX_URL);
    URL_END.lastIndex = 0;
    const length = URL_END.exec(window)?.index ?? window.length;
    const end = urlStart + length;
    at = Math.max(urlStart, end - 3);
    const question = window.indexOf("?");
    if (question === -1 || question >= length) continue;
    const queryStart = urlStart + question + 1;
    const query = text.slice(queryStart, end);
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

/**
 * Other languages templates carry in heredocs and `.tftpl` files, one pattern per shape. Each names
 * the value (group 1, or the fixed name of the row) and captures it (groups 2-4).
 */
const EMBEDDED: readonly { readonly language: string; readonly pattern: RegExp; readonly name?: string }[] = [
  // YAML: `password: s3cret` (unquoted; quoted values are CONFIG_ASSIGNMENT's)
  { language: "YAML", pattern: /(?<=^|\n)[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]{0,80}):[ \t]+()()([^\s#'"{}[\]&*!|>%$`][^\s#]{0,499})[ \t]*(?=\n|$|[ \t]#)/g },
  // PHP: $cfg['Servers'][$i]['password'] = '...';  define('DB_PASSWORD', '...');
  { language: "PHP", pattern: /\[\s{0,3}['"]([A-Za-z_][A-Za-z0-9_-]{0,80})['"]\s{0,3}\]\s{0,3}=\s{0,3}(?:'([^'\n]{1,500})'|"([^"\n$]{1,500})")()/g },
  { language: "PHP", pattern: /\bdefine\(\s{0,3}['"]([A-Za-z_][A-Za-z0-9_]{0,80})['"]\s{0,3},\s{0,3}(?:'([^'\n]{1,500})'|"([^"\n$]{1,500})")()/g },
  // SQL: CREATE USER x IDENTIFIED BY '...';  ALTER ROLE x WITH PASSWORD '...'
  { language: "SQL", name: "password", pattern: /()\b(?:identified\s{1,5}by|with\s{1,5}(?:encrypted\s{1,5})?password)\s{1,5}(?:'([^'\n]{1,500})'|"([^"\n$]{1,500})")()/gi },
];

/** `mysql ... -pSECRET`: the password attached to `-p`, looked for on the rest of a mysql command's line. */
const MYSQL_COMMAND = /\bmysql(?:dump|admin)?\b/g;
const MYSQL_PASSWORD = /\s-p(?:'([^'\n]{1,200})'|"([^"\n$]{1,200})"|([^\s'"$-][^\s'"$;|&]{1,199}))/;
const MAX_MYSQL_LINE = 300;

function collectMysqlPasswords(text: string, offset: number, out: NamedValue[]): void {
  MYSQL_COMMAND.lastIndex = 0;
  let scannedTo = 0;
  for (const command of text.matchAll(MYSQL_COMMAND)) {
    const from = command.index + command[0].length;
    if (from < scannedTo) continue;
    const lineEnd = text.indexOf("\n", from);
    const to = Math.min(lineEnd === -1 ? text.length : lineEnd, from + MAX_MYSQL_LINE);
    scannedTo = to;
    const rest = text.slice(from, to);
    const match = MYSQL_PASSWORD.exec(rest);
    const value = match?.[1] ?? match?.[2] ?? match?.[3];
    if (!match || !value || !isCredentialValue(value, "password", "password")) continue;
    const start = offset + from + match.index + match[0].lastIndexOf(value);
    out.push({ language: "shell", name: "password", secretWord: "password", value, start, end: start + value.length });
  }
}

function collectEmbedded(text: string, offset: number, out: NamedValue[], named: readonly TextPart[]): void {
  if (text.includes("mysql")) collectMysqlPasswords(text, offset, out);
  const whole: readonly TextPart[] = [{ start: 0, text }];
  for (const row of EMBEDDED) {
    // a row that reads the name from the text looks only where a secret name is written; the SQL
    // row names the value itself, and reads the whole text
    for (const part of row.name ? whole : named) {
      row.pattern.lastIndex = 0;
      for (const match of part.text.matchAll(row.pattern)) {
        const name = row.name ?? match[1] ?? "";
        const value = match[2] || match[3] || match[4];
        if (!value) continue;
        const secretWord = secretValueName(name);
        if (!secretWord || !isCredentialValue(value, secretWord, name)) continue;
        const start = offset + part.start + match.index + match[0].lastIndexOf(value);
        out.push({ language: row.language, name, secretWord, value, start, end: start + value.length });
      }
    }
  }
}

/** A stretch of a text, and where it starts in it. */
interface TextPart {
  readonly start: number;
  readonly text: string;
}

/** A stretch of a text: `start..end`. */
interface TextWindow {
  readonly start: number;
  readonly end: number;
}

const HINTS = new RegExp(SECRET_NAME_HINT.source, "gi");

/**
 * The stretches of a text where a secret name is written, for the patterns that read the name from
 * the text: each line holding a stem of a secret name (SECRET_NAME_HINT), with the lines before and
 * after it (`\s` in a pattern may reach across a newline: `--password \n value`, `[\n"password"]`),
 * joined where they touch.
 * A pattern that must fail at every word of a long script (is this an assignment? is its name a
 * secret?) then reads only these lines: on the corpus, 426 KB of heredocs and templates read by seven
 * patterns each took ~60 ms. Each window starts at a line start, where the patterns' lookbehinds
 * see what they see in the whole text (a line start), and ends at a line end.
 */
export function hintWindows(text: string): TextWindow[] {
  const windows: TextWindow[] = [];
  HINTS.lastIndex = 0;
  for (let hint = HINTS.exec(text); hint; hint = HINTS.exec(text)) {
    const lineStart = text.lastIndexOf("\n", hint.index);
    const start = lineStart <= 0 ? 0 : text.lastIndexOf("\n", lineStart - 1) + 1;
    const lineEnd = text.indexOf("\n", hint.index);
    const nextEnd = lineEnd === -1 ? -1 : text.indexOf("\n", lineEnd + 1);
    const end = nextEnd === -1 ? text.length : nextEnd;
    const last = windows[windows.length - 1];
    if (last && start <= last.end) windows[windows.length - 1] = { start: last.start, end: Math.max(last.end, end) };
    else windows.push({ start, end });
    // the rest of this line starts no other window
    HINTS.lastIndex = lineEnd === -1 ? text.length : lineEnd;
  }
  return windows;
}

/** The shell and config patterns, which read the name from the text. */
const NAMED_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [SHELL_ASSIGNMENT, "shell"],
  [SHELL_FLAG, "shell"],
  [CONFIG_ASSIGNMENT, "config"],
];

/**
 * Text in other languages (heredocs, `.tftpl` files): shell (`export API_TOKEN=...`, `--password
 * ...`, `mysql -p...`), `.env`, JSON and quoted YAML or INI (`"password": "..."`), unquoted YAML,
 * PHP and SQL. Overlaps are resolved by the caller (one finding per secret).
 */
export function scanEmbedded(text: string, offset = 0): NamedValue[] {
  // the stretches where a secret name is written, each cut out once for every pattern that reads names
  const named = hintWindows(text).map((window): TextPart => ({ start: window.start, text: text.slice(window.start, window.end) }));
  const out: NamedValue[] = [];
  for (const [pattern, language] of NAMED_PATTERNS) {
    for (const part of named) collect(pattern, part.text, offset + part.start, out, language);
  }
  collectEmbedded(text, offset, out, named);
  return out;
}

/** `password = "..."`, `token: '...'` in free text such as comments. */
export function scanConfigAssignments(text: string, offset = 0): NamedValue[] {
  const out: NamedValue[] = [];
  if (!mayNameSecret(text)) return out;
  collect(CONFIG_ASSIGNMENT, text, offset, out);
  collect(SHELL_ASSIGNMENT, text, offset, out);
  return out;
}

/** Every pattern of this module, by name: checked for catastrophic backtracking in the tests. */
export const ASSIGNMENT_PATTERNS: Readonly<Record<string, RegExp>> = {
  SHELL_ASSIGNMENT,
  SHELL_FLAG,
  CONFIG_ASSIGNMENT,
  URL_END,
  QUERY_PARAMETER,
  MYSQL_COMMAND,
  MYSQL_PASSWORD,
  ...Object.fromEntries(EMBEDDED.map((row, index) => [`EMBEDDED ${row.language} ${String(index)}`, row.pattern])),
};
