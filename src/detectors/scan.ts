import { DETECTORS, type Detector } from "./formats.js";
import { isPlaceholder } from "./placeholders.js";
import { lowerBound } from "../model/text-index.js";
import { escapeRegExp, literalTrieSource } from "./search.js";

export interface CredentialMatch {
  readonly detector: Detector;
  /** Offsets of the secret itself in the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly secret: string;
}

/**
 * Keywords that occur in nearly every template (`coder` ~25,000 times in the corpus, `://`, `sk` of
 * `task` and `disk`, `aws`): each is looked for on its own, up to its first occurrence, instead of
 * being matched again and again by the alternation below.
 */
const COMMON_KEYWORDS: ReadonlySet<string> = new Set(["coder", "://", "sk", "aws"]);

/** Every other keyword in one prefix-factored pattern (longest first): a single pass tells which detectors can match a text. */
const KEYWORDS = [...new Set(DETECTORS.flatMap((d) => d.keywords))];
const KEYWORD_SCAN = new RegExp(literalTrieSource(KEYWORDS.filter((k) => !COMMON_KEYWORDS.has(k)).map((k) => k.toLowerCase())), "gi");
const COMMON_SCANS = KEYWORDS.filter((k) => COMMON_KEYWORDS.has(k)).map((keyword) => ({ keyword, pattern: new RegExp(escapeRegExp(keyword), "i") }));
const DETECTORS_BY_KEYWORD = new Map<string, Detector[]>();
for (const detector of DETECTORS) {
  for (const keyword of detector.keywords) {
    const list = DETECTORS_BY_KEYWORD.get(keyword) ?? [];
    list.push(detector);
    DETECTORS_BY_KEYWORD.set(keyword, list);
  }
}

/** The detectors whose keywords occur in the text. */
export function candidateDetectors(text: string): Detector[] {
  const found = new Set<Detector>();
  for (const { keyword, pattern } of COMMON_SCANS) {
    if (pattern.test(text)) for (const detector of DETECTORS_BY_KEYWORD.get(keyword) ?? []) found.add(detector);
  }
  KEYWORD_SCAN.lastIndex = 0;
  for (let match = KEYWORD_SCAN.exec(text); match; match = KEYWORD_SCAN.exec(text)) {
    for (const detector of DETECTORS_BY_KEYWORD.get(match[0].toLowerCase()) ?? []) found.add(detector);
  }
  return DETECTORS.filter((d) => found.has(d));
}

/** The longest private key block searched for its END marker. */
const MAX_BLOCK = 20_000;

/** Every offset where `marker` occurs in `text`, ascending: one linear pass. */
function occurrences(text: string, marker: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) found.push(at);
  return found;
}

/**
 * Where a block that opens at `start` ends (exclusive), or -1. The closing markers of the text are
 * found once and binary-searched: a text of a hundred thousand opening lines and no closing one is
 * linear, not a search to the end of the text from each of them.
 */
function blockEnd(text: string, detector: Detector, ends: readonly number[], start: number, opening: number): number {
  const marker = detector.endMarker ?? "";
  const close = ends[lowerBound(ends, (end) => end, start + opening)] ?? -1;
  if (close === -1 || close - start > MAX_BLOCK) return -1;
  if (!detector.endsWithLine) return close + marker.length;
  const newline = text.indexOf("\n", close);
  return newline === -1 ? text.length : newline;
}

/** Finds known credential formats anywhere in a text: values, heredocs, comments. */
export function scanKnownFormats(text: string): CredentialMatch[] {
  const matches: CredentialMatch[] = [];
  for (const detector of candidateDetectors(text)) {
    detector.pattern.lastIndex = 0;
    const ends = detector.endMarker ? occurrences(text, detector.endMarker) : [];
    for (const match of text.matchAll(detector.pattern)) {
      let secret = match[1] ?? match[0];
      // the last occurrence: a captured secret ends its match (in `://db:db@` the password is the second `db`)
      const start = match.index + (match[1] !== undefined ? match[0].lastIndexOf(match[1]) : 0);
      if (detector.endMarker) {
        // a private key block runs from its opening line to its closing marker, masked whole
        const end = blockEnd(text, detector, ends, start, secret.length);
        if (end !== -1) secret = text.slice(start, end);
        else if (!detector.openingLineIfUnclosed) continue;
      }
      if (isPlaceholder(secret)) continue;
      if (detector.validate && !detector.validate(secret)) continue;
      matches.push({ detector, start, end: start + secret.length, secret });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}
