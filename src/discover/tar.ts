/**
 * A tar reader that sees what every reader sees. Coder extracts template versions with Go's
 * `archive/tar`, which names an entry by its GNU long name first, then its own pax `path`, then the
 * header; it returns a global pax header as an entry of its own and applies none of its records.
 * Other readers (tar-stream, which this project used before) let a pax `path` win over a GNU long
 * name and merge a global pax header into later pax headers. An archive built to be read one way
 * by a linter and another way by Coder would hide a file: so each entry carries every name a reader
 * gives it (`names`, Go's first), and an archive whose global pax header sets a path or a size is
 * flagged, since readers then disagree on names or on where entries end.
 *
 * Streamed: headers are parsed as bytes arrive, entry data is handed to `onData` chunk by chunk and
 * never held here. Sizes and checksums are checked like Go's reader checks them.
 */

export type TarType = "file" | "link" | "symlink" | "directory" | "other";

export interface TarEntry {
  /** Go's name first (what Coder extracts), then any other name a reader gives the entry. */
  readonly names: readonly string[];
  readonly type: TarType;
  readonly typeflag: string;
  readonly size: number;
}

export class TarError extends Error {}

export interface TarHandlers {
  /** A new entry; return true to receive its data. */
  readonly onEntry: (entry: TarEntry) => boolean;
  readonly onData: (chunk: Buffer) => void;
  /** The entry's data is complete. */
  readonly onEnd: () => void;
  /** A global pax header set a record that changes names or sizes for some readers. */
  readonly onAmbiguity: (why: string) => void;
}

const BLOCK = 512;
/** The largest pax or GNU long-name record accepted (as tar-stream: names are short). */
const MAX_META_BYTES = 1024 * 1024;

function cString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const nul = field.indexOf(0);
  return (nul === -1 ? field : field.subarray(0, nul)).toString("utf8");
}

/** A numeric field: octal text, or base-256 when the high bit of the first byte is set. */
function numberField(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    if (!Number.isSafeInteger(value)) throw new TarError("a size field is out of range");
    return value;
  }
  const text = field.toString("latin1").replace(/\0.*$/s, "").trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarError("a numeric header field is not octal");
  return parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = numberField(block, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** `len key=value\n` records. */
export function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number(data.subarray(at, space).toString("latin1"));
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > data.length) throw new TarError("a pax record is malformed");
    const record = data.subarray(space + 1, at + length - 1).toString("utf8");
    const equals = record.indexOf("=");
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

function typeOf(flag: string): TarType {
  if (flag === "0" || flag === "\0" || flag === "7" || flag === "") return "file";
  if (flag === "1") return "link";
  if (flag === "2") return "symlink";
  if (flag === "5") return "directory";
  return "other";
}

/** The header's own name: the ustar prefix joined for POSIX archives (GNU ones have no prefix). */
function headerName(block: Buffer): string {
  const name = cString(block, 0, 100);
  const posix = block.subarray(257, 263).toString("latin1") === "ustar\0";
  const prefix = posix ? cString(block, 345, 155) : "";
  return prefix === "" ? name : `${prefix}/${name}`;
}

/** Feeds bytes in with `write`, and `end` when they are all in. */
export class TarParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of the current entry's data still to come, and the padding after them. */
  private dataLeft = 0;
  private padLeft = 0;
  private wanted = false;
  /** A metadata record being collected (pax or GNU long name). */
  private meta: { kind: string; size: number; parts: Buffer[]; got: number } | null = null;
  private gnuLongName: string | null = null;
  private pax: Map<string, string> | null = null;
  private paxGlobal: Map<string, string> | null = null;
  private ended = false;

  constructor(private readonly handlers: TarHandlers) {}

  write(chunk: Buffer): void {
    if (this.ended) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.drain();
  }

  end(): void {
    if (!this.ended && (this.dataLeft > 0 || this.meta)) throw new TarError("the archive ends inside an entry");
  }

  private take(count: number): Buffer {
    const joined = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    const taken = joined.subarray(0, count);
    const rest = joined.subarray(count);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return taken;
  }

  private drain(): void {
    while (!this.ended) {
      if (this.dataLeft > 0) {
        if (this.pendingBytes === 0) return;
        const chunk = this.take(Math.min(this.dataLeft, this.pendingBytes));
        this.dataLeft -= chunk.length;
        if (this.meta) {
          this.meta.parts.push(chunk);
          this.meta.got += chunk.length;
          if (this.dataLeft === 0) this.finishMeta();
        } else {
          if (this.wanted) this.handlers.onData(chunk);
          if (this.dataLeft === 0 && this.wanted) this.handlers.onEnd();
        }
        continue;
      }
      if (this.padLeft > 0) {
        if (this.pendingBytes === 0) return;
        this.padLeft -= this.take(Math.min(this.padLeft, this.pendingBytes)).length;
        continue;
      }
      if (this.pendingBytes < BLOCK) return;
      this.header(this.take(BLOCK));
    }
  }

  private header(block: Buffer): void {
    if (block.every((byte) => byte === 0)) {
      // the end-of-archive marker: Go stops at the first zero block too
      this.ended = true;
      return;
    }
    if (!checksumOk(block)) throw new TarError("a header's checksum does not match (not a tar archive, or damaged)");
    const flag = String.fromCharCode(block[156] ?? 0);
    let size = numberField(block, 124, 12);
    if (flag === "x" || flag === "g" || flag === "L" || flag === "K") {
      if (size > MAX_META_BYTES) throw new TarError("a pax or long-name header is over 1 MB");
      this.meta = { kind: flag, size, parts: [], got: 0 };
      this.startData(size);
      if (size === 0) this.finishMeta();
      return;
    }
    const own = this.pax;
    const merged = own && this.paxGlobal ? new Map([...this.paxGlobal, ...own]) : own;
    const paxSize = own?.get("size");
    if (paxSize !== undefined) {
      if (!/^\d+$/.test(paxSize)) throw new TarError("a pax size is not a number");
      size = Number(paxSize);
    }
    const plain = headerName(block);
    // Go (Coder): GNU long name, else the entry's own pax path, else the header
    const goName = this.gnuLongName ?? own?.get("path") ?? plain;
    // tar-stream and readers like it: a pax path (merged with the global header) wins over the GNU long name
    const otherName = merged?.get("path") ?? this.gnuLongName ?? plain;
    this.gnuLongName = null;
    this.pax = null;
    const names = goName === otherName ? [goName] : [goName, otherName];
    const type = typeOf(flag);
    // Go gives directories, links and devices no data, whatever the size field says
    const dataSize = type === "file" || type === "other" ? size : 0;
    this.wanted = this.handlers.onEntry({ names, type, typeflag: flag, size: dataSize });
    this.startData(dataSize);
    if (dataSize === 0 && this.wanted) this.handlers.onEnd();
  }

  private startData(size: number): void {
    this.dataLeft = size;
    this.padLeft = (BLOCK - (size % BLOCK)) % BLOCK;
  }

  private finishMeta(): void {
    const meta = this.meta;
    this.meta = null;
    if (!meta) return;
    const data = Buffer.concat(meta.parts);
    if (meta.kind === "L") this.gnuLongName = cString(data, 0, data.length);
    else if (meta.kind === "x") this.pax = parsePax(data);
    else if (meta.kind === "g") {
      this.paxGlobal = parsePax(data);
      for (const key of ["path", "size"]) {
        if (this.paxGlobal.has(key)) this.handlers.onAmbiguity(`a global pax header sets "${key}", which Go's reader (Coder's) ignores and other readers apply`);
      }
    }
  }
}
