import type { Catalog } from "../catalog/index.js";
import type { Located, Module } from "../model/module.js";
import type { Block, Range } from "../model/types.js";
import { formatMessage, type Rule } from "../rule-api/rule.js";
import { ModuleAnalysis } from "../taint/analysis.js";
import { describeTrace, type Taint, type Trace } from "../taint/types.js";
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

/** Resolves the module a call names (local, downloaded, registry), or null when it is not known. */
export type CallResolver = (call: Located<Block>, name: string) => CalledModule | null;

/** Every sink rule on, for a summary (what the module does, whatever the caller's configuration) and for the editor (ESLint's configuration decides). */
export const ALL_SINKS_ON = { rules: Object.fromEntries([...SINK_RULES, "no-hardcoded-credentials"].map((id) => [id, { severity: "error", options: {} }])) } as unknown as ResolvedConfig;

/**
 * What the module does with each input variable: its own sinks, and (with `resolve`) the sinks of
 * the modules it passes the input on to. Computed once per module unless `remember` is false (the
 * registry catalog is built in passes).
 */
export function moduleSummary(child: Module, catalog: Catalog, resolve?: CallResolver, remember = true): Map<string, InputSink[]> {
  let summary = remember ? summaries.get(child) : undefined;
  if (summary) return summary;
  summary = new Map();
  // set before it is computed: a module that reaches itself again sees an empty summary, not a loop
  if (remember) summaries.set(child, summary);
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
    addInputSinks(summary, reports);
  }
  // inputs passed on to the modules this one calls (aider's api_key into agentapi's start_script)
  if (resolve && child.blocks("module").length > 0) addInputSinks(summary, moduleCallReports(child, analysis, ALL_SINKS_ON, resolve));
  return summary;
}

/** The reports whose secret is one of the module's inputs, as that input's sinks. */
function addInputSinks(summary: Map<string, InputSink[]>, reports: readonly RuleReport[]): void {
  for (const { ruleId, report, template } of reports) {
    const source = report.trace?.source;
    if (source?.kind !== "module-input") continue;
    const input = source.id.slice("var.".length);
    const list = summary.get(input) ?? [];
    list.push({ ruleId, message: formatMessage(template, report.data), file: report.file, range: report.range });
    summary.set(input, list);
  }
}

/** A called module as the analysis knows it: what it does with each input, and inputs that default to a credential. */
export interface CalledModule {
  readonly summary: ReadonlyMap<string, readonly InputSink[]>;
  /** How the finding names where the module comes from (`module.x`, a registry module and its catalog version). */
  readonly label: string;
  readonly credentialDefaults?: ReadonlyMap<string, { readonly masked: string; readonly file: string; readonly range: Range }>;
}

/**
 * Reports for the secrets a module passes to the modules it calls, at each argument (the caller's
 * taint decides which arguments carry a secret), and for a credential default left in force.
 * `resolve` gives the called module of a call, or null when it is not known.
 */
export function moduleCallReports(module: Module, analysis: ModuleAnalysis, config: ResolvedConfig, resolve: CallResolver): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const call of module.blocks("module")) {
    const name = call.node.labels[0] ?? "";
    const called = resolve(call, name);
    if (!called) continue;
    reports.push(...callReports(call, name, called, analysis, config));
    reports.push(...defaultReports(call, name, called, config));
  }
  return reports;
}

/** A credential the module's published default supplies, for an input the call leaves unset. */
function defaultReports(call: Located<Block>, name: string, called: CalledModule, config: ResolvedConfig): RuleReport[] {
  const setting = config.rules["no-hardcoded-credentials"];
  if (!called.credentialDefaults || !setting || setting.severity === "off") return [];
  const rule = RULES_BY_ID.get("no-hardcoded-credentials") as Rule;
  const reports: RuleReport[] = [];
  for (const [input, fallback] of called.credentialDefaults) {
    if (call.node.body.items.some((item) => item.kind === "attribute" && item.name === input)) continue;
    reports.push({
      ruleId: rule.meta.id,
      severity: setting.severity === "warn" ? 1 : 2,
      template: rule.meta.messages.moduleDefault ?? "{{input}}",
      report: {
        messageId: "moduleDefault",
        data: { call: `module.${name}`, module: called.label, input, masked: fallback.masked },
        file: call.file.path,
        range: call.node.headerRange,
        related: [{ label: `${called.label}: the default of ${input}`, file: fallback.file, range: fallback.range }],
      },
    });
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

function callReports(call: Located<Block>, name: string, called: CalledModule, analysis: ModuleAnalysis, config: ResolvedConfig): RuleReport[] {
  const summary = called.summary;
  const reports: RuleReport[] = [];
  let covered: Set<string> | null = null;
  const scope = analysis.taint.blockScope(call);
  for (const item of call.node.body.items) {
    if (item.kind !== "attribute" || META_ARGUMENTS.has(item.name)) continue;
    const sinks = summary.get(item.name);
    if (!sinks) continue;
    const taint = analysis.taint.taintOf(item.value, scope);
    if (taint.length === 0) continue;
    // one finding per secret the argument carries (a script argument can carry several inputs)
    const bySource = new Map<string, Trace>();
    for (const trace of taint) if (!bySource.has(trace.source.id)) bySource.set(trace.source.id, trace);
    for (const [first, sink] of [...bySource.values()].flatMap((trace) => sinks.map((each) => [trace, each] as const))) {
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
          data: { trace: `${describeTrace(first)} (${first.source.reason})`, call: called.label, input: item.name, inner: sink.message.replace(/\.$/, "") },
          file: call.file.path,
          range: item.range,
          trace: first,
          related: [{ label: `${called.label}: where the module uses ${item.name}`, file: sink.file, range: sink.range }],
        },
      });
    }
  }
  return reports;
}
