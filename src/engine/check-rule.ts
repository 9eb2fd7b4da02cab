import type { Module } from "../model/module.js";
import type { Rule } from "../rule-api/rule.js";
import type { ModuleAnalysis } from "../taint/analysis.js";
import type { RuleReport } from "./fold.js";

/** Runs one rule on a module, adding its reports, with their message templates, to `out`. */
export function checkRule(rule: Rule, module: Module, analysis: ModuleAnalysis, options: Readonly<Record<string, unknown>>, severity: 1 | 2, out: RuleReport[]): void {
  rule.check({
    module,
    analysis,
    options,
    report(report) {
      out.push({ ruleId: rule.meta.id, report, severity, template: rule.meta.messages[report.messageId] ?? report.messageId });
    },
  });
}

