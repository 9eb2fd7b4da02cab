/**
 * Does a stretch of a file's text contain a string? Rules ask this of every attribute before
 * walking it (a URL needs `://`): the offsets of each string asked about are found once per file
 * (one native `indexOf` pass) and binary-searched, so asking about every attribute of a file stays
 * linear in the file, and an attribute that cannot hold a match is passed over without a walk.
 */

interface HasText {
  readonly text: string;
}

/** Offsets by what was looked for (a string, a pattern), then by file: each found once per file. */
type OffsetCache<K> = Map<K, WeakMap<HasText, readonly number[]>>;

function cachedOffsets<K>(cache: OffsetCache<K>, key: K, file: HasText, find: (text: string) => number[]): readonly number[] {
  let byFile = cache.get(key);
  if (!byFile) {
    byFile = new WeakMap();
    cache.set(key, byFile);
  }
  let found = byFile.get(file);
  if (!found) {
    found = find(file.text);
    byFile.set(file, found);
  }
  return found;
}

const occurrencesByText: OffsetCache<string> = new Map();

/** Every offset where `needle` starts in a file's text: one native `indexOf` pass. */
function occurrences(file: HasText, needle: string): readonly number[] {
  return cachedOffsets(occurrencesByText, needle, file, (text) => {
    const offsets: number[] = [];
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) offsets.push(at);
    return offsets;
  });
}

/** Does `needle` start anywhere in `start..end` of the file's text (and end by `end`)? */
export function textContains(file: HasText, needle: string, start: number, end: number): boolean {
  const offsets = occurrences(file, needle);
  const at = offsets[lowerBound(offsets, (offset) => offset, start)];
  return at !== undefined && at + needle.length <= end;
}

const startsByPattern: OffsetCache<RegExp> = new Map();

/**
 * Every offset of a file's text where `pattern` matches, overlapping ones included (`pattern` is
 * global): found in one pass per file and pattern, then binary-searched by patternStartsWithin.
 */
function patternStarts(file: HasText, pattern: RegExp): readonly number[] {
  // exec of a pattern that is not global ignores lastIndex: the loop below would never end
  if (!pattern.global) throw new TypeError("text-index: patternStartsWithin needs a global pattern");
  return cachedOffsets(startsByPattern, pattern, file, (text) => {
    const offsets: number[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      offsets.push(match.index);
      // the next match may start inside this one: `passpass`, a lookahead's empty match
      pattern.lastIndex = match.index + 1;
    }
    return offsets;
  });
}

/**
 * Does `pattern` (global) match anywhere starting in `start..end` of the file's text? Scanners ask
 * this of every block and attribute before walking it: a block whose text holds no secret name is
 * passed over whole.
 */
export function patternStartsWithin(file: HasText, pattern: RegExp, start: number, end: number): boolean {
  const offsets = patternStarts(file, pattern);
  const at = offsets[lowerBound(offsets, (offset) => offset, start)];
  return at !== undefined && at < end;
}

/** The index of the first of `items` (ascending by `key`) whose key is at least `value`; `items.length` if none. */
export function lowerBound<T>(items: readonly T[], key: (item: T) => number, value: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const item = items[mid];
    if (item !== undefined && key(item) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

