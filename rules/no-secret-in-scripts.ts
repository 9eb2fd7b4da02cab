import { attr, type Located, nestedBlocks } from "../src/model/module.js";
import { docsUrl, type Rule } from "../src/rule-api/rule.js";
import type { Block, Expr } from "../src/model/types.js";
import type { Scope } from "../src/taint/taint.js";
import { taintedInterpolations } from "../src/taint/templates.js";
import { describeTrace } from "../src/taint/types.js";

interface ScriptSink {
  readonly where: string;
  readonly file: string;
  readonly expr: Expr;
  readonly scope: Scope;
}

/** Scripts Coder stores, returns from its API and streams into logs. */
function scriptSinks(blocks: readonly Located<Block>[], scopeOf: (b: Located<Block>) => Scope): ScriptSink[] {
  const sinks: ScriptSink[] = [];
  for (const block of blocks) {
    const [type = "", name = ""] = block.node.labels;
    const body = block.node.body;
    const add = (attribute: string, expr: Expr | undefined, where: string): void => {
      if (expr) sinks.push({ where: `${where} ${attribute}`, file: block.file.path, expr, scope: scopeOf(block) });
    };
    if (type === "coder_script") add("script", attr(body, "script")?.value, `coder_script.${name}`);
    if (type === "coder_app") add("command", attr(body, "command")?.value, `coder_app.${name}`);
    if (type === "coder_agent") {
      add("startup_script", attr(body, "startup_script")?.value, `coder_agent.${name}`);
      add("shutdown_script", attr(body, "shutdown_script")?.value, `coder_agent.${name}`);
      for (const metadata of nestedBlocks(body, "metadata")) add("script", attr(metadata.body, "script")?.value, `coder_agent.${name} metadata`);
    }
  }
  return sinks;
}

/** Does the script print what is interpolated here (rather than store or pipe it)? */
export function printsInterpolation(before: string, after: string): string | null {
  const lineStart = before.lastIndexOf("\n") + 1;
  const linePrefix = before.slice(lineStart);
  const lineEnd = after.indexOf("\n");
  const lineRest = lineEnd === -1 ? after : after.slice(0, lineEnd);
  const redirected = /(^|[^<>])>{1,2}\s*[^\s&]|\|/.test(lineRest) || /\|\s*$/.test(linePrefix);
  const printer = /(?:^|[;&|(\s])(echo|printf)(?=\s)/.exec(linePrefix);
  if (printer && !redirected) return printer[1] ?? "echo";
  // inside `cat <<EOF` ... EOF that writes to stdout
  const heredocs = [...before.matchAll(/(?:^|\n)[^\n]*\bcat\s*<<-?\s*['"]?(\w+)['"]?([^\n]*)\n/g)];
  const lastHeredoc = heredocs[heredocs.length - 1];
  if (lastHeredoc && !/>/.test(lastHeredoc[2] ?? "") && !/\|/.test(lastHeredoc[2] ?? "")) {
    const marker = lastHeredoc[1] ?? "";
    const rest = before.slice((lastHeredoc.index) + lastHeredoc[0].length);
    if (!new RegExp(`(^|\\n)\\s*${marker}\\s*(\\n|$)`).test(rest) && !/>\s*\S/.test(before.slice(lastHeredoc.index, lastHeredoc.index + lastHeredoc[0].length))) return "cat <<";
  }
  // shell tracing prints every command with its expanded arguments
  const tracing = [...before.matchAll(/\bset\s+([-+])[a-wyz]*x[a-z]*\b|\bset\s+([-+])o\s+xtrace\b/g)];
  const last = tracing[tracing.length - 1];
  if (last && (last[1] ?? last[2]) === "-") return "set -x";
  return null;
}

export const noSecretInScripts: Rule = {
  meta: {
    id: "no-secret-in-scripts",
    description: "Disallow secrets interpolated into scripts and commands Coder stores and logs",
    rationale:
      "coder_script scripts, agent startup and shutdown scripts, agent metadata scripts and coder_app commands are stored by Coder and returned by its API to anyone who can read the workspace, and script output streams into build and agent logs. Read secrets at run time instead (environment variables from coder_env, files, or `coder external-auth access-token`).",
    defaultSeverity: "warn",
    docsUrl: docsUrl("no-secret-in-scripts"),
    messages: {
      secretInScript: "Secret {{trace}} ({{reason}}) is interpolated into {{where}}, which Coder stores and returns from its API; pass it through the environment instead.",
      secretPrinted: "Secret {{trace}} ({{reason}}) is interpolated into {{where}} and printed by `{{printer}}`: it ends up in the workspace logs; pass it through the environment and never print it.",
      secretIntoTemplate: "Secret {{trace}} ({{reason}}) is passed into the script template of {{where}} as \"{{name}}\"; the rendered script is stored by Coder and returned from its API.",
    },
    tags: ["security", "secrets", "scripts"],
    securitySeverity: 6.0,
  },
  check(context) {
    const taint = context.analysis.taint;
    const blocks = context.module.resources();
    for (const sink of scriptSinks(blocks, (b) => taint.blockScope(b))) {
      for (const { interpolation, taint: t } of taintedInterpolations(sink.expr, taint, sink.scope)) {
        const first = t[0];
        if (!first) continue;
        const printer = printsInterpolation(interpolation.before, interpolation.after);
        context.report({
          messageId: printer ? "secretPrinted" : "secretInScript",
          data: { trace: describeTrace(first), reason: first.source.reason, where: sink.where, printer: printer ?? "" },
          file: sink.file,
          range: interpolation.part.range,
          trace: first,
          ...(printer ? { escalate: true } : {}),
        });
      }
      // templatefile("script.sh", { token = <secret> })
      if (sink.expr.kind === "call" && sink.expr.name === "templatefile" && sink.expr.args[1]?.kind === "object") {
        for (const item of sink.expr.args[1].items) {
          const first = taint.taintOf(item.value, sink.scope)[0];
          if (!first) continue;
          context.report({
            messageId: "secretIntoTemplate",
            data: { trace: describeTrace(first), reason: first.source.reason, where: sink.where, name: item.keyName ?? "?" },
            file: sink.file,
            range: item.range,
            trace: first,
          });
        }
      }
    }
  },
};
