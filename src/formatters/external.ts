import { createRequire } from "node:module";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type LintResult, withMaskedFixes } from "../engine/results.js";
import type { RuleMeta } from "../rule-api/rule.js";
import type { FormatContext } from "./context.js";
import { importModule } from "./import-module.js";

/**
 * ESLint formatter modules, since our JSON already has ESLint's shape: `-f compact` loads
 * `eslint-formatter-compact` (installed beside the project), `-f @scope/name` loads
 * `@scope/eslint-formatter-name`, and `-f ./my-formatter.js` a file. A formatter is called as ESLint
 * calls it, `(results, { cwd, rulesMeta })`, with fix texts masked like the JSON output.
 */
export type ExternalFormatter = (results: readonly LintResult[], context: FormatContext) => Promise<string>;

type EslintFormatter = (results: unknown[], data: { cwd: string; rulesMeta: Record<string, unknown> }) => unknown;

/** The module a `--format` name stands for, as ESLint resolves it. */
function candidates(name: string): string[] {
  if (name.startsWith("@")) {
    const [scope, rest] = name.split("/", 2);
    if (!rest) return [`${name}/eslint-formatter`];
    return rest.startsWith("eslint-formatter") ? [name] : [`${scope ?? ""}/eslint-formatter-${rest}`, name];
  }
  return name.startsWith("eslint-formatter-") ? [name] : [`eslint-formatter-${name}`, name];
}

function isPath(name: string): boolean {
  return name.startsWith(".") || isAbsolute(name) || /\.(c|m)?js$/.test(name) || name.includes("\\");
}

export async function loadFormatter(name: string, cwd: string, rules: readonly RuleMeta[]): Promise<ExternalFormatter | null> {
  let target: string | null = null;
  if (isPath(name)) target = resolve(cwd, name);
  else {
    const require = createRequire(join(cwd, "noop.js"));
    for (const candidate of candidates(name)) {
      try {
        target = require.resolve(candidate);
        break;
      } catch {
        // try the next name
      }
    }
  }
  if (!target) return null;
  let loaded: unknown;
  try {
    loaded = await importModule(pathToFileURL(target).href);
  } catch {
    return null;
  }
  const module = loaded as { default?: unknown };
  const format = (typeof module.default === "function" ? module.default : typeof loaded === "function" ? loaded : null) as EslintFormatter | null;
  if (!format) return null;
  const rulesMeta = Object.fromEntries(rules.map((r) => [r.id, { docs: { description: r.description, url: r.docsUrl }, type: "problem" }]));
  return async (results, context) => {
    const out: unknown = await format(results.map((r) => withMaskedFixes(r, context.secretsOf(r.filePath))), { cwd: context.cwd, rulesMeta });
    return typeof out === "string" ? out : out === undefined ? "" : JSON.stringify(out);
  };
}
