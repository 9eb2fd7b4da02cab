/**
 * Does a stretch of a file's text contain a string? Rules ask this of every attribute before
 * walking it (a URL needs `://`): the offsets of each string asked about are found once per file
 * (one native `indexOf` pass) and binary-searched, so asking about every attribute of a file stays
 * linear in the file, and an attribute that cannot hold a match is passed over without a walk.
 */

const occurrencesByText = new Map<string, WeakMap<object, readonly number[]>>();

function occurrences(file: { readonly text: string }, needle: string): readonly number[] {
  let byFile = occurrencesByText.get(needle);
  if (!byFile) {
    byFile = new WeakMap();
    occurrencesByText.set(needle, byFile);
  }
  let found = byFile.get(file);
  if (!found) {
    const offsets: number[] = [];
    const text = file.text;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) offsets.push(at);
    found = offsets;
    byFile.set(file, found);
  }
  return found;
}

/** Does `needle` start anywhere in `start..end` of the file's text (and end by `end`)? */
export function textContains(file: { readonly text: string }, needle: string, start: number, end: number): boolean {
  const offsets = occurrences(file, needle);
  const at = offsets[lowerBound(offsets, (offset) => offset, start)];
  return at !== undefined && at + needle.length <= end;
}

const startsByPattern = new Map<RegExp, WeakMap<object, readonly number[]>>();

/**
 * Every offset of a file's text where `pattern` matches, overlapping ones included (`pattern` is
 * global): found in one pass per file and pattern, then binary-searched by patternStartsWithin.
 */
function patternStarts(file: { readonly text: string }, pattern: RegExp): readonly number[] {
  let byFile = startsByPattern.get(pattern);
  if (!byFile) {
    byFile = new WeakMap();
    startsByPattern.set(pattern, byFile);
  }
  let found = byFile.get(file);
  if (!found) {
    const offsets: number[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(file.text); match; match = pattern.exec(file.text)) {
      offsets.push(match.index);
      // the next match may start inside this one: `passpass`, a lookahead's empty match
      pattern.lastIndex = match.index + 1;
    }
    found = offsets;
    byFile.set(file, found);
  }
  return found;
}

/**
 * Does `pattern` (global) match anywhere starting in `start..end` of the file's text? Scanners ask
 * this of every block and attribute before walking it: a block whose text holds no secret name is
 * passed over whole.
 */
export function patternStartsWithin(file: { readonly text: string }, pattern: RegExp, start: number, end: number): boolean {
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

