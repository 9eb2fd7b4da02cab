import micromatch from "micromatch";

/**
 * Glob matching for user patterns (config `ignores`, `--ignore-pattern`) without backtracking.
 *
 * micromatch compiles a glob to a regular expression, and `*a*a*a*b` against a long file name makes
 * V8's backtracking engine take seconds to hours (measured: 44 s for 1,000 characters). A pattern
 * and a file name can both come from the repository being linted, so matching must be bounded:
 * braces are expanded by micromatch (at most MAX_ALTERNATIVES alternatives), and each alternative is
 * matched here in O(segments x pattern segments) for `**` and O(name x segment pattern) for `*`,
 * `?` and `[...]`, with the classic greedy wildcard algorithm (it never revisits more than the last
 * star's position).
 *
 * Semantics follow micromatch with `{ dot: true }`: `*` and `?` never match `/`, `**` as a whole
 * segment matches any number of segments (none included), `[abc]`, `[a-z]` and `[!abc]` / `[^abc]`
 * match one character, a trailing `/` matches the folder itself.
 */
const MAX_ALTERNATIVES = 256;

type Token = { readonly kind: "char"; readonly char: string } | { readonly kind: "any" } | { readonly kind: "one" } | { readonly kind: "class"; readonly negated: boolean; readonly test: (c: string) => boolean };

type Segment = { readonly kind: "globstar" } | { readonly kind: "tokens"; readonly tokens: readonly Token[] };

/** A user pattern that cannot be matched safely: reported as a configuration error. */
export class GlobError extends Error {}

function classToken(body: string): Token {
  const negated = body.startsWith("!") || body.startsWith("^");
  const inner = negated ? body.slice(1) : body;
  const ranges: [string, string][] = [];
  for (let i = 0; i < inner.length; i++) {
    const from = inner[i] ?? "";
    if (inner[i + 1] === "-" && i + 2 < inner.length) {
      ranges.push([from, inner[i + 2] ?? ""]);
      i += 2;
    } else ranges.push([from, from]);
  }
  return { kind: "class", negated, test: (c) => ranges.some(([a, b]) => c >= a && c <= b) };
}

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? "";
    if (c === "\\" && i + 1 < segment.length) tokens.push({ kind: "char", char: segment[++i] ?? "" });
    else if (c === "*") {
      // consecutive stars inside a segment are one star
      if (tokens[tokens.length - 1]?.kind !== "any") tokens.push({ kind: "any" });
    } else if (c === "?") tokens.push({ kind: "one" });
    else if (c === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close === -1) tokens.push({ kind: "char", char: c });
      else {
        tokens.push(classToken(segment.slice(i + 1, close)));
        i = close;
      }
    } else tokens.push({ kind: "char", char: c });
  }
  return tokens;
}

function tokenMatches(token: Token, c: string): boolean {
  if (token.kind === "char") return token.char === c;
  if (token.kind === "one") return true;
  if (token.kind === "class") return token.test(c) !== token.negated;
  return false;
}

/** One path segment against one pattern segment: greedy, resuming after the last star only. */
function matchSegment(tokens: readonly Token[], name: string): boolean {
  let t = 0;
  let n = 0;
  let starToken = -1;
  let starName = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token && token.kind !== "any" && tokenMatches(token, name[n] ?? "")) {
      t++;
      n++;
    } else if (token?.kind === "any") {
      starToken = t++;
      starName = n;
    } else if (starToken !== -1) {
      t = starToken + 1;
      n = ++starName;
    } else return false;
  }
  while (tokens[t]?.kind === "any") t++;
  return t === tokens.length;
}

function compile(pattern: string): Segment[] {
  return pattern.split("/").map((part): Segment => (part === "**" ? { kind: "globstar" } : { kind: "tokens", tokens: tokenize(part) }));
}

/** Path segments against pattern segments; `**` as in matchSegment's star, over whole segments. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): boolean {
  let s = 0;
  let p = 0;
  let starSegment = -1;
  let starPart = 0;
  while (p < parts.length) {
    const segment = segments[s];
    if (segment && segment.kind === "tokens" && matchSegment(segment.tokens, parts[p] ?? "")) {
      s++;
      p++;
    } else if (segment?.kind === "globstar") {
      starSegment = s++;
      starPart = p;
    } else if (starSegment !== -1) {
      s = starSegment + 1;
      p = ++starPart;
    } else return false;
  }
  while (segments[s]?.kind === "globstar") s++;
  return s === segments.length;
}

/** A matcher for a user glob; throws GlobError for a pattern whose braces expand too far. */
export function globMatcher(pattern: string): (path: string) => boolean {
  const trimmed = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  let alternatives: string[];
  try {
    alternatives = micromatch.braces(trimmed, { expand: true, rangeLimit: MAX_ALTERNATIVES });
  } catch {
    throw new GlobError(`the pattern "${pattern}" expands to too many alternatives`);
  }
  if (alternatives.length > MAX_ALTERNATIVES) throw new GlobError(`the pattern "${pattern}" expands to more than ${String(MAX_ALTERNATIVES)} alternatives`);
  const compiled = alternatives.map(compile);
  return (path) => {
    const parts = path.split("/");
    return compiled.some((segments) => matchSegments(segments, parts));
  };
}
