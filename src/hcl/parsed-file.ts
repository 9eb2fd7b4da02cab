import type { HclFile } from "../model/types.js";

/** A parsed file whose syntax errors, if tree-sitter saw any, are still to be confirmed. */
export interface ParsedFile extends HclFile {
  /** Offsets where tree-sitter found an error; the reference parser is asked for the message. */
  readonly suspectErrorOffsets: readonly number[];
}
