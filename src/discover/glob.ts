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

/**
 * The classic greedy wildcard match, over any pattern and subject: on a mismatch it resumes after
 * the last star only, one subject position further, so it never backtracks further than that.
 * `matchesAt(p, i)` says whether pattern element `p` (not a star) matches subject position `i`.
 */
function greedyMatch<P>(pattern: readonly P[], length: number, isStar: (p: P) => boolean, matchesAt: (p: P, i: number) => boolean): boolean {
  let p = 0;
  let i = 0;
  let starPattern = -1;
  let starSubject = 0;
  while (i < length) {
    const element = pattern[p];
    if (element !== undefined && !isStar(element) && matchesAt(element, i)) {
      p++;
      i++;
    } else if (element !== undefined && isStar(element)) {
      starPattern = p++;
      starSubject = i;
    } else if (starPattern !== -1) {
      p = starPattern + 1;
      i = ++starSubject;
    } else return false;
  }
  while (pattern[p] !== undefined && isStar(pattern[p] as P)) p++;
  return p === pattern.length;
}

/** One path segment against one pattern segment (`*` within the segment). */
function matchSegment(tokens: readonly Token[], name: string): boolean {
  return greedyMatch(tokens, name.length, (t) => t.kind === "any", (t, i) => tokenMatches(t, name[i] ?? ""));
}

function compile(pattern: string): Segment[] {
  return pattern.split("/").map((part): Segment => (part === "**" ? { kind: "globstar" } : { kind: "tokens", tokens: tokenize(part) }));
}

/** Path segments against pattern segments: `**` is the star, over whole segments. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): boolean {
  return greedyMatch(segments, parts.length, (s) => s.kind === "globstar", (s, i) => s.kind === "tokens" && matchSegment(s.tokens, parts[i] ?? ""));
}

/**
 * An upper bound on the alternatives a pattern's braces expand to, computed without expanding them:
 * the product over its `{...}` groups of their own alternatives (commas at the group's level, plus
 * one) or range sizes (`{1..20}`, `{a..z}`). micromatch expands first and counts after, and
 * `{a,b}` twenty times is a million strings (2 s); a pattern can come from the repository linted.
 */
function alternativesBound(pattern: string): number {
  let bound = 1;
  const open: { start: number; commas: number }[] = [];
  for (let i = 0; i < pattern.length && bound <= MAX_ALTERNATIVES; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "{") open.push({ start: i, commas: 0 });
    else if (c === "," && open.length > 0) (open[open.length - 1] as { commas: number }).commas++;
    else if (c === "}" && open.length > 0) {
      const group = open.pop() as { start: number; commas: number };
      const range = /^([A-Za-z]|-?\d+)\.\.([A-Za-z]|-?\d+)(?:\.\.-?\d+)?$/.exec(pattern.slice(group.start + 1, i));
      const size = group.commas > 0 ? group.commas + 1 : range ? rangeSize(range[1] ?? "", range[2] ?? "") : 1;
      bound *= size;
    }
  }
  return bound;
}

function rangeSize(from: string, to: string): number {
  const a = /^-?\d+$/.test(from) ? Number(from) : from.charCodeAt(0);
  const b = /^-?\d+$/.test(to) ? Number(to) : to.charCodeAt(0);
  return Math.abs(b - a) + 1;
}

/** A matcher for a user glob; throws GlobError for a pattern whose braces expand too far. */
export function globMatcher(pattern: string): (path: string) => boolean {
  const trimmed = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  if (alternativesBound(trimmed) > MAX_ALTERNATIVES) throw new GlobError(`the pattern "${pattern}" expands to more than ${String(MAX_ALTERNATIVES)} alternatives`);
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
