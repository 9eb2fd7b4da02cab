import { createReadStream, statSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { Transform, type TransformCallback, type Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

/**
 * Template version archives (`coder templates pull --tar`, exported versions): `.tar`, `.tar.gz`/
 * `.tgz` and `.zip`, read with our tar reader (tar.ts: names as Coder's Go reader gives them, and as
 * other readers do) and yauzl, streamed, never extracted to disk.
 *
 * The archive is input from someone else, so the same rules hold as for files: every entry has a
 * size limit, the whole archive has one (a compression bomb is refused, not inflated), entry names
 * that would leave the archive (`../`, absolute, drive letters) are refused, symbolic and hard links
 * are never followed, and only template files are kept in memory.
 */

import { archiveKindOf } from "./archive-kind.js";
import { TarError, TarParser, type TarType } from "./tar.js";

export { archiveKindOf };

export interface ArchiveLimits {
  /** The largest entry kept (the run's --max-file-size). */
  readonly maxEntryBytes: number;
  /** The most bytes the archive may hold once decompressed: past it, it is refused as a bomb. */
  readonly maxTotalBytes: number;
  /** The most entries read. */
  readonly maxEntries: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Omit<ArchiveLimits, "maxEntryBytes"> = { maxTotalBytes: 256 * 1024 * 1024, maxEntries: 20_000 };

export interface ArchiveEntry {
  /** The entry's path inside the archive, `/`-separated, without a leading `./`. */
  readonly path: string;
  readonly bytes: Buffer;
}

/** An entry not linted, and why (a sentence for the report). */
export interface SkippedEntry {
  readonly path: string;
  readonly reason: string;
  /** A link or a non-template is only noted; the others cannot be linted (exit code 3). */
  readonly fatal: boolean;
}

/** Something about the archive that changes what Coder deploys: reported at the finding level. */
export interface ArchiveNotice {
  /** The entry it is about ("" for the whole archive). */
  readonly path: string;
  readonly message: string;
}

export type ArchiveRead =
  | { readonly ok: true; readonly entries: ArchiveEntry[]; readonly skipped: SkippedEntry[]; readonly notices: ArchiveNotice[] }
  | { readonly ok: false; readonly message: string };

class ArchiveRefused extends Error {}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * An entry name as a safe relative path, or null when it would leave the archive (absolute, a
 * drive letter, `..`, a NUL or control character).
 */
export function safeEntryPath(name: string): string | null {
  const slashed = name.replace(/\\/g, "/");
   
  if (/[\x00-\x1f]/.test(slashed) || slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) return null;
  const parts = slashed.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0 || parts.includes("..")) return null;
  return parts.join("/");
}

/** Counts bytes flowing through; past the limit the stream fails (a compression bomb). */
function byteLimit(max: number, what: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      total += chunk.length;
      if (total > max) callback(new ArchiveRefused(`${what} decompresses to more than ${formatSize(max)}; refused (a compression bomb?)`));
      else callback(null, chunk);
    },
  });
}

/** What to do with a tar entry under one of its names: read it (its safe path), or skip it, saying why when it matters. */
function tarDecision(name: string, type: TarType, size: number, limits: ArchiveLimits, keep: (path: string) => boolean): { read?: string; skipped?: SkippedEntry } {
  if (type === "directory") return {};
  const safe = safeEntryPath(name);
  if (!safe) return { skipped: { path: name, reason: "Entry path leaves the archive (absolute or ..); not linted", fatal: true } };
  if (!keep(safe)) return {};
  if (type === "symlink" || type === "link") {
    return { skipped: { path: safe, reason: `Entry is a ${type === "symlink" ? "symbolic" : "hard"} link; links in an archive are not followed`, fatal: false } };
  }
  if (type !== "file") return { skipped: { path: safe, reason: "Entry is not a regular file; not linted", fatal: true } };
  if (size > limits.maxEntryBytes) {
    return { skipped: { path: safe, reason: `Entry is ${formatSize(size)}, over the --max-file-size limit of ${formatSize(limits.maxEntryBytes)}; not linted`, fatal: true } };
  }
  return { read: safe };
}

