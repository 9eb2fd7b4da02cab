import type { Fix } from "../model/edits.js";
import type { Module } from "../model/module.js";
import type { Range } from "../model/types.js";
import type { ModuleAnalysis } from "../taint/analysis.js";
import type { Trace } from "../taint/types.js";

/**
 * The rule API, shaped like ESLint's: `meta` declares, `check` reports. It sits above the model and
 * the analysis (a rule sees both) and below the rules and the engine, so the model never imports the
 * analysis that is built on it.
 */
export type { Fix };

export type Severity = "off" | "warn" | "error";

export interface RuleMeta {
  readonly id: string;
  /** One line: what the rule catches (SARIF shortDescription, README table). */
  readonly description: string;
  /** A paragraph: why it matters (SARIF fullDescription). */
  readonly rationale: string;
  readonly defaultSeverity: Exclude<Severity, "off">;
  readonly docsUrl: string;
  /** Message templates by id; `{{name}}` is replaced from the report's data. */
  readonly messages: Readonly<Record<string, string>>;
  readonly tags: readonly string[];
  /** GitHub code scanning's 0.0-10.0 score. */
  readonly securitySeverity: number;
  /** Set when some reports carry a fix (`--fix`, ESLint fixes). */
  readonly fixable?: "code";
}

export interface Report {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly file: string;
  readonly range: Range;
  /** The path a secret took, for dataflow findings. */
  readonly trace?: Trace;
  readonly fix?: Fix;
  /** Report as an error even when the rule is configured as a warning (a worse form of the problem). */
  readonly escalate?: boolean;
  /**
   * One mistake, however often it recurs: reports of a rule with the same group in a module become
   * one finding, at the first, with the others as related locations (six pastes of a secret into
   * one script are one finding).
   */
  readonly group?: string;
  /** Other places of the finding (where a module a secret is passed to uses it): SARIF related locations. */
  readonly related?: readonly { readonly label: string; readonly file: string; readonly range: Range }[];
}

export interface RuleContext {
  readonly module: Module;
  readonly analysis: ModuleAnalysis;
  readonly options: Readonly<Record<string, unknown>>;
  report(report: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}

export const DOCS_BASE = "https://github.com/coder-secrets-lint/coder-secrets-lint/blob/main/docs/rules/";

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export function formatMessage(template: string, data: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}

/**
 * The message of every sink rule for a secret a template passes to a module that sends it to that
 * rule's sink (engine/module-calls.ts reports it at the argument): `inner` is the module's own
 * finding, as its rule words it.
 */
export const THROUGH_MODULE_MESSAGE =
  'Secret {{trace}} is passed to {{call}} as "{{input}}", and inside the module: {{inner}} (related location). Fix it where the module is called: pass a value the module handles as a secret, or change the module.';
