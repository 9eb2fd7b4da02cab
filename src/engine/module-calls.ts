import type { Catalog } from "../catalog/index.js";
import type { Located, Module } from "../model/module.js";
import type { Block, Range } from "../model/types.js";
import { formatMessage, type Rule } from "../rule-api/rule.js";
import { ModuleAnalysis } from "../taint/analysis.js";
import { describeTrace, type Taint } from "../taint/types.js";
import { metadataItems, valueIdentities } from "../taint/workspace.js";
import type { ResolvedConfig } from "./config.js";
import type { RuleReport } from "./fold.js";
import { RULES_BY_ID } from "./registry.js";
import { checkRule } from "./check-rule.js";

/**
 * Secrets passed into modules. A template hands a secret to a module (`token = var.npm_token`), and
 * the module puts it in the workspace's environment, a script, a URL or cleartext metadata: the
 * mistake is the template author's, at the argument, so it is reported there, under the rule the
 * module's sink calls for, with the module's sink as a related location.
 *
 * What a module does with each input is its summary: the module is analysed with every input
 * variable as a source of its own (kind "module-input") and the sink rules run on it; each report
 * whose secret is an input is a sink of that input. A module's own use of the secrets it creates or
 * reads itself is not in its summary (it is the module's code, not the caller's).
 */

/** The rules whose findings are sinks a module can send an input to. */
export const SINK_RULES: readonly string[] = ["require-sensitive-metadata", "no-secret-in-scripts", "no-secret-in-urls", "no-cleartext-metadata"];

/** Where a module sends one input. */
export interface InputSink {
  readonly ruleId: string;
  /** The module's finding, as its rule words it (about `var.<input>`). */
  readonly message: string;
  readonly file: string;
  readonly range: Range;
}

/** Meta-arguments of a module call: not inputs. */
const META_ARGUMENTS = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

const summaries = new WeakMap<Module, Map<string, InputSink[]>>();

/** What the module does with each input variable (computed once per module). */
export function moduleSummary(child: Module, catalog: Catalog): Map<string, InputSink[]> {
  let summary = summaries.get(child);
  if (summary) return summary;
  summary = new Map();
  summaries.set(child, summary);
  const inputs = new Map<string, Taint>();
  for (const variable of child.blocks("variable")) {
    const name = variable.node.labels[0] ?? "";
    inputs.set(name, [
      { source: { id: `var.${name}`, kind: "module-input", reason: "an input the module's caller sets", file: variable.file.path, range: variable.node.headerRange }, hops: [] },
    ]);
  }
  if (inputs.size === 0) return summary;
  const analysis = new ModuleAnalysis(child, catalog, inputs);
  for (const id of SINK_RULES) {
    const rule = RULES_BY_ID.get(id) as Rule;
    const reports: RuleReport[] = [];
    // a reusable module's env is checked too: here it is the caller's secret that flows
    checkRule(rule, child, analysis, { checkModules: true }, 2, reports);
    for (const { report, template } of reports) {
      const source = report.trace?.source;
      if (source?.kind !== "module-input") continue;
      const input = source.id.slice("var.".length);
      const list = summary.get(input) ?? [];
      list.push({ ruleId: id, message: formatMessage(template, report.data), file: report.file, range: report.range });
      summary.set(input, list);
    }
  }
  return summary;
}

/**
 * Reports for the secrets a module passes to the modules it calls, at each argument (the caller's
 * taint decides which arguments carry a secret). `children` gives the called module by call name.
 */
export function moduleCallReports(
  module: Module,
  analysis: ModuleAnalysis,
  catalog: Catalog,
  config: ResolvedConfig,
  children: ReadonlyMap<string, Module>,
): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const call of module.blocks("module")) {
    const name = call.node.labels[0] ?? "";
    const child = children.get(name);
    if (!child) continue;
    const summary = moduleSummary(child, catalog);
    if (summary.size === 0) continue;
    reports.push(...callReports(call, name, summary, analysis, config));
  }
  return reports;
}

/** Identities of the secrets the module shows in coder_metadata items marked sensitive (they need no other item). */
function sensitivelyShown(module: Module, analysis: ModuleAnalysis): Set<string> {
  const covered = new Set<string>();
  for (const item of metadataItems(module, analysis.taint)) {
    if (item.sensitive !== true || !item.value) continue;
    for (const id of valueIdentities(item.value, analysis.taint.taintOf(item.value, item.scope))) covered.add(id);
  }
  return covered;
}

function callReports(call: Located<Block>, name: string, summary: ReadonlyMap<string, InputSink[]>, analysis: ModuleAnalysis, config: ResolvedConfig): RuleReport[] {
  const reports: RuleReport[] = [];
  let covered: Set<string> | null = null;
  const scope = analysis.taint.blockScope(call);
  for (const item of call.node.body.items) {
    if (item.kind !== "attribute" || META_ARGUMENTS.has(item.name)) continue;
    const sinks = summary.get(item.name);
    if (!sinks) continue;
    const taint = analysis.taint.taintOf(item.value, scope);
    const first = taint[0];
    if (!first) continue;
    for (const sink of sinks) {
      const setting = config.rules[sink.ruleId];
      if (!setting || setting.severity === "off") continue;
      // env from a module is paired with the template's own sensitive metadata item, as env is
      if (sink.ruleId === "require-sensitive-metadata") {
        covered ??= sensitivelyShown(analysis.module, analysis);
        const shown = covered;
        if ([...valueIdentities(item.value, taint)].some((id) => shown.has(id))) continue;
      }
      const rule = RULES_BY_ID.get(sink.ruleId) as Rule;
      reports.push({
        ruleId: sink.ruleId,
        severity: setting.severity === "warn" ? 1 : 2,
        template: rule.meta.messages.throughModule ?? "{{inner}}",
        report: {
          messageId: "throughModule",
          data: { trace: `${describeTrace(first)} (${first.source.reason})`, call: `module.${name}`, input: item.name, inner: sink.message.replace(/\.$/, "") },
          file: call.file.path,
          range: item.range,
          trace: first,
          related: [{ label: `module.${name}: where the module uses ${item.name}`, file: sink.file, range: sink.range }],
        },
      });
    }
  }
  return reports;
}
