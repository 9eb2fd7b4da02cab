/**
 * Does a name say that it holds a secret? Used for attributes, variables, parameters, env keys,
 * object keys and metadata items. Precision matters more than recall here: a name heuristic that
 * fires on `max_tokens` or `ssh_public_key` is what makes users turn a linter off.
 */

/**
 * Word lists by name. Rules ask about the same few hundred names (attribute keys, env keys, variable
 * names) over and over; the cache is dropped when it grows past MAX_CACHED so odd inputs (every
 * shell word of a large script) cannot hold memory.
 */
const wordCache = new Map<string, readonly string[]>();
const MAX_CACHED = 20_000;

/**
 * Longer than this is not a name a person gave a value: no words. The splitting regexes are
 * quadratic on long runs of capitals (a 320,000-character identifier took 78 s).
 */
const MAX_NAME_LENGTH = 256;

/**
 * A copy of `name` that holds nothing else. A name read from a template is a slice of the file's
 * text, and V8 keeps a slice of 13 characters or more as a view into that text: a cache keyed by it
 * kept every file of a run alive (a heap snapshot of the corpus run: 1.9 MB of file texts held by
 * the word cache, and each full collection marking them again). Joining flattens into a new string
 * of its own; the slice of that string refers to it alone.
 */
function detached(name: string): string {
  return name.length < 13 ? name : ` ${name}`.slice(1);
}

/** Splits `DB_PASSWORD`, `dbPassword`, `db-password`, `Db Password` and `db.password` into words. */
export function splitWords(name: string): readonly string[] {
  if (name.length > MAX_NAME_LENGTH) return [];
  let words = wordCache.get(name);
  if (!words) {
    if (wordCache.size >= MAX_CACHED) wordCache.clear();
    words = split(name);
    wordCache.set(detached(name), words);
  }
  return words;
}

