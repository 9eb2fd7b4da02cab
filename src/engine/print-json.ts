import { readFileSync } from "node:fs";
import { findCredentials } from "../detectors/credentials.js";
import { redact } from "../detectors/mask.js";
import { fileToJson, type JsonValue } from "../hcl/json-view.js";
import { fileKindOf, ModelTooLargeError, parseFile } from "../hcl/parse.js";
import type { HclFile } from "../model/types.js";
import type { SyntaxError } from "../model/types.js";

/** What `--print-json` prints for one file, or why it cannot. */
export type PrintJsonOutcome =
  | { readonly kind: "json"; readonly json: JsonValue }
  | { readonly kind: "not-hcl" }
  | { readonly kind: "unreadable"; readonly code: string }
  | { readonly kind: "too-large"; readonly message: string }
  | { readonly kind: "syntax-error"; readonly error: SyntaxError };

/**
 * A file in @cdktf/hcl2json's JSON shape, with every credential it holds masked (the JSON view holds
 * literal values), or its first syntax error.
 */
export function printJson(absolutePath: string): PrintJsonOutcome {
  const kind = fileKindOf(absolutePath);
  if (!kind || kind === "tftpl") return { kind: "not-hcl" };
  let text: string;
  try {
    text = readFileSync(absolutePath, "utf8");
  } catch (error) {
    return { kind: "unreadable", code: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  let file: HclFile;
  try {
    file = parseFile(absolutePath, text, kind);
  } catch (error) {
    if (error instanceof ModelTooLargeError) return { kind: "too-large", message: error.message };
    throw error;
  }
  const error = file.syntaxErrors[0];
  if (error) return { kind: "syntax-error", error };
  const secrets = findCredentials(file).map((c) => c.secret);
  if (secrets.length === 0) return { kind: "json", json: fileToJson(file) };
  // mask the source, then view it: every form the JSON view derives from a secret (a heredoc's
  // dedented lines, a decoded escape) is then derived from its masked form
  const masked = parseFile(absolutePath, redact(text, secrets), kind);
  if (masked.syntaxErrors.length === 0) return { kind: "json", json: redactJson(fileToJson(masked), secrets) };
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
  try {
    return redact(excerpt, findCredentials(parseFile(path, text, kind)).map((c) => c.secret));
  } catch (error) {
    // a fix was made in this file, so it parsed; if it no longer fits, show none of its text
    if (error instanceof ModelTooLargeError) return "";
    throw error;
  }
}
