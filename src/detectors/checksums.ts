/** Checksums that vendors build into their token formats, to tell real tokens from look-alikes. */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (crc >>> 8) ^ (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function base62Decode(text: string): number {
  let value = 0;
  for (const ch of text) {
    const digit = BASE62.indexOf(ch);
    if (digit < 0) return -1;
    value = value * 62 + digit;
  }
  return value;
}

export function base62Encode(value: number, width: number): string {
  let out = "";
  let rest = value;
  do {
    out = (BASE62[rest % 62] ?? "0") + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, "0");
}

/**
 * GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens end with the base62
 * CRC32 of their 30 random characters (github.blog, 2021-04-05 and 2021-09-23).
 */
export function hasValidCrc32Suffix(token: string): boolean {
  const body = token.slice(4, -6);
  const checksum = token.slice(-6);
  return body.length === 30 && base62Decode(checksum) === crc32(body);
}