function split(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Words that name a secret on their own. */
const SECRET_WORDS = new Set([
  "password",
  "passwd",
  "passphrase",
  "pwd",
  "secret",
  "token",
  "credential",
  "credentials",
  "creds",
  "apikey",
  "privatekey",
  "kubeconfig",
  "pat",
  // one-token spellings
  "authkey",
  "privkey",
  "pgpassword",
  "apitoken",
  "authtoken",
]);

/** `<word> key` pairs that name a secret key (a bare `key` does not). */
const KEY_QUALIFIERS = new Set([
  "api",
  "access",
  "secret",
  "private",
  "client",
  "signing",
  "encryption",
  "master",
  "account",
  "auth",
  "shared",
  "storage",
  "session",
  "license",
  "deploy",
  "service",
]);

/**
 * Words that turn a secret word into something that is not a secret value: its length, its name, its
 * id, its file path, a flag that enables it, the public half of a key pair, a count of LLM tokens.
 */
const NOT_A_VALUE = new Set([
  "public", "pub", "max", "min", "count", "limit", "limits", "length", "len", "size", "ttl", "expiry",
  "expiration", "expires", "expire", "duration", "timeout", "lifetime", "url", "uri", "endpoint", "host",
  "file", "path", "dir", "directory", "filename", "name", "names", "id", "ids", "type", "format", "hash",
  "hashed", "fingerprint", "version", "arn", "enabled", "enable", "disable", "disabled", "header", "prefix",
  "suffix", "policy", "scope", "scopes", "label", "description", "help", "display", "icon", "mode", "rotation",
  "regex", "pattern", "placeholder", "mount", "location", "ref", "kind", "provider", "method", "style",
  "use", "uses", "using", "is", "has", "show", "required", "env", "var", "variable", "generate", "generated",
  "store", "manager", "reset", "change", "policy", "strength", "complexity", "usage",
  "budget", "window", "output", "input", "per", "tokens", "secrets", "sha", "sha256", "md5", "bcrypt", "checksum",
  "secretsmanager", "ssm", "keyring", "helper", "command", "cmd",
  // verbs about the secret, not the secret: clear_token, rotate_password
  "clear", "rotate", "revoke",
]);

/**
 * Words that make a setting about the secret when they come after its word (`secret_backend =
 * "vault"`, `password_algorithm = "argon2"`); before it they only qualify the secret
 * (`vault_backend_token` is a token).
 */
const SETTING_AFTER = new Set(["backend", "backends", "engine", "driver", "algorithm", "algo", "cipher", "strategy", "rule", "rules"]);

/** The secret phrase a name contains (`password`, `api key`), or null. */
/**
 * Stems every secret name contains one of (SECRET_WORDS, `<qualifier> key`, `pass`, `connection
 * string`, `sas`): a text without any of them names no secret, so scanners of free text can skip it
 * whole. Checked against the word tables in test/catalog.test.ts.
 */
export const SECRET_NAME_HINT = /pass|pwd|secret|token|cred|key|kubeconfig|conn|sas|pat/i;

/** Could a secret name be written in this text? */
export function mayNameSecret(text: string): boolean {
  return SECRET_NAME_HINT.test(text);
}

/** The last segment of a dotted or slashed name, which names the value: `auth.password`, `spec/db/password`. */
export function lastNameSegment(name: string): string {
  return name.split(/[./]/).filter((part) => part !== "").pop() ?? name;
}

/** The word tables, for tests that check SECRET_NAME_HINT against them. */
export const SECRET_WORD_TABLE: readonly string[] = [...SECRET_WORDS];

export function secretNameMatch(name: string): string | null {
  const words = splitWords(name);
  if (words.length === 0 || words.some((w) => NOT_A_VALUE.has(w))) return null;
  const match = secretWordOf(words);
  // a setting about the secret: a setting word after the secret's words
  return match === null || words.slice(match.end).some((w) => SETTING_AFTER.has(w)) ? null : match.word;
}

/** The secret phrase in a name's words, and where its words end. */
function secretWordOf(words: readonly string[]): { word: string; end: number } | null {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    if (SECRET_WORDS.has(word)) {
      // `pat` alone is too short to trust unless it stands beside a forge's name or `token`-like words
      if (word === "pat" && !words.some((w) => ["github", "gitlab", "gh", "git", "gitea", "forgejo", "bitbucket", "azure", "ado", "devops", "access", "personal"].includes(w))) continue;
      return { word, end: i + 1 };
    }
    if (word === "pass" && i === words.length - 1 && words.length > 1) return { word: "pass", end: i + 1 };
    if (word === "key" && i > 0 && KEY_QUALIFIERS.has(words[i - 1] ?? "")) return { word: `${words[i - 1] ?? ""} key`, end: i + 1 };
    if ((word === "connection" || word === "conn") && words[i + 1] === "string") return { word: "connection string", end: i + 2 };
    if (word === "sas" && (words[i + 1] === "token" || words[i + 1] === "url" || words.length === 1)) return { word: "sas", end: i + 1 };
  }
  const joined = words.join("");
  if (/(?:api|access|secret|private|client)key$/.test(joined) && words.length === 1) return { word: joined, end: 1 };
  return null;
}

export function isSecretName(name: string): boolean {
  return secretNameMatch(name) !== null;
}

/** Names that are the public half of a key pair: never secret, whatever else they say. */
export function isPublicKeyName(name: string): boolean {
  const words = splitWords(name);
  return words.includes("public") || words.includes("pub");
}

const valueNameCache = new Map<string, string | null>();

/** The secret phrase of a name that holds a secret value: null for public keys and non-secrets. */
export function secretValueName(name: string): string | null {
  let phrase = valueNameCache.get(name);
  if (phrase === undefined) {
    if (valueNameCache.size >= MAX_CACHED) valueNameCache.clear();
    phrase = isPublicKeyName(name) ? null : secretNameMatch(name);
    valueNameCache.set(detached(name), phrase);
  }
  return phrase;
}
