import { readBounded } from "../discover/read-file.js";
import { fileKindOf, type ModelBudget, ModelTooLargeError, parseWithinLimits } from "../hcl/parse.js";
import type { HclFile } from "../model/types.js";

/** Why a file could not be linted at all: reported as a fatal message, exit code 3. */
export interface UnreadableFile {
  readonly path: string;
  readonly message: string;
}

export type LoadedFile = { readonly ok: true; readonly file: HclFile } | { readonly ok: false; readonly unreadable: UnreadableFile };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function stripBom(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${String(bytes)} bytes`;
}

/** Reads a file as text, refusing what is not a regular file, too large, binary or not UTF-8. */
export function readTemplate(path: string, maxFileSize: number, override?: string): { text: string } | UnreadableFile {
  if (override !== undefined) return { text: override };
  const read = readBounded(path, maxFileSize);
  if (!read.ok) {
    // a FIFO or device named *.tf would block or never end: only regular files are read
    if (read.reason === "not-regular") return { path, message: "Not a regular file; not linted" };
    if (read.reason === "too-large") {
      if (read.size === undefined) return { path, message: `File is over the --max-file-size limit of ${formatSize(maxFileSize)} (it holds more than its reported size); not linted` };
      return { path, message: `File is ${formatSize(read.size)}, over the --max-file-size limit of ${formatSize(maxFileSize)}; not linted` };
    }
    return { path, message: `Cannot read file: ${read.code ?? "EIO"}` };
  }
  return decodeTemplate(path, read.bytes);
}

/**
 * A template's bytes as text, refusing binary and what is not UTF-8: for files, git blobs and
 * archive entries alike.
 */
export function decodeTemplate(path: string, bytes: Uint8Array): { text: string } | UnreadableFile {
  // a NUL anywhere (not only near the start) makes the file binary: nothing after it may go unread
  if (bytes.includes(0)) return { path, message: "File is binary (it contains NUL bytes); not linted" };
  try {
    // a byte-order mark is not part of the text: columns count from the first visible character,
    // as in ESLint and editors
    return { text: stripBom(utf8.decode(bytes)) };
  } catch {
    return { path, message: "File is not valid UTF-8 text; not linted" };
  }
}

/** Parses a template's text already read (a git blob, an archive entry); null when its model is too large. */
export function parseTemplateText(path: string, text: string, budget: ModelBudget | null = null): LoadedFile {
  const kind = fileKindOf(path);
  if (!kind) return { ok: false, unreadable: { path, message: "Not a template file" } };
  const file = parseWithinLimits(path, text, kind, budget);
  return file instanceof ModelTooLargeError ? { ok: false, unreadable: { path, message: file.message } } : { ok: true, file };
}

/** Loads and parses one template file; a syntax error is part of the parsed file. */
export function loadFile(path: string, maxFileSize: number, override?: string, budget: ModelBudget | null = null): Promise<LoadedFile> {
  const kind = fileKindOf(path);
  if (!kind) return Promise.resolve({ ok: false, unreadable: { path, message: "Not a template file" } });
  const read = readTemplate(path, maxFileSize, override);
  if (!("text" in read)) return Promise.resolve({ ok: false, unreadable: read });
  const file = parseWithinLimits(path, read.text, kind, budget);
  return Promise.resolve(file instanceof ModelTooLargeError ? { ok: false, unreadable: { path, message: file.message } } : { ok: true, file });
}
