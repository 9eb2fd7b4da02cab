import { endOffsetOf, startOffsetOf } from "../model/positions.js";
import type { Report } from "../rule-api/rule.js";
import { rangeFields, type RelatedLocation } from "./results.js";

/**
 * Report each mistake once. Two folds, on the reports of one module before they become messages:
 *
 * 1. Within a rule, reports that share a `group` (one secret reaching one attribute) become the
 *    first of them, with the others as related locations.
 * 2. A parameter reported by no-secret-parameters is the root cause of what its value does
 *    downstream: other rules' reports whose secret is that parameter are folded into its finding.
 *
 * Before both, a report identical to an earlier one (rule, place, message and data) is dropped: a
 * value reached by two paths that end alike (a local used twice) is one finding, not two.
 */
export interface RuleReport {
  readonly ruleId: string;
  readonly report: Report;
  readonly severity: 1 | 2;
  readonly template: string;
}

export interface FoldedReport extends RuleReport {
  readonly related: RelatedLocation[];
  /** How many repeats were folded in (the message says so). */
  readonly repeats: number;
  /** Findings of other rules folded in, by rule. */
  readonly downstream: string[];
}

const ROOT_CAUSE_RULE = "no-secret-parameters";

function before(a: Report, b: Report): boolean {
  if (a.file !== b.file) return a.file < b.file;
  return a.range.start.offset < b.range.start.offset;
}

function location(label: string, report: Report): RelatedLocation {
  return { label, filePath: report.file, ...rangeFields(report.range) };
}

/** The parameter a report's secret comes from, when it is a secret parameter. */
function parameterOf(report: Report): string | null {
  const source = report.trace?.source;
  if (source?.kind !== "secret-parameter") return null;
  return source.id.split(".")[2] ?? null;
}

export function foldReports(reports: readonly RuleReport[], rootCauseOn: boolean): FoldedReport[] {
  // mutable while folding: linear in the reports (80,000 repeats of one secret in one script)
  type Folding = { -readonly [K in keyof FoldedReport]: FoldedReport[K] };
  const out: Folding[] = [];
  const byGroup = new Map<string, Folding>();
  const seen = new Set<string>();
  for (const item of reports) {
    const { report } = item;
    const identity = `${item.ruleId}\u0000${report.file}\u0000${String(startOffsetOf(report.range))}\u0000${String(endOffsetOf(report.range))}\u0000${report.messageId}\u0000${JSON.stringify(report.data ?? {})}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const group = item.report.group;
    const key = group === undefined ? null : `${item.ruleId}\u0000${group}`;
    const kept = key === null ? undefined : byGroup.get(key);
    if (!kept) {
      const related = (report.related ?? []).map((r) => ({ label: r.label, filePath: r.file, ...rangeFields(r.range) }));
      const folding: Folding = { ...item, related, repeats: 0, downstream: [] };
      if (key !== null) byGroup.set(key, folding);
      out.push(folding);
      continue;
    }
    // the first place stays the finding; the others are where it recurs
    if (before(item.report, kept.report)) {
      kept.related.push(location("the same secret again", kept.report));
      kept.report = item.report;
      kept.severity = item.severity;
      kept.template = item.template;
    } else kept.related.push(location("the same secret again", item.report));
    kept.repeats++;
  }
  if (!rootCauseOn) return out;
  // root causes: the no-secret-parameters finding of each parameter
  const roots = new Map<string, Folding>();
  for (const item of out) {
    const name = item.ruleId === ROOT_CAUSE_RULE ? item.report.data?.name : undefined;
    if (name) roots.set(name, item);
  }
  if (roots.size === 0) return out;
  // a secret put in a script, a URL, cleartext metadata or env without a sensitive item is its own
  // mistake whatever the secret's source: replacing the parameter (with data "coder_secret") leaves
  // it there. So nothing folds away: the root finding lists those findings, which stay findings.
  for (const item of out) {
    const parameter = item.ruleId === ROOT_CAUSE_RULE ? null : parameterOf(item.report);
    const root = parameter === null ? undefined : roots.get(parameter);
    if (!root) continue;
    root.related.push(location(`${item.ruleId}: the parameter's value used here (a finding of its own)`, item.report));
    root.downstream.push(item.ruleId);
  }
  return out;
}

/** What a folded finding adds to its message: how often it recurs, and what it causes downstream. */
export function foldNote(item: FoldedReport): string {
  const notes: string[] = [];
  if (item.repeats > 0) notes.push(`It recurs ${String(item.repeats)} more ${item.repeats === 1 ? "time" : "times"} in the same place (related locations).`);
  if (item.downstream.length > 0) {
    const counts = new Map<string, number>();
    for (const rule of item.downstream) counts.set(rule, (counts.get(rule) ?? 0) + 1);
    const list = [...counts].map(([rule, n]) => `${String(n)} ${rule}`).join(", ");
    notes.push(
      `Its value is also used in ${String(item.downstream.length)} ${item.downstream.length === 1 ? "place" : "places"} reported as ${item.downstream.length === 1 ? "a finding" : "findings"} of ${item.downstream.length === 1 ? "its" : "their"} own (${list}; related locations): replacing the parameter does not fix ${item.downstream.length === 1 ? "it" : "them"}.`,
    );
  }
  return notes.join(" ");
}
