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

