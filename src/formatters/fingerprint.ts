/**
 * GitHub code scanning's `primaryLocationLineHash`, computed as the CodeQL action does: for every
 * line, a rolling polynomial hash (base 37, 64-bit wrap-around) of the next 100 characters, skipping
 * spaces and tabs and treating CR/CRLF as LF, then `:<n>` for the n-th line with the same hash.
 */
const BLOCK_SIZE = 100;
const MOD = 37n;
const EOF_CHAR = 65535;
const FIRST_MOD = (() => {
  let value = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) value = BigInt.asUintN(64, value * MOD);
  return value;
})();

export function lineHashes(text: string): Map<number, string> {
  const out = new Map<number, string>();
  const window: number[] = new Array<number>(BLOCK_SIZE).fill(0);
  const lineNumbers: number[] = new Array<number>(BLOCK_SIZE).fill(-1);
  const counts = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const output = (): void => {
    const value = hash.toString(16);
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    out.set(lineNumbers[index] ?? -1, `${value}:${String(count)}`);
    lineNumbers[index] = -1;
  };
  const update = (current: number): void => {
    const begin = window[index] ?? 0;
    window[index] = current;
    hash = BigInt.asUintN(64, MOD * hash + BigInt(current) - FIRST_MOD * BigInt(begin));
    index = (index + 1) % BLOCK_SIZE;
  };
  const processChar = (code: number): void => {
    let current = code;
    if (current === 32 || current === 9 || (prevCR && current === 10)) {
      prevCR = false;
      return;
    }
    if (current === 13) {
      current = 10;
      prevCR = true;
    } else prevCR = false;
    if (lineNumbers[index] !== -1) output();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === 10) lineStart = true;
    update(current);
  };

  for (let i = 0; i < text.length; i++) processChar(text.charCodeAt(i));
  processChar(EOF_CHAR);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) output();
    update(0);
  }
  return out;
}
