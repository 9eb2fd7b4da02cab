import { DETECTORS, type Detector } from "./formats.js";
import { isPlaceholder } from "./placeholders.js";

export interface CredentialMatch {
  readonly detector: Detector;
  /** Offsets of the secret itself in the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly secret: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One alternation of every keyword: a single pass tells which detectors can match a text. */
const KEYWORDS = [...new Set(DETECTORS.flatMap((d) => d.keywords))].sort((a, b) => b.length - a.length);
const KEYWORD_SCAN = new RegExp(KEYWORDS.map(escapeRegExp).join("|"), "gi");
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
  KEYWORD_SCAN.lastIndex = 0;
  for (const match of text.matchAll(KEYWORD_SCAN)) {
    for (const detector of DETECTORS_BY_KEYWORD.get(match[0].toLowerCase()) ?? []) found.add(detector);
  }
  return DETECTORS.filter((d) => found.has(d));
}

/** The longest private key block searched for its END marker. */
const MAX_BLOCK = 20_000;

/** Finds known credential formats anywhere in a text: values, heredocs, comments. */
export function scanKnownFormats(text: string): CredentialMatch[] {
  const matches: CredentialMatch[] = [];
  for (const detector of candidateDetectors(text)) {
    detector.pattern.lastIndex = 0;
    for (const match of text.matchAll(detector.pattern)) {
      let secret = match[1] ?? match[0];
      const start = match.index + (match[1] !== undefined ? match[0].indexOf(match[1]) : 0);
      if (detector.endMarker) {
        // a private key block runs from its BEGIN line to the END marker (bounded search)
        const close = text.indexOf(detector.endMarker, start + secret.length);
        if (close === -1 || close - start > MAX_BLOCK) continue;
        secret = text.slice(start, close + detector.endMarker.length);
      }
      if (isPlaceholder(secret)) continue;
      if (detector.validate && !detector.validate(secret)) continue;
      matches.push({ detector, start, end: start + secret.length, secret });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}
