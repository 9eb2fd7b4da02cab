import type { FileKind, HclFile, SyntaxError } from "../model/types.js";
import { LineIndex } from "../model/positions.js";
import { parseJsonFile } from "./json-model.js";
import { HclParseError, HclParser, type ModelBudget, ModelTooLargeError } from "./parser.js";

export { type ModelBudget, ModelTooLargeError } from "./parser.js";

export function fileKindOf(path: string): FileKind | null {
  if (path.endsWith(".tf.json")) return "tf.json";
  if (path.endsWith(".tfvars.json")) return "tfvars.json";
  if (path.endsWith(".tf")) return "tf";
  if (path.endsWith(".tfvars")) return "tfvars";
  if (path.endsWith(".tftpl")) return "tftpl";
  return null;
}

/**
 * Parses one template file: `.tf` and `.tfvars` with our HCL parser, `.tf.json` and `.tfvars.json`
 * as Terraform JSON. `.tftpl` files are text (their template language needs the variables that
 * `templatefile` passes), so their body is empty. A syntax error leaves an empty body and the error;
 * the comments read before it are kept. A file whose model would be too large throws
 * ModelTooLargeError (the caller reports it as not linted).
 */
export function parseFile(path: string, text: string, kind: FileKind, budget: ModelBudget | null = null): HclFile {
  if (kind === "tftpl") return { path, kind, text, body: { items: [] }, comments: [], syntaxErrors: [] };
  const lines = new LineIndex(text);
  if (kind === "tf.json" || kind === "tfvars.json") return parseJsonFile(path, text, kind, lines);
  const parser = new HclParser(text, lines, budget);
  try {
    const { body, comments } = parser.parseFile();
    return { path, kind, text, body, comments, syntaxErrors: [] };
  } catch (error) {
    if (!(error instanceof HclParseError)) throw error;
    const syntaxError: SyntaxError = { message: error.message, range: lines.range(error.start, error.end) };
    return { path, kind, text, body: { items: [] }, comments: parser.commentsSoFar(), syntaxErrors: [syntaxError] };
  }
}

/**
 * parseFile, with a model over the size limits returned rather than thrown: every caller reports
 * such a file (as not linted, or as an editor error) instead of failing.
 */
export function parseWithinLimits(path: string, text: string, kind: FileKind, budget: ModelBudget | null = null): HclFile | ModelTooLargeError {
  try {
    return parseFile(path, text, kind, budget);
  } catch (error) {
    if (error instanceof ModelTooLargeError) return error;
    throw error;
  }
}
