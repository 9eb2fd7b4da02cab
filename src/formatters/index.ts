import type { LintResult } from "../engine/results.js";
import { RULES } from "../engine/registry.js";
import type { FormatContext } from "./context.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatSarif } from "./sarif.js";
import { formatStylish } from "./stylish.js";

export type { FormatContext } from "./context.js";

export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish: (results, context) => formatStylish(results, { color: context.color }),
  json: formatJson,
  sarif: (results, context) => formatSarif(results, context, RULES.map((r) => r.meta)),
  github: formatGithub,
  junit: formatJunit,
};
