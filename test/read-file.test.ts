import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBounded } from "../src/discover/read-file.js";

const dir = mkdtempSync(join(tmpdir(), "csl-read-"));
function file(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.alloc(bytes, 0x61));
  return path;
}

describe("readBounded", () => {
  it("reads a file whole, up to and including the limit", () => {
    expect(readBounded(file("empty.tf", 0), 10)).toEqual({ ok: true, bytes: Buffer.alloc(0) });
    expect(readBounded(file("small.tf", 7), 10)).toEqual({ ok: true, bytes: Buffer.alloc(7, 0x61) });
    expect(readBounded(file("exact.tf", 10), 10)).toEqual({ ok: true, bytes: Buffer.alloc(10, 0x61) });
    expect(readBounded(file("large.tf", 200_000), 300_000)).toEqual({ ok: true, bytes: Buffer.alloc(200_000, 0x61) });
  });

  it("refuses a file over the limit by its size, without reading it", () => {
    expect(readBounded(file("over.tf", 11), 10)).toEqual({ ok: false, reason: "too-large", size: 11 });
  });

  it("reads a file that says it is empty but is not (/proc) to its end, and stops one that never ends at the limit", () => {
    const status = readBounded("/proc/self/status", 1 << 20);
    expect(status.ok && status.bytes.toString("utf8").startsWith("Name:")).toBe(true);
    // (pagemap answers reads of whole 8-byte entries only: a limit of two chunks less a byte reads two whole chunks)
    expect(readBounded("/proc/self/pagemap", 2 * 65_536 - 1)).toEqual({ ok: false, reason: "too-large" });
  });

  it("refuses what is not a regular file, and says why it cannot read", () => {
    expect(readBounded(dir, 10)).toEqual({ ok: false, reason: "not-regular" });
    expect(readBounded(join(dir, "missing.tf"), 10)).toEqual({ ok: false, reason: "error", code: "ENOENT" });
  });
});
