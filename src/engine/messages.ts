import { formatMessage, type Report } from "../rule-api/rule.js";
import { describeTrace } from "../taint/types.js";
import { type LintMessage, rangeFields } from "./results.js";

/** Turns a rule's report into ESLint's message shape: the message text, the fix, and the trace steps. */
export function toMessage(report: Report, ruleId: string, configured: 1 | 2, template: string): LintMessage {
  const trace = report.trace;
  const fix = report.fix;
  return {
    ruleId,
    severity: report.escalate ? 2 : configured,
    message: formatMessage(template, report.data),
    messageId: report.messageId,
    nodeType: null,
    ...rangeFields(report.range),
    ...(fix ? { fix: { range: [fix.range.start.offset, fix.range.end.offset] as const, text: fix.text } } : {}),
    ...(trace
      ? {
          trace: {
            path: describeTrace(trace),
            steps: [
              { label: trace.source.id, filePath: trace.source.file, ...rangeFields(trace.source.range) },
              ...trace.hops.map((h) => ({ label: h.label, filePath: h.file, ...rangeFields(h.range) })),
              { label: ruleId, filePath: report.file, ...rangeFields(report.range) },
            ],
          },
        }
      : {}),
  };
}

