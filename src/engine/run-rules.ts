import { Catalog } from "../catalog/index.js";
import type { Module } from "../model/module.js";
import { ModuleAnalysis } from "../taint/analysis.js";
import { readProviderSchema, type ResolvedConfig } from "./config.js";
import { checkRule } from "./check-rule.js";
import { foldNote, foldReports, type RuleReport } from "./fold.js";
import { type CallResolver, moduleCallReports, moduleSummary } from "./module-calls.js";
import { registryModuleOf, registrySummary } from "./registry-catalog.js";
import { attr, literalString, type Located } from "../model/module.js";
import type { Block } from "../model/types.js";
import { toMessage } from "./messages.js";
import { RULES } from "./registry.js";
import { sep } from "node:path";
import { credentialReports, noHardcodedCredentials } from "../../rules/no-hardcoded-credentials.js";
import type { HclFile } from "../model/types.js";
import { fatalMessage, type LintMessage, noticeMessage, timed, type Timings } from "./results.js";


/** The secret catalog of a configuration: the bundled tables, plus its attributes and provider schemas. */
export function buildCatalog(config: ResolvedConfig): Catalog {
  const catalog = new Catalog();
  catalog.addAttributes(config.sensitiveAttributes);
  for (const schema of config.providerSchemas) catalog.addProviderSchema(readProviderSchema(schema));
  return catalog;
}

/**
 * Local modules nested deeper than this are not summarised (a repository of thousands of folders,
 * each calling the next, must not become stack depth): as deep as the taint analysis follows outputs.
 */
const MAX_SUMMARY_DEPTH = 8;

/**
 * How a module's calls resolve: a local or downloaded module the loader linked (analysed here, up
 * to MAX_SUMMARY_DEPTH levels down), a Coder registry module (its catalog summary), else unknown
 * (not followed).
 */
export function calledModules(module: Module, catalog: Catalog, depth = 0): CallResolver {
  return (call, name) => {
    const child = module.children.get(name);
    if (child) return depth < MAX_SUMMARY_DEPTH ? { summary: moduleSummary(child, catalog, calledModules(child, catalog, depth + 1)), label: `module.${name}` } : null;
    const source = literalString(attr(call.node.body, "source")?.value);
    const registry = source ? registryModuleOf(source) : null;
    const summary = registry ? registrySummary(registry) : null;
    return summary ? { summary: summary.summary, label: withVersion(summary.label, call), credentialDefaults: summary.credentialDefaults } : null;
  };
}

/**
 * The catalog holds one summary per module (the registry commit it was generated from): a call that
 * asks for a version is told that the nearest summary stands in for it.
 */
function withVersion(label: string, call: Located<Block>): string {
  const version = literalString(attr(call.node.body, "version")?.value);
  return version ? label.replace(/\)$/, `, the nearest summary to the version ${version} the call asks for)`) : label;
}

/**
 * A module source as debug output shows it: the user and password of a URL
 * (`git::https://user:token@host/x.git`) and the values of its query (`?sshkey=...`) masked, since
 * a source may carry the credential that fetches it.
 */
export function withoutCredentials(source: string): string {
  return source.replace(/(\/\/)[^/@\s]+@/g, "$1…@").replace(/([?&][^=&#\s]+=)[^&#\s]+/g, "$1…");
}

/**
 * How each module call of a module resolved, for `--debug`: a local path, a module terraform init
 * downloaded, the registry catalog (its version), or unknown (not followed: run terraform init
 * first, or add the module to the catalog).
 */
export function moduleCallResolutions(module: Module): string[] {
  const lines: string[] = [];
  for (const call of module.blocks("module")) {
    const name = call.node.labels[0] ?? "";
    const source = literalString(attr(call.node.body, "source")?.value) ?? "(computed)";
    const child = module.children.get(name);
    const registry = registryModuleOf(source);
    const summary = registry ? registrySummary(registry) : null;
    const how = child
      ? `${child.dir.includes(`${sep}.terraform${sep}modules${sep}`) ? "downloaded by terraform init" : "local path"}: ${child.dir}`
      : summary
        ? `catalog: ${withVersion(summary.label, call)}`
        : "unknown (not followed; run terraform init first, or add the module to the registry catalog)";
    lines.push(`module call ${module.dir}: module.${name} (${withoutCredentials(source)}) -> ${how}`);
  }
  return lines;
}

/** Runs the rules of one module and returns their reports by file. */
export function runRules(module: Module, catalog: Catalog, config: ResolvedConfig, timings?: Timings): Map<string, LintMessage[]> {
  const byFile = new Map<string, LintMessage[]>();
  const reports: RuleReport[] = [];
  const active = RULES.filter((r) => config.rules[r.meta.id]?.severity !== "off");
  if (active.length === 0 || module.files.length === 0) return byFile;
  const analysis = timed(timings, "analysis", () => new ModuleAnalysis(module, catalog));
  for (const rule of active) {
    const setting = config.rules[rule.meta.id];
    const severity = setting?.severity === "warn" ? 1 : 2;
    timed(timings, rule.meta.id, () => {
      try {
        checkRule(rule, module, analysis, setting?.options ?? {}, severity, reports);
      } catch (error) {
        // one rule failing on one module must not stop the run: say so on the module's files
        const reason = error instanceof Error ? error.message : String(error);
        for (const file of module.files) {
          const list = byFile.get(file.path) ?? [];
          list.push(fatalMessage(`Internal error in rule ${rule.meta.id}: ${reason.slice(0, 200)}`, null));
          byFile.set(file.path, list);
        }
      }
    });
  }
  // secrets passed into the modules this one calls, reported at the argument
  if (module.blocks("module").length > 0) timed(timings, "module-calls", () => reports.push(...moduleCallReports(module, analysis, config, calledModules(module, catalog))));
  // a module tree too wide to follow whole: say where the analysis stopped
  if (analysis.taint.instances.exhausted) {
    const first = module.files[0];
    if (first) {
      const list = byFile.get(first.path) ?? [];
      const message = `Module analysis stopped after ${String(analysis.taint.instances.limit)} distinct child module instances: outputs of the module calls past that bound were not followed, so findings through them may be missing.`;
      list.push(noticeMessage(message, 1, null));
      byFile.set(first.path, list);
    }
  }
  // each mistake once: repeats and a secret parameter's downstream findings fold into one finding
  const rootCauseOn = config.rules["no-secret-parameters"]?.severity !== "off";
  for (const item of foldReports(reports, rootCauseOn)) {
    const message = toMessage(item.report, item.ruleId, item.severity, item.template);
    const note = foldNote(item);
    const list = byFile.get(item.report.file) ?? [];
    list.push(item.related.length > 0 ? { ...message, message: note ? `${message.message} ${note}` : message.message, related: item.related } : message);
    byFile.set(item.report.file, list);
  }
  return byFile;
}


/**
 * The credentials of a file that does not parse: a syntax error must not hide a token typed
 * further down. The credential scan needs no parse (known formats are found in the raw text; named
 * literals in what the parser recovered), so no-hardcoded-credentials still reports them, at its
 * configured severity; the other rules need the whole file and wait for the fix.
 */
export function unparsedFileMessages(file: HclFile, config: ResolvedConfig): LintMessage[] {
  const setting = config.rules[noHardcodedCredentials.meta.id];
  if (!setting || setting.severity === "off") return [];
  const severity = setting.severity === "warn" ? 1 : 2;
  return credentialReports(file).map((report) => toMessage(report, noHardcodedCredentials.meta.id, severity, noHardcodedCredentials.meta.messages[report.messageId] ?? report.messageId));
}
