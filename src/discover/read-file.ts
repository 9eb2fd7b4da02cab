import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/**
 * The one way this tool reads a file it did not write itself (templates, config, provider schemas,
 * baselines, caches): opened without blocking, judged by what it is after `open` (fstat on the open
 * descriptor, not a stat that a symlink swap could outrun), and read in chunks that stop at a byte
 * limit whatever the file claims its size is. `/proc/self/pagemap` says it is 0 bytes long and reads
 * for gigabytes; a FIFO named `main.tf` never ends; `/dev/zero` is endless: each stops here.
 */
export type BoundedRead =
  | { readonly ok: true; readonly bytes: Buffer }
  /** `size`: what fstat said, when that alone was over the limit. */
  | { readonly ok: false; readonly reason: "not-regular" | "too-large" | "error"; readonly code?: string; readonly size?: number };

const CHUNK = 64 * 1024;

export function readBounded(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: "error", code: (error as NodeJS.ErrnoException).code ?? "EIO" };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: "not-regular" };
    if (stat.size > maxBytes) return { ok: false, reason: "too-large", size: stat.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      // more than the limit (a file that grew, or one whose size was a lie): stop, do not read on
      if (total > maxBytes) return { ok: false, reason: "too-large" };
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    return { ok: true, bytes: chunks.length === 1 ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, reason: "error", code: (error as NodeJS.ErrnoException).code ?? "EIO" };
  } finally {
    closeSync(fd);
  }
}

/** A file's text when it is a readable regular file of at most `maxBytes`, else null. */
export function readBoundedText(path: string, maxBytes: number): string | null {
  const read = readBounded(path, maxBytes);
  return read.ok ? read.bytes.toString("utf8") : null;
}
