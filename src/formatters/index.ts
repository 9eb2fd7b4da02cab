import type { LintResult } from "../engine/linter.js";
import { formatJson } from "./json.js";
import { formatStylish } from "./stylish.js";

export interface FormatContext {
  readonly color: boolean;
  readonly cwd: string;
}

export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish: (results, context) => formatStylish(results, { color: context.color }),
  json: (results) => formatJson(results),
};
