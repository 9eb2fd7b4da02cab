import { attr, bodyExpressions, nestedBlocks, subExpressions } from "../src/model/module.js";
import { endOffsetOf, startOffsetOf } from "../src/model/positions.js";
import { textContains } from "../src/model/text-index.js";
import { docsUrl, type Rule, THROUGH_MODULE_MESSAGE } from "../src/rule-api/rule.js";
import type { Expr, Range } from "../src/model/types.js";
import { taintedInterpolations, templateText } from "../src/taint/templates.js";
import { describeTrace } from "../src/taint/types.js";

/**
 * How far around an interpolation a URL is looked for. The URL token is what surrounds it up to
 * whitespace or quotes; searching the whole text before each interpolation instead was quadratic
 * (80,000 interpolations in one script: minutes).
 */
const URL_WINDOW = 2048;

/** Where in a URL an interpolation sits: its query string or its userinfo (`user:pass@`). */
export function urlPart(wholeBefore: string, wholeAfter: string): "query" | "userinfo" | null {
  const before = wholeBefore.length > URL_WINDOW ? wholeBefore.slice(-URL_WINDOW) : wholeBefore;
  const after = wholeAfter.length > URL_WINDOW ? wholeAfter.slice(0, URL_WINDOW) : wholeAfter;
  // the URL token around the interpolation: no whitespace or quotes inside
  const start = Math.max(before.lastIndexOf(" "), before.lastIndexOf("\n"), before.lastIndexOf('"'), before.lastIndexOf("'"), before.lastIndexOf("\t"));
  const head = before.slice(start + 1);
  const scheme = head.indexOf("://");
  if (scheme === -1) return null;
  const afterScheme = head.slice(scheme + 3);
  if (/[?&#]/.test(afterScheme) || /^[^/]*\/[^?]*\?/.test(afterScheme)) return afterScheme.includes("?") ? "query" : null;
  const tailEnd = after.search(/[\s"']/);
  const tail = tailEnd === -1 ? after : after.slice(0, tailEnd);
  if (!afterScheme.includes("/") && !afterScheme.includes("@") && /^[^/@?#]*@/.test(tail)) return "userinfo";
  return null;
}

/** A URL needs "://" in the source, or an escape that could spell it. */
function mayHoldUrl(file: { readonly text: string }, range: Range): boolean {
  const start = startOffsetOf(range);
  const end = endOffsetOf(range);
  return textContains(file, "://", start, end) || textContains(file, "\\", start, end);
}

export const noSecretInUrls: Rule = {
  meta: {
    id: "no-secret-in-urls",
    description: "Disallow secrets in URLs: coder_app URLs, query strings and userinfo",
    rationale:
      "URLs are shown in the dashboard, returned by Coder's API, kept in browser history and written to proxy and server access logs. A token in a coder_app url, a healthcheck url or any URL's query string or user:password part leaks to all of them. Authenticate with headers, the environment or Coder's own app authentication instead.",
    defaultSeverity: "error",
    docsUrl: docsUrl("no-secret-in-urls"),
    messages: {
      throughModule: THROUGH_MODULE_MESSAGE,
      secretInAppUrl: "Secret {{trace}} ({{reason}}) is part of {{where}}: app URLs are shown to users, returned by the API and logged.",
      secretInUrl: "Secret {{trace}} ({{reason}}) is put into the {{part}} of a URL: URLs end up in logs, history and the API.",
    },
    tags: ["security", "secrets", "urls"],
    securitySeverity: 7.0,
  },
  check(context) {
    const taint = context.analysis.taint;
    const reported = new Set<number>();
    for (const app of context.module.resources("coder_app")) {
      const scope = taint.blockScope(app);
      const name = app.node.labels[1] ?? "";
      const urls: [string, Expr | undefined][] = [
        [`coder_app.${name} url`, attr(app.node.body, "url")?.value],
        ...nestedBlocks(app.node.body, "healthcheck").map((h): [string, Expr | undefined] => [`coder_app.${name} healthcheck url`, attr(h.body, "url")?.value]),
      ];
      for (const [where, expr] of urls) {
        if (!expr) continue;
        const found = taintedInterpolations(expr, taint, scope);
        const targets = found.length > 0 ? found.map((f) => ({ range: f.interpolation.part.range, first: f.taint[0], file: f.file })) : [{ range: expr.range, first: taint.taintOf(expr, scope)[0], file: app.file.path }];
        for (const { range, first, file } of targets) {
          if (!first) continue;
          reported.add(range.start.offset);
          context.report({ messageId: "secretInAppUrl", data: { trace: describeTrace(first), reason: first.source.reason, where }, file, range, trace: first, group: `${where}\u0000${first.source.id}` });
        }
      }
    }
    const blocks = [...context.module.resources(), ...context.module.dataSources(), ...context.module.blocks("locals"), ...context.module.blocks("module"), ...context.module.blocks("output")];
    for (const block of blocks) {
      // a block whose text spells no URL (and no escape that could) has none: most blocks
      if (!mayHoldUrl(block.file, block.node.range)) continue;
      const scope = taint.blockScope(block);
      for (const root of bodyExpressions(block.node.body)) {
        if (!mayHoldUrl(block.file, root.range)) continue;
        for (const sub of subExpressions(root)) {
          // a URL needs a scheme (urlPart): templates that spell no "://" are passed over unanalysed
          if (sub.kind !== "template" || !templateText(sub).includes("://")) continue;
          for (const { interpolation, taint: t } of taintedInterpolations(sub, taint, scope)) {
            const range = interpolation.part.range;
            const part = urlPart(interpolation.before, interpolation.after);
            const first = t[0];
            if (!part || !first || reported.has(range.start.offset)) continue;
            reported.add(range.start.offset);
            context.report({
              messageId: "secretInUrl",
              data: { trace: describeTrace(first), reason: first.source.reason, part: part === "query" ? "query string" : "user:password part" },
              file: block.file.path,
              range,
              trace: first,
              // one finding per secret per attribute (and per part of the URL)
              group: `${block.file.path}\u0000${String(root.range.start.offset)}\u0000${first.source.id}\u0000${part}`,
            });
          }
        }
      }
    }
  },
};
