import { readFileSync, statSync } from "node:fs";
import { fileKindOf, type ParsedFile, parseFile } from "../hcl/parse.js";
import { LineIndex } from "../model/positions.js";
import { referenceSyntaxError } from "../hcl/reference.js";
import type { HclFile, SyntaxError } from "../model/types.js";

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

/** Reads a file as text, refusing what is too large, binary or not UTF-8. */
export function readTemplate(path: string, maxFileSize: number, override?: string): { text: string } | UnreadableFile {
  if (override !== undefined) return { text: override };
  let size: number;
  try {
    const stat = statSync(path);
    // a FIFO or device named *.tf would block or never end: only regular files are read
    if (!stat.isFile()) return { path, message: "Not a regular file; not linted" };
    size = stat.size;
  } catch (error) {
    return { path, message: `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (size > maxFileSize) {
    return { path, message: `File is ${formatSize(size)}, over the --max-file-size limit of ${formatSize(maxFileSize)}; not linted` };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { path, message: `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (bytes.subarray(0, 8000).includes(0)) return { path, message: "File is binary (it contains NUL bytes); not linted" };
  try {
    // a byte-order mark is not part of the text: columns count from the first visible character,
    // as in ESLint and editors
    return { text: stripBom(utf8.decode(bytes)) };
  } catch {
    return { path, message: "File is not valid UTF-8 text; not linted" };
  }
}

/**
 * Loads and parses one template file. Where tree-sitter found an error, the reference parser decides
 * whether it is one and supplies the message.
 */
export async function loadFile(path: string, maxFileSize: number, override?: string): Promise<LoadedFile> {
  const kind = fileKindOf(path);
  if (!kind) return { ok: false, unreadable: { path, message: "Not a template file" } };
  const read = readTemplate(path, maxFileSize, override);
  if (!("text" in read)) return { ok: false, unreadable: read };
  const parsed: ParsedFile = parseFile(path, read.text, kind);
  if (parsed.suspectErrorOffsets.length === 0 || parsed.syntaxErrors.length > 0) return { ok: true, file: parsed };
  const lines = new LineIndex(read.text);
  const reference = await referenceSyntaxError(read.text, lines);
  let syntaxErrors: SyntaxError[] = [];
  if (reference === "unavailable") {
    const offset = parsed.suspectErrorOffsets[0] ?? 0;
    syntaxErrors = [{ message: "Syntax error", range: lines.range(offset, offset) }];
  } else if (reference) syntaxErrors = [reference];
  return { ok: true, file: { ...parsed, syntaxErrors } };
}