async function readTar(path: string, gzipped: boolean, limits: ArchiveLimits, keep: (path: string) => boolean): Promise<ArchiveRead> {
  const entries: ArchiveEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const notices: ArchiveNotice[] = [];
  let count = 0;
  let reading: { names: string[]; parts: Buffer[] } | null = null;
  const parser = new TarParser({
    onEntry(entry) {
      if (++count > limits.maxEntries) throw new ArchiveRefused(`it holds more than ${String(limits.maxEntries)} entries; refused`);
      const names: string[] = [];
      for (const name of entry.names) {
        const decision = tarDecision(name, entry.type, entry.size, limits, keep);
        if (decision.skipped) skipped.push(decision.skipped);
        if (decision.read !== undefined) names.push(decision.read);
      }
      // readers disagree on this entry's name: Coder (Go) extracts the first, others the second
      if (entry.names.length > 1) {
        const [coder = "", other = ""] = entry.names;
        for (const name of names) notices.push({ path: name, message: `Ambiguous tar header: Coder (Go's archive/tar) extracts this entry as "${coder}", other readers as "${other}"; linted under both names.` });
      }
      reading = names.length > 0 ? { names, parts: [] } : null;
      return reading !== null;
    },
    onData(chunk) {
      reading?.parts.push(chunk);
    },
    onEnd() {
      if (!reading) return;
      const bytes = Buffer.concat(reading.parts);
      for (const name of reading.names) entries.push({ path: name, bytes });
      reading = null;
    },
    onAmbiguity(why) {
      notices.push({ path: "", message: `Ambiguous tar archive: ${why}; names and entry boundaries may differ from what Coder extracts.` });
    },
  });
  // the parser throws where the tar is broken: the pipeline fails with a refusal that says so
  const settle = (step: () => void, callback: (error?: Error | null) => void): void => {
    try {
      step();
      callback();
    } catch (error) {
      callback(error instanceof TarError ? new ArchiveRefused(`it is not a valid tar archive: ${error.message}`) : (error as Error));
    }
  };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      settle(() => { parser.write(chunk); }, callback);
    },
    final(callback) {
      settle(() => { parser.end(); }, callback);
    },
  });
  const source = createReadStream(path);
  const stages: (Readable | Transform | Writable)[] = gzipped ? [source, createGunzip(), byteLimit(limits.maxTotalBytes, "The archive"), sink] : [source, byteLimit(limits.maxTotalBytes, "The archive"), sink];
  await pipeline(stages as unknown as [Readable, ...Transform[], Writable]);
  return { ok: true, entries, skipped, notices };
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolveZip, reject) => {
    // names are checked here (safeEntryPath), so that one bad name skips an entry, not the archive
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true }, (error, zip) => {
      if (error) reject(error);
      else resolveZip(zip);
    });
  });
}

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  // bit 11: the name is UTF-8; otherwise IBM437, read here as Latin-1 (template names are ASCII)
  return raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? "utf8" : "latin1");
}

/** What to do with a zip entry: read it (its safe path), or skip it, saying why when it matters. */
function zipDecision(entry: yauzl.Entry, limits: ArchiveLimits, keep: (path: string) => boolean): { read?: string; skipped?: SkippedEntry } {
  const rawName = entryName(entry);
  if (rawName.endsWith("/")) return {};
  const name = safeEntryPath(rawName);
  if (!name) return { skipped: { path: rawName, reason: "Entry path leaves the archive (absolute or ..); not linted", fatal: true } };
  if (!keep(name)) return {};
  // an entry marked as a symbolic link (0o120000 in the upper 16 bits of the external attributes)
  // is written by Coder's extraction as a regular file holding the entry's bytes: it is linted as one
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return { skipped: { path: name, reason: `Entry is ${formatSize(entry.uncompressedSize)}, over the --max-file-size limit of ${formatSize(limits.maxEntryBytes)}; not linted`, fatal: true } };
  }
  return { read: name };
}

async function readZip(path: string, limits: ArchiveLimits, keep: (path: string) => boolean): Promise<ArchiveRead> {
  const zip = await openZip(path);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ArchiveRefused(`it holds ${String(zip.entryCount)} entries, more than ${String(limits.maxEntries)}; refused`);
  }
  const entries: ArchiveEntry[] = [];
  const skipped: SkippedEntry[] = [];
  let total = 0;
  return new Promise((resolveRead, reject) => {
    const fail = (error: Error): void => {
      zip.close();
      reject(error);
    };
    zip.on("error", fail);
    zip.on("end", () => { resolveRead({ ok: true, entries, skipped, notices: [] }); });
    zip.on("entry", (entry: yauzl.Entry) => {
      const decision = zipDecision(entry, limits, keep);
      if (decision.skipped) skipped.push(decision.skipped);
      const name = decision.read;
      if (name === undefined) {
        zip.readEntry();
        return;
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        fail(new ArchiveRefused(`The archive decompresses to more than ${formatSize(limits.maxTotalBytes)}; refused (a compression bomb?)`));
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) {
          fail(error);
          return;
        }
        const parts: Buffer[] = [];
        // yauzl checks the bytes inflated against the declared size (validateEntrySizes): an entry
        // that lies about its size fails instead of growing
        stream.on("data", (chunk: Buffer) => parts.push(chunk));
        stream.on("error", fail);
        stream.on("end", () => {
          entries.push({ path: name, bytes: Buffer.concat(parts) });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

/**
 * Reads the template entries of an archive (`keep` chooses them by path). A damaged or refused
 * archive gives a message; one bad entry is skipped with its reason, the others are read.
 */
export async function readArchive(path: string, limits: ArchiveLimits, keep: (path: string) => boolean): Promise<ArchiveRead> {
  const kind = archiveKindOf(path);
  try {
    if (!statSync(path).isFile()) return { ok: false, message: "Not a regular file; not linted" };
    if (kind === "zip") return await readZip(path, limits, keep);
    return await readTar(path, kind === "tar.gz", limits, keep);
  } catch (error) {
    if (error instanceof ArchiveRefused) return { ok: false, message: `Archive not linted: ${error.message}` };
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code ? code : error instanceof Error ? error.message.split("\n")[0]?.slice(0, 200) ?? "damaged" : "damaged";
    return { ok: false, message: `Cannot read archive (${kind ?? "unknown"}): ${reason}` };
  }
}
