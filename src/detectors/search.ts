/** Small search helpers shared by the detectors and the rules that scan text. */

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

/** `text` as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
