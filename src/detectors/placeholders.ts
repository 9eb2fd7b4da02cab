import { mask } from "./mask.js";

/**
 * Values that stand for a credential without being one: documentation placeholders, template
 * markers of other languages, masks, vendor example values. Reporting them is the noise that makes
 * users turn secret scanners off; excusing real ones is worse. So every decision is about the whole
 * value: `example-password` and `<your-token>` are placeholders, but `MySamplePassw0rd` and
 * `Summer1234567890!` are passwords that merely contain a placeholder-like word.
 *
 * Each row names the shape it recognises; `DEBUG=1` prints every value excused, masked, with the
 * row that excused it.
 */
interface PlaceholderShape {
  readonly name: string;
  readonly test: (value: string) => boolean;
}

/** Words that make a value a placeholder when the value starts or ends with them (kebab, snake, dotted or spaced). */
const PLACEHOLDER_WORDS = new Set(["example", "sample", "dummy", "placeholder", "fake", "redacted", "foobar", "changeme", "todo", "tbd", "xxx", "your", "mock"]);

/** The words of a value split on separators only (not on case: `MySamplePassw0rd` is one word). */
function separatedWords(value: string): string[] {
  return value.toLowerCase().split(/[\s_.\-/:]+/).filter((w) => w.length > 0);
}

const whole = (name: string, pattern: RegExp): PlaceholderShape => ({ name, test: (value) => pattern.test(value) });

