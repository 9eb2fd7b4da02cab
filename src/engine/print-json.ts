import { findCredentials } from "../detectors/credentials.js";
import { redact } from "../detectors/mask.js";
import { fileToJson, type JsonValue } from "../hcl/json-view.js";
import { fileKindOf, ModelTooLargeError, parseWithinLimits } from "../hcl/parse.js";
import type { SyntaxError } from "../model/types.js";
import { DEFAULT_MAX_FILE_SIZE } from "./config.js";
import { readTemplate } from "./load.js";

/** What `--print-json` prints for one file, or why it cannot. */
export type PrintJsonOutcome =
  | { readonly kind: "json"; readonly json: JsonValue }
  | { readonly kind: "not-hcl" }
  | { readonly kind: "unreadable"; readonly message: string }
  | { readonly kind: "too-large"; readonly message: string }
  | { readonly kind: "syntax-error"; readonly error: SyntaxError };

/**
 * A file in @cdktf/hcl2json's JSON shape, with every credential it holds masked (the JSON view holds
 * literal values), or its first syntax error.
 */
export function printJson(absolutePath: string, maxFileSize = DEFAULT_MAX_FILE_SIZE): PrintJsonOutcome {
  const kind = fileKindOf(absolutePath);
  if (!kind || kind === "tftpl") return { kind: "not-hcl" };
  // the same bounded read as linting: a device or an endless file is refused, not read
  const read = readTemplate(absolutePath, maxFileSize);
  if (!("text" in read)) return { kind: "unreadable", message: read.message };
  const text = read.text;
  const file = parseWithinLimits(absolutePath, text, kind);
  if (file instanceof ModelTooLargeError) return { kind: "too-large", message: file.message };
  const error = file.syntaxErrors[0];
  if (error) return { kind: "syntax-error", error };
  const secrets = findCredentials(file).map((c) => c.secret);
  if (secrets.length === 0) return { kind: "json", json: fileToJson(file) };
  // mask the source, then view it: every form the JSON view derives from a secret (a heredoc's
  // dedented lines, a decoded escape) is then derived from its masked form
  const masked = parseWithinLimits(absolutePath, redact(text, secrets), kind);
  if (!(masked instanceof ModelTooLargeError) && masked.syntaxErrors.length === 0) return { kind: "json", json: redactJson(fileToJson(masked), secrets) };
  return { kind: "json", json: redactJson(fileToJson(file), secrets) };
}

function redactJson(value: JsonValue, secrets: readonly string[]): JsonValue {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, secrets));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k, secrets), redactJson(v, secrets)]));
  return value;
}

/**
 * `text` with the credentials written in it (read as the template file `path`) masked: for file
 * excerpts a front end prints, such as the context lines of a fix's diff.
 */
export function maskCredentialsIn(path: string, text: string, excerpt: string): string {
  const kind = fileKindOf(path);
  if (!kind) return excerpt;
  const file = parseWithinLimits(path, text, kind);
  // a fix was made in this file, so it parsed; if it no longer fits, show none of its text
  if (file instanceof ModelTooLargeError) return "";
  return redact(excerpt, findCredentials(file).map((c) => c.secret));
}
