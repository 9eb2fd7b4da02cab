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
    // one buffer of the reported size and a byte more (the byte tells a file that grew): a
    // fixed 64 KB chunk per file was 47 MB of buffers for the corpus' 740 files, and external
    // memory that V8 answered with full collections. A size of 0 may be a /proc file, which
    // can refuse small reads (pagemap reads 8 bytes at a time): a chunk then.
    const expected = Buffer.allocUnsafe(stat.size === 0 ? Math.min(CHUNK, maxBytes + 1) : stat.size + 1);
    let total = readInto(fd, expected);
    if (total < expected.length) return { ok: true, bytes: expected.subarray(0, total) };
    // more than fstat said (a file that grows, or a size that lies): go on in chunks, up to the limit
    const chunks: Buffer[] = [expected];
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const read = readInto(fd, chunk);
      if (read === 0) return { ok: true, bytes: Buffer.concat(chunks, total) };
      total += read;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    // more than the limit (a file that grew, or one whose size was a lie): stop, do not read on
    return { ok: false, reason: "too-large" };
  } catch (error) {
    return { ok: false, reason: "error", code: (error as NodeJS.ErrnoException).code ?? "EIO" };
  } finally {
    closeSync(fd);
  }
}

/** Reads until `buffer` is full or the file ends: the bytes read. */
function readInto(fd: number, buffer: Buffer): number {
  let total = 0;
  while (total < buffer.length) {
    const read = readSync(fd, buffer, total, buffer.length - total, null);
    if (read === 0) break;
    total += read;
  }
  return total;
}

/** A file's text when it is a readable regular file of at most `maxBytes`, else null. */
export function readBoundedText(path: string, maxBytes: number): string | null {
  const read = readBounded(path, maxBytes);
  return read.ok ? read.bytes.toString("utf8") : null;
}
