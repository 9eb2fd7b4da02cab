import { createRequire } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
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

/**
 * Folders formatter packages are resolved from: this linter's own installation (and the folders
 * above it, as Node resolves: a project that installed the linter as a devDependency) and the
 * global folder of the Node running it. Never the folder being linted: `-f compact` in a pull
 * request's checkout must not load the pull request's own node_modules/eslint-formatter-compact.
 */
export function formatterSearchRoots(installation: string, execPath: string = process.execPath, platform: string = process.platform): string[] {
  const prefix = platform === "win32" ? dirname(execPath) : dirname(dirname(execPath));
  return [installation, platform === "win32" ? join(prefix, "node_modules") : join(prefix, "lib", "node_modules")];
}

export interface LoadFormatterOptions {
  /** The linter's own installation (its package root). */
  readonly installation: string;
  /** A formatter file (`./x.js`) may be loaded: only when the user typed it (not the Action). */
  readonly allowPaths: boolean;
}

export type LoadedFormatter = { readonly format: ExternalFormatter } | { readonly error: string } | null;

export async function loadFormatter(name: string, cwd: string, rules: readonly RuleMeta[], options: LoadFormatterOptions): Promise<LoadedFormatter> {
  let target: string | null = null;
  if (isPath(name)) {
    if (!options.allowPaths) return { error: `a formatter file ("${name}") is not loaded here: it would be code from the repository being linted` };
    target = resolve(cwd, name);
  } else {
    const require = createRequire(join(options.installation, "noop.js"));
    const roots = formatterSearchRoots(options.installation);
    for (const candidate of candidates(name)) {
      try {
        target = require.resolve(candidate, { paths: roots });
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
  const eslintFormat = (typeof module.default === "function" ? module.default : typeof loaded === "function" ? loaded : null) as EslintFormatter | null;
  if (!eslintFormat) return null;
  const rulesMeta = Object.fromEntries(rules.map((r) => [r.id, { docs: { description: r.description, url: r.docsUrl }, type: "problem" }]));
  const format: ExternalFormatter = async (results, context) => {
    const out: unknown = await eslintFormat(results.map((r) => withMaskedFixes(r, context.secretsOf(r.filePath))), { cwd: context.cwd, rulesMeta });
    return typeof out === "string" ? out : out === undefined ? "" : JSON.stringify(out);
  };
  return { format };
}