export const PLACEHOLDER_SHAPES: readonly PlaceholderShape[] = [
  whole("template marker", /^(?:\{\{[^{}]{0,80}\}\}|\$\{\{[^{}]{0,80}\}\}|<%=?[^%]{0,80}%>|\{%[^%]{0,80}%\})$/), // {{ token }}, ${{ secrets.X }}, <%= pw %>
  whole("angle-bracket placeholder", /^<[^<>]{0,80}>$/), // <your-token>
  whole("interpolation kept literally", /^(?:\$\{[^{}]{0,200}\}|\$\([^()]{0,80}\)|\$[A-Za-z_][A-Za-z0-9_]{0,80}|%[A-Za-z_][A-Za-z0-9_]{0,80}%|%\([A-Za-z_][A-Za-z0-9_]{0,80}\)s)$/), // ${VAR}, $(VAR), $VAR, %VAR%, %(password)s
  whole("substitution marker", /^(?:@[A-Za-z_][A-Za-z0-9_]{0,80}@|__[A-Z0-9_]{1,80}__|\[[A-Za-z_][A-Za-z0-9_ -]{0,80}\]|\{[A-Za-z_][A-Za-z0-9_.-]{0,80}\})$/), // @PASSWORD@, __TOKEN__, [password], {password}
  whole("a run of one character", /^(.)\1{2,}$/), // xxxxxxxx, ********, 00000000
  whole("groups of a mask character", /^(?:[xX]{2,}|\*{2,}|#{2,})(?:[-_ ](?:[xX]{2,}|\*{2,}|#{2,})){1,7}$/), // xxxx-xxxx, XXXX-XXXX-XXXX
  whole("a mask after a short prefix", /^[A-Za-z0-9_-]{0,12}(?:[xX]{6,}|\*{3,}|•{3,}|\.{3,})[A-Za-z0-9_-]{0,6}$/), // ACXXXXXXXXXXXXXXXX, sk-***, ghp_...
  whole("vendor documentation example", /^[A-Za-z0-9/+]{0,40}EXAMPLE(?:KEY)?$/), // AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  whole("change-me marker", /^(?:change|replace|update|set)[\s_-]?(?:me|this|it)$|^replace[\s_-]?with\b/i),
  whole("your-...-here", /^your[\s_-]?[\w-]{0,60}$|^[A-Za-z\s_-]{0,60}[\s_-]here$/i), // your-api-key-here, YourKeyHere, put_token_here
  { name: "placeholder word first or last", test: (value) => { const words = separatedWords(value); return words.length > 0 && (PLACEHOLDER_WORDS.has(words[0] ?? "") || PLACEHOLDER_WORDS.has(words[words.length - 1] ?? "")); } },
  whole("a word for nothing", /^(?:tbd|tbc|n\/a|none|null|nil|undefined|empty|\*)$/i),
  whole("a flag value", /^(?:true|false|yes|no|on|off|enabled|disabled|required|optional)$/i),
  whole("a counting sequence", /^(?:0?123456789?0?|abcdefghij[a-z]{0,16}|qwerty)$/i),
  // a value made only of format directives (and the quotes and escapes around them): printf's %s,
  // Python's {} and %(name)s, positional $1; a directive next to real text (`pw%s9Xk2`) stays a value
  whole("format directives", /^(?:%[-+ #0]*\d*(?:\.\d+)?[sdifgqvxXc]|%\([A-Za-z_]\w{0,40}\)[sdr]|\{\d{0,2}\}|\$\d|\\[ntr]|["'\s])+$/), // %s, %s\n, {}, {0}, $1
  whole("an instruction to replace it (Chinese)", /^(?:请|請)(?:修改|输入|輸入|替换|替換|填写|填寫|更改)/), // 请修改：pve密码 ("please change: pve password")
];

/**
 * Words that mark the rest of a vendor-shaped value as a placeholder (`glpat-REPLACE_ME_WITH_TOKEN`,
 * `xoxb-CHANGEME-...`): a separated word, never a part of one (`ghp_ExampleXk39...` stays a token).
 */
const MARKER_WORDS = new Set([...PLACEHOLDER_WORDS, "replace", "replaceme", "insert", "here"]);

/** A vendor's prefix of one or two words (`glpat-`, `ghp_`, `sk-`, `sk-ant-`, `xoxb-`, `github_pat_`): both lengths are tried. */
const VENDOR_PREFIXES = [/^[A-Za-z]{2,10}[-_](?=.)/, /^[A-Za-z]{2,10}[-_][A-Za-z]{2,10}[-_](?=.)/];

/**
 * A vendor's prefix before a placeholder: the vendor detector must not win over a placeholder word
 * inside the value. The rest after the prefix is judged by every shape above, or by a marker word
 * among its separated words.
 */
const VENDOR_PLACEHOLDER: PlaceholderShape = {
  name: "a vendor prefix before a placeholder",
  test(value) {
    return VENDOR_PREFIXES.some((pattern) => {
      const prefix = pattern.exec(value)?.[0];
      if (!prefix) return false;
      const rest = value.slice(prefix.length);
      return PLACEHOLDER_SHAPES.some((shape) => shape.test(rest)) || separatedWords(rest).some((word) => MARKER_WORDS.has(word));
    });
  },
};

export interface PlaceholderOptions {
  /** The name the value is assigned to: a value that repeats it (`API_KEY=API_KEY`) is a placeholder. */
  readonly name?: string;
  /** A password field: a bare `secret`/`token`/`password` there (even its own name) is a weak password, not a placeholder. */
  readonly passwordField?: boolean;
}

/** Lowercase letters and digits only: `API_KEY`, `api-key` and `apiKey` compare equal. */
function folded(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The shape that makes `value` a placeholder, or null when it may be a real credential. */
export function placeholderShape(value: string, options: PlaceholderOptions = {}): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return "an empty value";
  // in a password field, `password = "password"` is a weak password that works, not a marker
  if (!options.passwordField) {
    if (options.name !== undefined && folded(options.name) !== "" && folded(trimmed) === folded(options.name)) return "the name repeated as its value";
    // `token = "token"`, `API_KEY = "apikey"`: the field's own word; `API_KEY = "secret"` is a weak key
    if (/^(?:secret|token|password|passwd|api[_-]?key)$/i.test(trimmed) && (options.name === undefined || folded(options.name).includes(folded(trimmed)))) return "the field's own name";
    // `api_key = "key"`, `client_secret = "client"`: a word of the field's own name (three letters or more)
    if (options.name !== undefined && /^[A-Za-z]{3,}$/.test(trimmed) && nameWords(options.name).includes(trimmed.toLowerCase())) return "a word of the field's own name";
    if (/^(?:test|testing)$/i.test(trimmed)) return "a test marker";
  }
  // `"api_key": "OPENCODE_API_KEY_VALUE"`: a variable-style name holding the key, substituted later
  if (options.name !== undefined && folded(options.name).length >= 3 && UPPER_SNAKE.test(trimmed) && folded(trimmed).includes(folded(options.name))) {
    return "the name inside an upper-case variable name";
  }
  for (const shape of PLACEHOLDER_SHAPES) if (shape.test(trimmed)) return shape.name;
  if (VENDOR_PLACEHOLDER.test(trimmed)) return VENDOR_PLACEHOLDER.name;
  return null;
}

/** The words of a name, on separators and case changes (`clientSecret`, `CLIENT_SECRET`, `client-secret`). */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** `SOME_NAME_2`: how environment variables and substitution markers are written. */
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Is `value` a placeholder? Logged (masked) on stderr with `DEBUG=1`, so excused values can be reviewed. */
export function isPlaceholder(value: string, options: PlaceholderOptions = {}): boolean {
  const shape = placeholderShape(value, options);
  if (shape && process.env.DEBUG) process.stderr.write(`coder-secrets-lint: DEBUG placeholder excused: ${mask(value.trim())} (${shape})\n`);
  return shape !== null;
}
